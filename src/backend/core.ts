import type { AccessSettings } from './access/authorize';
import type { DueList, FakeClock, TransientDelays } from './clock';
import type { Entropy } from './entropy';
import type { KeyRecord, Store } from './store';
import { usageError } from '../errors';

/** What the fake is made of: one per `KmsFake`. @internal */
export interface Core {
  readonly store: Store;
  readonly clock: FakeClock;
  readonly due: DueList;
  readonly entropy: Entropy;
  /** How long transient states last on the fake clock. */
  readonly delays: TransientDelays;
  /** Bumped by `reset()`: background work started before it stops instead of running on. */
  readonly epoch: { current: number };
  /** Whether policies and grants are enforced, and the identity policies of the options (`configureAccess` replaces it). */
  access: AccessSettings;
  /** The state directory's journal (`stateDirectory` option), absent without one. */
  persistence?: Persistence;
  /**
   * Told of each key a request resolves, before its state is asserted: set by the fake transport
   * only while the coverage report records, so the report knows the state the caller met.
   */
  observeKey?: ((key: Readonly<KeyRecord>) => void) | undefined;
}

/** What keeps a fake's state in a directory (backend/persist). @internal */
export interface Persistence {
  /** Writes and syncs every change since the last commit (nothing when nothing changed). */
  commit(): void;
  /** Commits, then releases the directory; idempotent. Later commits are usage errors. */
  close(): void;
  readonly closed: boolean;
}

/** Refuses any use of a closed fake (`kms.close()`); `why` says what still used it. @internal */
export function assertOpen(core: Core, why?: string): void {
  if (core.persistence?.closed) throw usageError(`this KmsFake is closed${why ? `: ${why}` : ''}`);
}

/** What a closed fake without a state directory keeps in place of one: every later use is refused. @internal */
export const CLOSED: Persistence = {
  commit() {
    throw usageError('this KmsFake is closed');
  },
  close: () => undefined,
  closed: true,
};
