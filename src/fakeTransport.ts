import type { Core } from './backend/core';
import { partitionOf, rootPrincipal } from './backend/store';
import { internalError, KmsFakeUsageError, usageError } from './errors';
import { UserCodeFailure, type CallLog, type KmsCall, type Overrides } from './calls';
import type { Faults } from './faults';
import { errorResponse } from './protocol/awsJson';
import { handle, regionOf, type Endpoint } from './protocol/handle';
import type { FakeTransport } from './plugin/kmsFakeMiddleware';

/** @internal Who calls: the attachment's (or server client's) principal, else the fake's, else the account root (in the region's partition). */
export function callerOf(endpoint: Endpoint, region: string, given: string | undefined): string {
  return given ?? endpoint.principal ?? rootPrincipal({ partition: partitionOf(region), accountId: endpoint.accountId });
}

/**
 * What the plugin talks to: per attempt, injected faults first, then overrides, then the real
 * fake; per send, one entry in the call history. Every answer is a wire response, so the SDK
 * makes every output and exception itself.
 */
export function createFakeTransport(core: Core, endpoint: Endpoint, log: CallLog, overrides: Overrides, faults: Faults): FakeTransport {
  const principalOf = (region: string, given: string | undefined) => callerOf(endpoint, region, given);
  return {
    begin(commandName, input, given) {
      const principal = (region: string) => principalOf(region, given);
      const call: KmsCall = log.record({
        commandName,
        operation: commandName.replace(/Command$/, ''),
        input: input as Record<string, unknown>,
        principal: principal(endpoint.defaultRegion),
        time: core.clock.now(),
      });
      return {
        set region(region: string) {
          call.region = region;
          call.principal = principal(region);
        },
        finish({ output, error }) {
          if (error !== undefined) call.error = error as Error;
          else call.output = output as Record<string, unknown>;
        },
      };
    },
    async respond(exchange, trace) {
      if (core.persistence?.closed) throw usageError('this KmsFake is closed: a client still uses it');
      try {
        if (trace) trace.region = regionOf(endpoint, exchange.request, exchange.region);
        const fault = faults.any() ? await faults.apply(exchange.commandName) : undefined;
        if (fault) return errorResponse(fault, endpoint.requestId());
        const overridden = overrides.answer(exchange.commandName, exchange.input, endpoint.requestId);
        if (overridden) return await overridden;
        const region = regionOf(endpoint, exchange.request, exchange.region);
        return handle(core, endpoint, exchange.request, exchange.region, principalOf(region, exchange.principal)).response;
      } catch (error) {
        // Misuse and the test's own bugs reach the caller as they are; anything else is a bug of ours, answered as a 500 naming it.
        if (error instanceof KmsFakeUsageError) throw error;
        if (error instanceof UserCodeFailure) throw error.thrown;
        return errorResponse(internalError(error), endpoint.requestId());
      }
    },
  };
}
