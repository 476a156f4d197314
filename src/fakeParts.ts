import { accessSettingsOf } from './backend/access/settings';
import { createClock, createDueList } from './backend/clock';
import type { Core } from './backend/core';
import { createEntropy } from './backend/entropy';
import { openStateDirectory } from './backend/persist/stateDirectory';
import { createStore } from './backend/store';
import { createCallLog, createOverrides, type CallLog, type Overrides } from './calls';
import { usageError } from './errors';
import { createFakeTransport, type ObservableTransport } from './fakeTransport';
import { createFaults, type Faults } from './faults';
import type { KmsFake } from './kmsFake';
import { transientDelaysOf, type KmsFakeOptions } from './options';
import type { Endpoint } from './protocol/handle';

/**
 * @internal What one fake is made of: its core (state, clock, entropy), where its requests land,
 * the test-double layer (call history, overrides, faults) and the transport over all of them.
 * The server, its dashboard and the coverage recorder read a fake through {@link partsOf}.
 */
export interface KmsFakeParts {
  readonly core: Core;
  readonly endpoint: Endpoint;
  readonly transport: ObservableTransport;
  readonly log: CallLog;
  readonly overrides: Overrides;
  readonly faults: Faults;
}

/** @internal Builds the parts of a fake from its (already checked) options. */
export function assembleFake(options: KmsFakeOptions): KmsFakeParts {
  // Each stream of chance is seeded apart, so a fault's dice never shift a key ID.
  const seeded = (stream: string) => createEntropy(options.seed === undefined ? undefined : `${options.seed}:${stream}`);
  const chance = seeded('faults');
  const faults = createFaults(() => Buffer.from(chance.bytes(4)).readUInt32BE() / 2 ** 32);
  const overrides = createOverrides();
  const log = createCallLog(options.callHistoryLimit ?? 10_000);
  const core: Core = {
    store: createStore(),
    clock: createClock(options.clock),
    due: createDueList(),
    entropy: createEntropy(options.seed),
    epoch: { current: 0 },
    delays: transientDelaysOf(options.transientDelays),
    access: accessSettingsOf(options.authorization, options.identityPolicies),
  };
  const endpoint: Endpoint = {
    accountId: options.accountId ?? '111122223333',
    defaultRegion: options.defaultRegion ?? 'us-east-1',
    requestId: seeded('requests').uuid,
    ...(options.principal !== undefined && { principal: options.principal }),
  };
  const { stateDirectory } = options;
  if (stateDirectory !== undefined) core.persistence = openStateDirectory(core, stateDirectory, { seeded: options.seed !== undefined });
  const transport = createFakeTransport(core, endpoint, log, overrides, faults);
  return { core, endpoint, transport, log, overrides, faults };
}

const partsOfFake = new WeakMap<KmsFake, KmsFakeParts>();

/** @internal Called once by the `KmsFake` constructor. */
export function registerParts(kms: KmsFake, parts: KmsFakeParts): void {
  partsOfFake.set(kms, parts);
}

/** @internal Not part of the public API: the server adapter (over the same protocol layer) reads a fake through this. */
export function partsOf(kms: KmsFake): KmsFakeParts {
  const parts = partsOfFake.get(kms);
  if (!parts) throw usageError('not a KmsFake');
  return parts;
}
