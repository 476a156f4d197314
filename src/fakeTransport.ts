import { assertOpen, type Core } from './backend/core';
import { partitionOf, rootPrincipal } from './backend/store';
import { internalError, KmsFakeUsageError } from './errors';
import { UserCodeFailure, type CallLog, type KmsCall, type Overrides } from './calls';
import type { Faults } from './faults';
import { errorResponse, type WireResponse } from './protocol/awsJson';
import { handle, regionOf, type Endpoint } from './protocol/handle';
import type { FakeTransport } from './plugin/kmsFakeMiddleware';

/** @internal Who calls: the attachment's (or server client's) principal, else the fake's, else the account root (in the region's partition). */
export function callerOf(endpoint: Endpoint, region: string, given: string | undefined): string {
  return given ?? endpoint.principal ?? rootPrincipal({ partition: partitionOf(region), accountId: endpoint.accountId });
}

/** The resolved key of a call, as the coverage report records it. @internal */
export interface ObservedKey {
  readonly state: string;
  readonly spec: string;
  readonly usage: string;
}

/** One finished send, for the coverage report. @internal */
export interface ObservedCall {
  readonly operation: string;
  /** What `send` rejected with (an override's or a fault's included); absent on success. */
  readonly error?: unknown;
  /** The first key the request resolved (the last attempt's), when it resolved one. */
  readonly key?: ObservedKey;
  /** The file of the first deciding frame on the stack at `send` (see {@link ObservableTransport.callSiteDecides}). */
  readonly callerFile?: string;
}

/** @internal Told of every finished send while set (the coverage recorder). */
export type CallObserver = (call: ObservedCall) => void;

/** @internal The transport, with the seam the coverage recorder plugs into. */
export interface ObservableTransport extends FakeTransport {
  observer: CallObserver | undefined;
  callSiteDecides: ((file: string) => boolean) | undefined;
}

/**
 * What the plugin talks to: per attempt, injected faults first, then overrides, then the real
 * fake; per send, one entry in the call history. Every answer is a wire response, so the SDK
 * makes every output and exception itself.
 */
export function createFakeTransport(core: Core, endpoint: Endpoint, log: CallLog, overrides: Overrides, faults: Faults): ObservableTransport {
  const principalOf = (region: string, given: string | undefined) => callerOf(endpoint, region, given);
  const keys = new WeakMap<object, ObservedKey>();
  /** Runs the real fake, noting the first key it resolves for the observer (zero cost when none is set). */
  const handleObserved = (trace: object | undefined, run: () => WireResponse): WireResponse => {
    if (!transport.observer || !trace) return run();
    core.observeKey = (key) => {
      if (!keys.has(trace)) keys.set(trace, { state: key.state, spec: key.keySpec, usage: key.keyUsage });
    };
    try {
      return run();
    } finally {
      core.observeKey = undefined;
    }
  };
  const transport: ObservableTransport = {
    observer: undefined,
    callSiteDecides: undefined,
    begin(commandName, input, given, callerFile) {
      const principal = (region: string) => principalOf(region, given);
      const call: KmsCall = log.record({
        commandName,
        operation: commandName.replace(/Command$/, ''),
        input: input as Record<string, unknown>,
        principal: principal(endpoint.defaultRegion),
        time: core.clock.now(),
      });
      const trace = {
        set region(region: string) {
          call.region = region;
          call.principal = principal(region);
        },
        finish({ output, error }: { output?: object; error?: unknown }) {
          if (error !== undefined) call.error = error as Error;
          else call.output = output as Record<string, unknown>;
          const key = keys.get(trace);
          transport.observer?.({ operation: call.operation, ...(error !== undefined && { error }), ...(key && { key }), ...(callerFile !== undefined && { callerFile }) });
        },
      };
      return trace;
    },
    async respond(exchange, trace) {
      assertOpen(core, 'a client still uses it');
      try {
        if (trace) trace.region = regionOf(endpoint, exchange.request, exchange.region);
        // Each attempt tells its own key: a retry answered by a fault or override resolved none.
        if (trace) keys.delete(trace);
        const fault = faults.any() ? await faults.apply(exchange.commandName) : undefined;
        if (fault) return errorResponse(fault, endpoint.requestId());
        const overridden = overrides.answer(exchange.commandName, exchange.input, endpoint.requestId);
        if (overridden) return await overridden;
        const region = regionOf(endpoint, exchange.request, exchange.region);
        return handleObserved(trace, () => handle(core, endpoint, exchange.request, exchange.region, principalOf(region, exchange.principal)).response);
      } catch (error) {
        // Misuse and the test's own bugs reach the caller as they are; anything else is a bug of ours, answered as a 500 naming it.
        if (error instanceof KmsFakeUsageError) throw error;
        if (error instanceof UserCodeFailure) throw error.thrown;
        return errorResponse(internalError(error), endpoint.requestId());
      }
    },
  };
  return transport;
}
