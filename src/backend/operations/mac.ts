import type { GenerateMacRequest, MacAlgorithmSpec, VerifyMacRequest } from '@aws-sdk/client-kms';
import { timingSafeEqual } from 'node:crypto';
import { invalidMac } from '../../errors';
import { algorithmsOf } from '../keySpecs';
import { ALL_KEY_ID_FORMS } from '../resolveKey';
import type { KeyRecord } from '../store';
import { capableProvider } from './cryptoKeys';
import { currentMaterial } from './material';
import { operation, type OperationGroup } from './operation';
import { dryRunParam, grantTokens, keyIdParam } from './params';

/** In the order AWS lists them in its enum violation (API Reference: GenerateMac). */
const MAC_ALGORITHMS = ['HMAC_SHA_384', 'HMAC_SHA_256', 'HMAC_SHA_224', 'HMAC_SHA_512'] as const satisfies readonly MacAlgorithmSpec[];

const macInput = {
  Message: { type: 'blob', required: true, min: 1, max: 4096, sensitive: true },
  KeyId: keyIdParam(),
  MacAlgorithm: { type: 'string', required: true, enum: MAC_ALGORITHMS },
  GrantTokens: grantTokens,
  DryRun: dryRunParam,
} as const;

/** Usage first, then the algorithm against the key spec (HMAC_224 keys take only HMAC_SHA_224). */
function macOf(key: KeyRecord, operation: string, input: GenerateMacRequest): () => Uint8Array {
  const algorithm = input.MacAlgorithm!;
  const offered = algorithmsOf(key.keySpec, key.keyUsage).MacAlgorithms;
  const provider = capableProvider(key, 'GENERATE_VERIFY_MAC', operation, 'mac', { name: algorithm, offered });
  return () => provider.mac(currentMaterial(key.materials)!.secret, algorithm, input.Message!);
}

const GenerateMac = operation<GenerateMacRequest>({
  input: macInput,
  key: { param: 'KeyId', forms: ALL_KEY_ID_FORMS },
  run(ctx, input, key) {
    const mac = macOf(key, 'GenerateMac', input);
    ctx.dryRunGate(input);
    const result = mac();
    ctx.recordUsage(key, 'GenerateMac');
    return { Mac: result, MacAlgorithm: input.MacAlgorithm, KeyId: key.arn };
  },
});

const VerifyMac = operation<VerifyMacRequest>({
  input: { ...macInput, Mac: { type: 'blob', required: true, min: 1, max: 6144 } },
  key: { param: 'KeyId', forms: ALL_KEY_ID_FORMS },
  run(ctx, input, key) {
    const mac = macOf(key, 'VerifyMac', input);
    ctx.dryRunGate(input);
    const expected = mac();
    const given = input.Mac!;
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalidMac();
    ctx.recordUsage(key, 'VerifyMac');
    return { KeyId: key.arn, MacValid: true, MacAlgorithm: input.MacAlgorithm };
  },
});

export const macOperations: OperationGroup = { GenerateMac, VerifyMac };
