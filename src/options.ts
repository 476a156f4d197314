import type { AccessExplanation } from './backend/access/explain';
import { callerOption, type AuthorizationMode } from './backend/access/settings';
import { DEFAULT_TRANSIENT_DELAYS, type TimeSource, type TransientDelays } from './backend/clock';
import { usageError } from './errors';
import type { RegionProvider } from './plugin/kmsFakeMiddleware';

/** Options of a {@link KmsFake}. */
export interface KmsFakeOptions {
  /** The AWS account every request lands in. Default `'111122223333'`. */
  accountId?: string;
  /** The fake's time source: a function returning a `Date` or epoch ms; `advanceTime` adds to it. Default: real time. */
  clock?: TimeSource;
  /** Makes key IDs, key material, request IDs and fault probabilities reproducible. */
  seed?: string | number;
  /** Calls kept in the history (oldest dropped first). Default 10,000; `reset()` empties it. */
  callHistoryLimit?: number;
  /**
   * Region for requests whose endpoint names none (a custom `endpoint`) when the plugin was not
   * told the client's region (`attach` and `plugin({ region })` tell it). Default `'us-east-1'`.
   */
  defaultRegion?: string;
  /**
   * How long transient states (`Creating`, `Updating`, a store `CONNECTING`) last on the fake
   * clock before they end on their own; `kms.settle()` ends them at once. The defaults (300 ms)
   * let the next call see the state and a polling loop on the real-time clock finish quickly.
   */
  transientDelays?: KmsFakeTransientDelays;
  /**
   * Who calls, for clients that name no `principal` of their own (`plugin`, `attach`): an IAM
   * principal ARN. A request lands in its caller's account. Default: the account root,
   * `arn:aws:iam::<accountId>:root`. See docs/access-control.md.
   */
  principal?: string;
  /**
   * `'enforce'` evaluates key policies, grants and identity policies on every call and answers
   * AccessDeniedException as AWS does; `'off'` (the default) permits everything.
   */
  authorization?: AuthorizationMode;
  /** Identity (IAM) policies per principal ARN; they count where a key policy delegates to the account. */
  identityPolicies?: Readonly<Record<string, readonly KmsPolicyDocument[]>>;
  /**
   * A directory that keeps the fake's whole state (keys and their material, aliases, tags,
   * policies, grants, custom key stores, the fake clock's offset) across restarts. Each call that
   * changes the state is answered only once the change is written and synced; one process per
   * directory. Call `kms.close()` when done. See docs/durable-state.md.
   */
  stateDirectory?: string;
}

/**
 * An IAM policy document, as an object or as its JSON text (IAM JSON policy reference).
 *
 * @example
 * ```ts
 * const onlyEncrypt: KmsPolicyDocument = {
 *   Version: '2012-10-17',
 *   Statement: [{ Effect: 'Allow', Action: 'kms:Encrypt', Resource: '*' }],
 * };
 * ```
 */
export type KmsPolicyDocument =
  | string
  | {
      readonly Version?: string;
      readonly Id?: string;
      readonly Statement: KmsPolicyStatement | readonly KmsPolicyStatement[];
    };

type OneOrMore<T> = T | readonly T[];

/** One statement of an identity policy (no Principal: it is the principal the policy is given for). */
export interface KmsPolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action?: OneOrMore<string>;
  readonly NotAction?: OneOrMore<string>;
  readonly Resource?: OneOrMore<string>;
  readonly NotResource?: OneOrMore<string>;
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, OneOrMore<string | boolean | number>>>>>;
}

/**
 * How long transient states last, in ms of the fake clock (see {@link KmsFakeOptions.transientDelays}).
 *
 * @example
 * ```ts
 * new KmsFake({ transientDelays: { creating: 0, updating: 60_000 } });
 * ```
 */
export interface KmsFakeTransientDelays {
  /** A replica in `Creating` after ReplicateKey. Default 300. */
  creating?: number;
  /** Both keys in `Updating` after UpdatePrimaryRegion. Default 300. */
  updating?: number;
  /** A custom key store `CONNECTING` after ConnectCustomKeyStore. Default 300. */
  connecting?: number;
}

export const transientDelaysOf = (d: KmsFakeTransientDelays = {}): TransientDelays => ({
  creating: d.creating ?? DEFAULT_TRANSIENT_DELAYS.creating,
  updating: d.updating ?? DEFAULT_TRANSIENT_DELAYS.updating,
  connecting: d.connecting ?? DEFAULT_TRANSIENT_DELAYS.connecting,
});

/** Options of {@link KmsFake.plugin}. */
export interface KmsFakePluginOptions {
  /** The client's region (or its provider), used when the endpoint names none. */
  region?: string | RegionProvider;
  /** Who calls through this client: an IAM principal ARN. Default: the fake's `principal` option. */
  principal?: string;
}

/** Options of {@link KmsFake.attach}. */
export interface KmsFakeAttachOptions {
  /** Who calls through this client: an IAM principal ARN. Default: the fake's `principal` option. */
  principal?: string;
}

/** What {@link KmsFake.explain} answers: the decision, the statement or grant that made it, and the denial's message. */
export type KmsAccessExplanation = AccessExplanation;

/** Every option a fake takes: a misspelt one would otherwise be ignored without a word. */
const OPTION_NAMES = Object.keys({
  accountId: true,
  clock: true,
  seed: true,
  callHistoryLimit: true,
  defaultRegion: true,
  transientDelays: true,
  principal: true,
  authorization: true,
  identityPolicies: true,
  stateDirectory: true,
} satisfies Record<keyof KmsFakeOptions, true>);

/** The options {@link KmsFake.configureAccess} takes: who calls, and what is enforced. */
export type KmsFakeAccessOptions = Pick<KmsFakeOptions, 'principal' | 'authorization' | 'identityPolicies'>;

const ACCESS_OPTION_NAMES = Object.keys({
  principal: true,
  authorization: true,
  identityPolicies: true,
} satisfies Record<keyof KmsFakeAccessOptions, true>);

/** Refuses anything but an object of the named options, naming the options there are. */
export function refuseUnknown(options: object, names: readonly string[]): void {
  if (typeof options !== 'object' || options === null) throw usageError(`options must be an object, not ${String(options)}`);
  const unknown = Object.keys(options).filter((name) => !names.includes(name));
  if (unknown.length > 0) throw usageError(`no option ${unknown.join(', ')}; the options are ${names.join(', ')}`);
}

/** Refuses access options that would fail later (the policies and mode are checked where they are parsed). */
export function checkAccessOptions(options: KmsFakeAccessOptions): void {
  refuseUnknown(options, ACCESS_OPTION_NAMES);
  if (options.principal !== undefined) callerOption(options.principal);
}

/** Refuses options that would fail later and obscurely, naming the option. */
export function checkOptions(options: KmsFakeOptions, alsoAllowed: readonly string[] = []): void {
  refuseUnknown(options, [...OPTION_NAMES, ...alsoAllowed]);
  const { accountId, clock, callHistoryLimit, transientDelays } = options;
  if (accountId !== undefined && !/^\d{12}$/.test(accountId)) throw usageError(`accountId must be 12 digits, not ${accountId}`);
  if (clock !== undefined && typeof clock !== 'function') throw usageError('clock must be a function returning a Date or epoch ms');
  if (callHistoryLimit !== undefined && !(Number.isInteger(callHistoryLimit) && callHistoryLimit >= 0)) {
    throw usageError(`callHistoryLimit must be an integer >= 0, not ${callHistoryLimit}`);
  }
  if (options.defaultRegion !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(options.defaultRegion)) {
    throw usageError(`defaultRegion must be a region name such as us-east-1, not ${options.defaultRegion}`);
  }
  if (options.principal !== undefined) callerOption(options.principal);
  const { stateDirectory } = options;
  if (stateDirectory !== undefined && (typeof stateDirectory !== 'string' || stateDirectory === '')) {
    throw usageError(`stateDirectory must be the path of a directory, not ${String(stateDirectory)}`);
  }
  if (transientDelays === undefined) return;
  if (transientDelays === null || typeof transientDelays !== 'object') throw usageError('transientDelays must be an object');
  for (const [name, ms] of Object.entries(transientDelays)) {
    if (!(name in DEFAULT_TRANSIENT_DELAYS)) throw usageError(`transientDelays has no ${name}; it takes ${Object.keys(DEFAULT_TRANSIENT_DELAYS).join(', ')}`);
    if (!Number.isFinite(ms) || ms < 0) throw usageError(`transientDelays.${name} must be a finite number of ms >= 0, not ${String(ms)}`);
  }
}
