import type {
  FinalizeRequestMiddleware,
  MiddlewareStack,
  RelativeMiddlewareOptions,
  SerializeMiddleware,
} from '@smithy/types';

/**
 * Same-name, same-anchor replacements for the SDK's auth middlewares. The real
 * `httpAuthSchemeMiddleware` resolves credentials (the whole provider chain, IMDS included)
 * before serialization, and `httpSigningMiddleware` signs with them; a fake needs neither.
 * The stack only lets an override keep its original's relation and anchor.
 */
export const httpAuthSchemePassThroughOptions: RelativeMiddlewareOptions = {
  name: 'httpAuthSchemeMiddleware',
  tags: ['HTTP_AUTH_SCHEME'],
  relation: 'before',
  toMiddleware: 'endpointV2Middleware',
  override: true,
};

export const httpSigningPassThroughOptions: RelativeMiddlewareOptions = {
  name: 'httpSigningMiddleware',
  aliases: ['apiKeyMiddleware', 'tokenMiddleware', 'awsAuthMiddleware'],
  tags: ['HTTP_SIGNING'],
  relation: 'after',
  toMiddleware: 'retryMiddleware',
  override: true,
};

export const httpAuthSchemePassThrough: SerializeMiddleware<object, object> = (next) => (args) => next(args);
export const httpSigningPassThrough: FinalizeRequestMiddleware<object, object> = (next) => (args) => next(args);

/**
 * Puts the pass-throughs in place. `authScheme` may replace the plain serialize-step pass-through
 * with one that also does other once-per-send work (the fake's call recorder), at no extra stack entry.
 */
export function applyAuthPassThrough(
  stack: MiddlewareStack<object, object>,
  authScheme: SerializeMiddleware<object, object> = httpAuthSchemePassThrough,
): void {
  stack.addRelativeTo(authScheme, httpAuthSchemePassThroughOptions);
  stack.addRelativeTo(httpSigningPassThrough, httpSigningPassThroughOptions);
}
