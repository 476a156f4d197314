import { kmsError, unsupported, validation } from './core';

export const customKeyStoreNotFound = () =>
  kmsError('CustomKeyStoreNotFoundException', 'The specified custom key store ID does not exist.');

/**
 * Custom key stores (API Reference: CreateCustomKeyStore and its siblings). No public record shows
 * AWS's texts for these; the fake's own name the store and the rule.
 */
export const keyStores = {
  nameInUse: (name: string) => kmsError('CustomKeyStoreNameInUseException', `A custom key store with the name ${name} already exists.`),
  clusterInUse: (clusterId: string) => kmsError('CloudHsmClusterInUseException', `The CloudHSM cluster ${clusterId} is already associated with a custom key store.`),
  uriEndpointInUse: () => kmsError('XksProxyUriEndpointInUseException', 'The XKS proxy URI endpoint is already associated with an external key store.'),
  uriInUse: () => kmsError('XksProxyUriInUseException', 'The XKS proxy URI endpoint and path are already associated with an external key store.'),
  vpcServiceInUse: () => kmsError('XksProxyVpcEndpointServiceInUseException', 'The VPC endpoint service is already associated with an external key store.'),
  invalidState: (id: string, state: string, operation: string) =>
    kmsError('CustomKeyStoreInvalidStateException', `The custom key store ${id} has connection state ${state}, which is not valid for ${operation}.`),
  hasKeys: (id: string) => kmsError('CustomKeyStoreHasCMKsException', `The custom key store ${id} contains KMS keys. Schedule their deletion and wait until they are deleted.`),
  missing: (member: string, type: string) => validation(`${member} is required for a custom key store of type ${type}.`),
  notFor: (member: string, type: string) => validation(`${member} is not valid for a custom key store of type ${type}.`),
  vpcServiceWithoutVpc: () =>
    validation('XksProxyVpcEndpointServiceName is valid only with XksProxyConnectivity VPC_ENDPOINT_SERVICE.'),
  originMismatch: (origin: string, type: string) =>
    unsupported(`Origin ${origin} is not valid for a custom key store of type ${type}.`),
  storeNeedsOrigin: () => unsupported('A CustomKeyStoreId requires Origin AWS_CLOUDHSM or EXTERNAL_KEY_STORE.'),
  originNeedsStore: (origin: string) => unsupported(`Origin ${origin} requires a CustomKeyStoreId.`),
  symmetricOnly: (spec: string) => unsupported(`KeySpec ${spec} is not valid for a KMS key in a custom key store.`),
  noMultiRegion: () => unsupported('Multi-Region keys cannot be created in a custom key store.'),
  xksKeyIdRequired: () => validation('XksKeyId is required for a KMS key in an external key store.'),
  xksKeyIdNotAllowed: () => validation('XksKeyId is valid only for a KMS key in an external key store.'),
  xksKeyInUse: (xksKeyId: string) => kmsError('XksKeyAlreadyInUseException', `The external key ${xksKeyId} is already associated with a KMS key in this external key store.`),
  randomFromExternal: () => unsupported('GenerateRandom is not supported for an external key store.'),
};
