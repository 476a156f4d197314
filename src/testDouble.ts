import type { CallLog, CommandClass, KmsCall, Overrides } from './calls';
import type { FaultHandle, FaultOptions, Faults } from './faults';
import { overrideStub, type OverrideStub } from './overrideStub';

/**
 * The test-double surface every {@link KmsFake} has, in aws-sdk-client-mock's words: call history,
 * overrides (`on`) and faults. A class of its own so that what a fake is (state, clock, clients)
 * and how a test watches and bends it read apart; never constructed on its own.
 */
export class KmsFakeTestDouble {
  readonly #log: CallLog;
  readonly #overrides: Overrides;
  readonly #faults: Faults;

  constructor(parts: { readonly log: CallLog; readonly overrides: Overrides; readonly faults: Faults }) {
    this.#log = parts.log;
    this.#overrides = parts.overrides;
    this.#faults = parts.faults;
  }

  /** Every `send` answered by this fake, oldest first, with input, output or error, region and time. */
  calls(): readonly KmsCall[] {
    return this.#log.all();
  }

  /**
   * The calls of one command, optionally only those whose input contains `partialInput`.
   *
   * @example
   * ```ts
   * expect(kms.commandCalls(DecryptCommand, { KeyId: 'alias/app' })).toHaveLength(1);
   * ```
   */
  commandCalls<Input extends object>(command: CommandClass<Input>, partialInput?: Partial<Input>): KmsCall<Input>[] {
    return this.#log.ofCommand(command.name, partialInput) as unknown as KmsCall<Input>[];
  }

  /**
   * Overrides one command (optionally only for inputs containing `partialInput`); every other
   * call keeps the fake's real behaviour.
   *
   * @example
   * ```ts
   * kms.on(DecryptCommand).rejectsOnce('KMSInvalidStateException');
   * ```
   */
  on<Input extends object, Output extends object = Record<string, unknown>>(
    command: CommandClass<Input>,
    partialInput?: Partial<Input>,
  ): OverrideStub<Input, Output> {
    return overrideStub<Input, Output>(this.#overrides.add(command.name, partialInput));
  }

  /**
   * Injects a fault per attempt, inside the SDK's retry loop (see {@link FaultOptions}).
   *
   * @example
   * ```ts
   * kms.injectFault({ error: 'ThrottlingException', command: EncryptCommand, times: 1 });
   * ```
   */
  injectFault(options: FaultOptions): FaultHandle {
    return this.#faults.add(options);
  }

  /**
   * Empties the call history only; keys, overrides and faults stay.
   *
   * @example
   * ```ts
   * kms.resetHistory();
   * expect(kms.calls()).toHaveLength(0);
   * ```
   */
  resetHistory(): void {
    this.#log.clear();
  }

  /** History, overrides and faults emptied: the test-double part of `reset()`. */
  protected clearTestDouble(): void {
    this.#log.clear();
    this.#overrides.clear();
    this.#faults.clear();
  }
}
