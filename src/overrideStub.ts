import type { ErrorLike, Override } from './calls';

/**
 * The chainable handle `kms.on(Command)` returns, with aws-sdk-client-mock's verbs. The last
 * permanent behaviour answers every matching call; `*Once` behaviours are used up first, in order.
 */
export interface OverrideStub<Input extends object, Output extends object> {
  /** Answers with this output (blobs as `Uint8Array`, dates as `Date`, as the SDK returns them). */
  resolves(output: Partial<Output>): OverrideStub<Input, Output>;
  resolvesOnce(output: Partial<Output>): OverrideStub<Input, Output>;
  /** Fails with this error: an exception name (`'DisabledException'`), an SDK exception, or `{ name, message }`. */
  rejects(error: ErrorLike): OverrideStub<Input, Output>;
  rejectsOnce(error: ErrorLike): OverrideStub<Input, Output>;
  /** Answers with what `fn` returns (or fails with what it throws). */
  callsFake(fn: (input: Input) => Partial<Output> | Promise<Partial<Output>>): OverrideStub<Input, Output>;
  callsFakeOnce(fn: (input: Input) => Partial<Output> | Promise<Partial<Output>>): OverrideStub<Input, Output>;
}

export function overrideStub<Input extends object, Output extends object>(override: Override): OverrideStub<Input, Output> {
  const stub: OverrideStub<Input, Output> = {
    resolves: (output) => add({ kind: 'resolves', output }, false),
    resolvesOnce: (output) => add({ kind: 'resolves', output }, true),
    rejects: (error) => add({ kind: 'rejects', error }, false),
    rejectsOnce: (error) => add({ kind: 'rejects', error }, true),
    callsFake: (fn) => add({ kind: 'callsFake', fn: fn }, false),
    callsFakeOnce: (fn) => add({ kind: 'callsFake', fn: fn }, true),
  };
  function add(behaviour: Override['behaviours'][number]['behaviour'], once: boolean) {
    override.behaviours.push({ behaviour, once });
    return stub;
  }
  return stub;
}
