import { usageError, type KmsError } from './errors';
import { toWireError, type CommandClass, type ErrorLike } from './calls';

/**
 * A fault to inject before the fake answers. It acts per attempt, inside the SDK's retry loop,
 * so retryable errors (`ThrottlingException`, `KMSInternalException`, `DependencyTimeoutException`)
 * are retried by the SDK exactly as they would be against AWS.
 */
export interface FaultOptions {
  /** The error to answer with; omit for latency only. */
  error?: ErrorLike;
  /** Only attempts of this command; default every command. */
  command?: CommandClass;
  /** Every n-th matching attempt (1 = each one). Default 1. */
  every?: number;
  /** Chance per matching attempt, drawn from the fake's seed when it has one. */
  probability?: number;
  /** At most this many injections, then the fault is spent. */
  times?: number;
  /** Real milliseconds to wait before answering (or failing). */
  latencyMs?: number;
}

/** Undoes one `injectFault`. */
export interface FaultHandle {
  remove(): void;
}

interface Fault {
  readonly options: FaultOptions;
  seen: number;
  injected: number;
}

/** Refuses fault options that could never act as written, naming the option. */
function checkFault(o: FaultOptions): void {
  const whole = (n: number | undefined, min: number) => n === undefined || (Number.isInteger(n) && n >= min);
  if (!whole(o.every, 1)) throw usageError(`fault option every must be an integer >= 1, not ${o.every}`);
  if (!whole(o.times, 0)) throw usageError(`fault option times must be an integer >= 0, not ${o.times}`);
  if (o.probability !== undefined && !(o.probability >= 0 && o.probability <= 1)) {
    throw usageError(`fault option probability must be between 0 and 1, not ${o.probability}`);
  }
  if (o.latencyMs !== undefined && !(Number.isFinite(o.latencyMs) && o.latencyMs >= 0)) {
    throw usageError(`fault option latencyMs must be a finite number of ms >= 0, not ${o.latencyMs}`);
  }
}

export function createFaults(random: () => number) {
  let faults: Fault[] = [];
  return {
    add(options: FaultOptions): FaultHandle {
      if (options.error === undefined && options.latencyMs === undefined) throw usageError('a fault needs an error or a latencyMs');
      checkFault(options);
      const fault: Fault = { options, seen: 0, injected: 0 };
      faults.push(fault);
      return {
        remove: () => {
          faults = faults.filter((f) => f !== fault);
        },
      };
    },
    /** Whether any fault is set: without one, an attempt need not wait for `apply`. */
    any: (): boolean => faults.length > 0,
    /** Waits out any injected latency and returns the injected error, if one applies to this attempt. */
    async apply(commandName: string): Promise<KmsError | undefined> {
      let error: KmsError | undefined;
      let latency = 0;
      for (const fault of faults) {
        const o = fault.options;
        if (o.command && o.command.name !== commandName) continue;
        if (o.times !== undefined && fault.injected >= o.times) continue;
        fault.seen += 1;
        if (fault.seen % (o.every ?? 1) !== 0) continue;
        if (o.probability !== undefined && random() >= o.probability) continue;
        fault.injected += 1;
        latency += o.latencyMs ?? 0;
        if (o.error !== undefined && !error) error = toWireError(o.error);
      }
      if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
      return error;
    },
    clear: () => {
      faults = [];
    },
  };
}

export type Faults = ReturnType<typeof createFaults>;
