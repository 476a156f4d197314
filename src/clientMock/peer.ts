import { usageError } from '../errors/core';

/** What each optional peer of the client-mock entries is, for the message when it is missing. */
const PEERS = {
  'aws-sdk-client-mock': 'aws-sdk-client-mock 4.x',
  'aws-sdk-client-mock-jest': 'aws-sdk-client-mock-jest 4.x',
} as const;

export type Peer = keyof typeof PEERS;

/**
 * The error to throw when loading `peer` failed: a usage error saying what to install when the
 * package itself is not installed (the message names it, quoted, as node, its ESM loader and
 * jest all do), the original error otherwise (a broken install of the peer is not ours to hide).
 * @internal
 */
export function peerLoadError(entry: string, peer: Peer, error: unknown): unknown {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const notFound = code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND' || /Cannot find (module|package)/.test(String(message));
  if (!notFound || !new RegExp(`['"]${peer}['"]`).test(String(message))) return error;
  return usageError(`${entry} needs ${PEERS[peer]} installed beside kms-fake: npm install --save-dev ${peer}@4`);
}

/**
 * `require(peer)` from kms-fake, with {@link peerLoadError}'s message when it is not installed.
 * @internal
 */
export function requirePeer<T>(entry: string, peer: Peer, load: (peer: Peer) => unknown): T {
  try {
    return load(peer) as T;
  } catch (error) {
    throw peerLoadError(entry, peer, error);
  }
}
