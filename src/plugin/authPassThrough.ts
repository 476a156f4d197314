import { entriesOf, entryNamed, type EntryOptions, type Middleware, type RelativeEntryOptions, type UntypedStack } from './stack';

/**
 * Same-name, same-anchor replacements for the SDK's auth middlewares, which differ by era:
 * - from 3.549 at the latest: `httpAuthSchemeMiddleware` resolves the identity (the whole credential chain,
 *   IMDS included) before serialization, and `httpSigningMiddleware` (aliased `awsAuthMiddleware`)
 *   signs with it;
 * - up to 3.451 at least: no auth-scheme middleware, and `awsAuthMiddleware` (@aws-sdk/middleware-signing)
 *   resolves credentials and signs, relative after `retryMiddleware`.
 * A fake needs neither. The stack only lets an override keep its original's relation and anchor.
 */
export const httpAuthSchemePassThroughOptions: RelativeEntryOptions = {
  name: 'httpAuthSchemeMiddleware',
  tags: ['HTTP_AUTH_SCHEME'],
  relation: 'before',
  toMiddleware: 'endpointV2Middleware',
  override: true,
};

/** Every name a signing middleware has had: today's, and the one that also resolved credentials up to 3.4xx. */
export const SIGNING_NAMES = ['httpSigningMiddleware', 'awsAuthMiddleware'] as const;

export const httpSigningPassThroughOptions: RelativeEntryOptions = {
  name: SIGNING_NAMES[0],
  aliases: ['apiKeyMiddleware', 'tokenMiddleware', SIGNING_NAMES[1]],
  tags: ['HTTP_SIGNING'],
  relation: 'after',
  toMiddleware: 'retryMiddleware',
  override: true,
};

export const httpAuthSchemePassThrough: Middleware = (next) => (args) => next(args);
export const httpSigningPassThrough: Middleware = (next) => (args) => next(args);

/**
 * The options that override the stack's own signing middleware: its own name, anchor and tags when
 * it has one (so the override replaces it in stacks whose `override` knows no aliases), else today's.
 */
function signingOverride(stack: UntypedStack): EntryOptions {
  const own = entriesOf(stack).find((entry) => entry.relative && entryNamed(entry, SIGNING_NAMES));
  if (!own) return httpSigningPassThroughOptions;
  const { name, aliases, tags, relation, toMiddleware } = own.options;
  return { name, tags, relation, toMiddleware, override: true, ...(aliases && { aliases }) };
}

/**
 * Puts the pass-throughs in place. `authScheme` may replace the plain serialize-step pass-through
 * with one that also does other once-per-send work (the fake's call recorder), at no extra stack entry.
 */
export function applyAuthPassThrough(stack: UntypedStack, authScheme: Middleware = httpAuthSchemePassThrough): void {
  stack.addRelativeTo(authScheme, httpAuthSchemePassThroughOptions);
  stack.addRelativeTo(httpSigningPassThrough, signingOverride(stack));
}
