import type {
  ConnectCustomKeyStoreRequest,
  CreateCustomKeyStoreRequest,
  CustomKeyStoresListEntry,
  DeleteCustomKeyStoreRequest,
  DescribeCustomKeyStoresRequest,
  DisconnectCustomKeyStoreRequest,
  UpdateCustomKeyStoreRequest,
} from '@aws-sdk/client-kms';
import { customKeyStoreNotFound, keyStores as errors, pairing } from '../../errors';
import type { Shape, StringShape } from '../shapes';
import { keysInStore, storeNamed } from '../customKeyStores';
import type { CustomKeyStoreRecord, RegionState, XksProxySettings } from '../store';
import { makeUnavailable, scheduleConnected } from '../transients';
import { operation, type OperationGroup } from './operation';
import { customKeyStoreIdParam, limitParam, markerParam, pageFields, paginate } from './params';

// ---- the parameters, with the limits of the KMS service model ----

const storeIdParam: StringShape = { ...customKeyStoreIdParam, required: true };
const nameParam: StringShape = { type: 'string', min: 1, max: 256 };
const settings = {
  CloudHsmClusterId: { type: 'string', min: 19, max: 24 },
  KeyStorePassword: { type: 'string', min: 7, max: 32, sensitive: true },
  XksProxyUriEndpoint: { type: 'string', min: 10, max: 128, pattern: /^https:\/\/[a-zA-Z0-9.-]+$/ },
  XksProxyUriPath: { type: 'string', min: 10, max: 128, pattern: /^(\/[a-zA-Z0-9/_-]+\/kms\/xks\/v\d{1,2})$|^(\/kms\/xks\/v\d{1,2})$/ },
  XksProxyVpcEndpointServiceName: {
    type: 'string',
    min: 20,
    max: 64,
    pattern: /^com\.amazonaws\.vpce\.([a-z]+-){2,3}\d+\.vpce-svc-[0-9a-z]+$/,
  },
  XksProxyVpcEndpointServiceOwner: { type: 'string', min: 12, max: 12, pattern: /^[0-9]{12}$/ },
  XksProxyAuthenticationCredential: {
    type: 'structure',
    members: {
      AccessKeyId: { type: 'string', required: true, min: 20, max: 30, pattern: /^[A-Z2-7]+$/, sensitive: true },
      RawSecretAccessKey: { type: 'string', required: true, min: 43, max: 64, pattern: /^[a-zA-Z0-9/+=]+$/, sensitive: true },
    },
  },
  XksProxyConnectivity: { type: 'string', enum: ['PUBLIC_ENDPOINT', 'VPC_ENDPOINT_SERVICE'] },
} as const satisfies Record<string, Shape>;

type Settings = Omit<UpdateCustomKeyStoreRequest, 'CustomKeyStoreId' | 'NewCustomKeyStoreName'>;
const CLOUDHSM_ONLY = ['CloudHsmClusterId', 'KeyStorePassword', 'TrustAnchorCertificate'] as const;
const XKS_ONLY = Object.keys(settings).filter((m) => m.startsWith('Xks'));

// ---- lookups and rules shared by the operations ----

function assertNameFree(region: RegionState, name: string, except?: CustomKeyStoreRecord): void {
  for (const store of region.customKeyStores.values()) if (store !== except && store.name === name) throw errors.nameInUse(name);
}

/** A parameter of the other store type is rejected rather than ignored (API Reference: CreateCustomKeyStore). */
function assertMembersFit(input: object, type: CustomKeyStoreRecord['type']): void {
  const foreign: readonly string[] = type === 'AWS_CLOUDHSM' ? XKS_ONLY : CLOUDHSM_ONLY;
  const found = Object.keys(input).find((m) => foreign.includes(m));
  if (found) throw errors.notFor(found, type);
}

/** The XKS proxy settings after applying `input` to `current`, checked as a whole. */
function xksSettings(region: RegionState, input: Settings, current: CustomKeyStoreRecord | undefined): XksProxySettings {
  const was = current?.xks;
  const need = <T>(value: T | undefined, member: string): T => {
    if (value === undefined) throw errors.missing(member, 'EXTERNAL_KEY_STORE');
    return value;
  };
  const credential = input.XksProxyAuthenticationCredential;
  const connectivity = need(input.XksProxyConnectivity ?? was?.connectivity, 'XksProxyConnectivity');
  const next: XksProxySettings = {
    uriEndpoint: need(input.XksProxyUriEndpoint ?? was?.uriEndpoint, 'XksProxyUriEndpoint'),
    uriPath: need(input.XksProxyUriPath ?? was?.uriPath, 'XksProxyUriPath'),
    connectivity,
    accessKeyId: need(credential?.AccessKeyId ?? was?.accessKeyId, 'XksProxyAuthenticationCredential'),
    secret: need(credential?.RawSecretAccessKey ?? was?.secret, 'XksProxyAuthenticationCredential'),
  };
  if (connectivity === 'VPC_ENDPOINT_SERVICE') {
    next.vpcEndpointServiceName = need(input.XksProxyVpcEndpointServiceName ?? was?.vpcEndpointServiceName, 'XksProxyVpcEndpointServiceName');
    const owner = input.XksProxyVpcEndpointServiceOwner ?? was?.vpcEndpointServiceOwner;
    if (owner !== undefined) next.vpcEndpointServiceOwner = owner;
  } else if (input.XksProxyVpcEndpointServiceName !== undefined || input.XksProxyVpcEndpointServiceOwner !== undefined) {
    throw errors.vpcServiceWithoutVpc();
  }
  // Uniqueness within the account and Region (API Reference: CreateCustomKeyStore, XksProxyUriEndpoint).
  for (const other of region.customKeyStores.values()) {
    const x = other.xks;
    if (other === current || !x) continue;
    if (connectivity === 'PUBLIC_ENDPOINT' && x.connectivity === 'PUBLIC_ENDPOINT' && x.uriEndpoint === next.uriEndpoint) throw errors.uriEndpointInUse();
    if (x.uriEndpoint === next.uriEndpoint && x.uriPath === next.uriPath) throw errors.uriInUse();
    if (next.vpcEndpointServiceName !== undefined && x.vpcEndpointServiceName === next.vpcEndpointServiceName) throw errors.vpcServiceInUse();
  }
  return next;
}

function assertClusterFree(region: RegionState, clusterId: string, except?: CustomKeyStoreRecord): void {
  for (const store of region.customKeyStores.values()) if (store !== except && store.cloudHsmClusterId === clusterId) throw errors.clusterInUse(clusterId);
}

function entryOf(store: CustomKeyStoreRecord): CustomKeyStoresListEntry {
  const x = store.xks;
  return {
    CustomKeyStoreId: store.id,
    CustomKeyStoreName: store.name,
    CustomKeyStoreType: store.type,
    ConnectionState: store.connectionState,
    CreationDate: store.creationDate,
    ...(store.cloudHsmClusterId && { CloudHsmClusterId: store.cloudHsmClusterId }),
    ...(store.trustAnchorCertificate && { TrustAnchorCertificate: store.trustAnchorCertificate }),
    ...(x && {
      XksProxyConfiguration: {
        Connectivity: x.connectivity,
        AccessKeyId: x.accessKeyId,
        UriEndpoint: x.uriEndpoint,
        UriPath: x.uriPath,
        ...(x.vpcEndpointServiceName && { VpcEndpointServiceName: x.vpcEndpointServiceName }),
        ...(x.vpcEndpointServiceOwner && { VpcEndpointServiceOwner: x.vpcEndpointServiceOwner }),
      },
    }),
  };
}

// ---- the operations ----

const CreateCustomKeyStore = operation<CreateCustomKeyStoreRequest>({
  input: {
    CustomKeyStoreName: { ...nameParam, required: true },
    CustomKeyStoreType: { type: 'string', enum: ['AWS_CLOUDHSM', 'EXTERNAL_KEY_STORE'] },
    TrustAnchorCertificate: { type: 'string', min: 1, max: 5000 },
    ...settings,
  },
  run(ctx, input) {
    const type = input.CustomKeyStoreType ?? 'AWS_CLOUDHSM';
    assertMembersFit(input, type);
    const region = ctx.region;
    assertNameFree(region, input.CustomKeyStoreName!);
    let settings: Partial<CustomKeyStoreRecord>;
    if (type === 'AWS_CLOUDHSM') {
      for (const member of CLOUDHSM_ONLY) if (input[member] === undefined) throw errors.missing(member, type);
      assertClusterFree(region, input.CloudHsmClusterId!);
      settings = { cloudHsmClusterId: input.CloudHsmClusterId!, trustAnchorCertificate: input.TrustAnchorCertificate!, keyStorePassword: input.KeyStorePassword! };
    } else {
      settings = { xks: xksSettings(region, input, undefined) };
    }
    // The ID is drawn once every check has passed: a refused call draws nothing, so a seeded fake's later IDs stay put.
    const store: CustomKeyStoreRecord = {
      id: `cks-${ctx.core.entropy.hex(17)}`,
      name: input.CustomKeyStoreName!,
      type,
      creationDate: ctx.now,
      connectionState: 'DISCONNECTED',
      ...settings,
    };
    region.customKeyStores.set(store.id, store);
    return { CustomKeyStoreId: store.id };
  },
});

const DescribeCustomKeyStores = operation<DescribeCustomKeyStoresRequest>({
  input: { CustomKeyStoreId: customKeyStoreIdParam, CustomKeyStoreName: nameParam, Limit: limitParam(1000), Marker: markerParam },
  check(input) {
    if (input.CustomKeyStoreId !== undefined && input.CustomKeyStoreName !== undefined) throw pairing.both('CustomKeyStoreId', 'CustomKeyStoreName');
  },
  run(ctx, input) {
    let stores = [...ctx.region.customKeyStores.values()];
    if (input.CustomKeyStoreId !== undefined) stores = [storeNamed(ctx.region, input.CustomKeyStoreId)];
    if (input.CustomKeyStoreName !== undefined) {
      stores = stores.filter((s) => s.name === input.CustomKeyStoreName);
      if (stores.length === 0) throw customKeyStoreNotFound();
    }
    const page = paginate(stores, (s) => s.id, input.Limit ?? 1000, input.Marker);
    return {
      CustomKeyStores: page.items.map(entryOf),
      ...pageFields(page),
    };
  },
});

const ConnectCustomKeyStore = operation<ConnectCustomKeyStoreRequest>({
  input: { CustomKeyStoreId: storeIdParam },
  run(ctx, input) {
    const store = storeNamed(ctx.region, input.CustomKeyStoreId!);
    // Valid in every state but DISCONNECTING and FAILED (API Reference: CustomKeyStoreInvalidStateException).
    if (store.connectionState === 'DISCONNECTING' || store.connectionState === 'FAILED') {
      throw errors.invalidState(store.id, store.connectionState, 'ConnectCustomKeyStore');
    }
    if (store.connectionState === 'DISCONNECTED') {
      store.connectionState = 'CONNECTING';
      scheduleConnected(ctx.core, ctx.region, store);
    }
    return {};
  },
});

const DisconnectCustomKeyStore = operation<DisconnectCustomKeyStoreRequest>({
  input: { CustomKeyStoreId: storeIdParam },
  run(ctx, input) {
    const store = storeNamed(ctx.region, input.CustomKeyStoreId!);
    if (store.connectionState === 'DISCONNECTING' || store.connectionState === 'DISCONNECTED') {
      throw errors.invalidState(store.id, store.connectionState, 'DisconnectCustomKeyStore');
    }
    // Deliberate simplification: AWS passes through DISCONNECTING; the fake is DISCONNECTED at once.
    store.connectionState = 'DISCONNECTED';
    for (const key of keysInStore(ctx.region, store.id)) makeUnavailable(key);
    return {};
  },
});

const UpdateCustomKeyStore = operation<UpdateCustomKeyStoreRequest>({
  input: { CustomKeyStoreId: storeIdParam, NewCustomKeyStoreName: nameParam, ...settings },
  run(ctx, input) {
    const store = storeNamed(ctx.region, input.CustomKeyStoreId!);
    assertMembersFit(input, store.type);
    const changes = Object.keys(input).filter((m) => m in settings);
    // Connected: only the name may change; everything else needs DISCONNECTED (API Reference: UpdateCustomKeyStore).
    const allowed = store.connectionState === 'DISCONNECTED' || (store.connectionState === 'CONNECTED' && changes.length === 0);
    if (!allowed) throw errors.invalidState(store.id, store.connectionState, 'UpdateCustomKeyStore');
    if (input.NewCustomKeyStoreName !== undefined) assertNameFree(ctx.region, input.NewCustomKeyStoreName, store);
    if (input.CloudHsmClusterId !== undefined) assertClusterFree(ctx.region, input.CloudHsmClusterId, store);
    const xks = store.type === 'EXTERNAL_KEY_STORE' ? xksSettings(ctx.region, input, store) : undefined;
    if (input.NewCustomKeyStoreName !== undefined) store.name = input.NewCustomKeyStoreName;
    if (input.KeyStorePassword !== undefined) store.keyStorePassword = input.KeyStorePassword;
    if (input.CloudHsmClusterId !== undefined) {
      store.cloudHsmClusterId = input.CloudHsmClusterId;
      for (const key of keysInStore(ctx.region, store.id)) key.cloudHsmClusterId = input.CloudHsmClusterId;
    }
    if (xks) store.xks = xks;
    return {};
  },
});

const DeleteCustomKeyStore = operation<DeleteCustomKeyStoreRequest>({
  input: { CustomKeyStoreId: storeIdParam },
  run(ctx, input) {
    const store = storeNamed(ctx.region, input.CustomKeyStoreId!);
    if (store.connectionState !== 'DISCONNECTED') throw errors.invalidState(store.id, store.connectionState, 'DeleteCustomKeyStore');
    // Keys pending deletion still count until they are deleted (API Reference: DeleteCustomKeyStore).
    if (keysInStore(ctx.region, store.id).length > 0) throw errors.hasKeys(store.id);
    ctx.region.customKeyStores.delete(store.id);
    return {};
  },
});

export const keyStoreOperations: OperationGroup = {
  CreateCustomKeyStore,
  DescribeCustomKeyStores,
  ConnectCustomKeyStore,
  DisconnectCustomKeyStore,
  UpdateCustomKeyStore,
  DeleteCustomKeyStore,
};
