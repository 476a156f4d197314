import { keyAgreementOperations } from './keyAgreement';
import { macOperations } from './mac';
import type { OperationGroup } from './operation';
import { signingOperations } from './signing';
import { dataKeyPairOperations } from './dataKeyPairs';

/** Sign, Verify, GetPublicKey, GenerateMac, VerifyMac, DeriveSharedSecret, Encapsulate, Decapsulate, GenerateDataKeyPair*. */
export const asymmetricOperations: OperationGroup = {
  ...signingOperations,
  ...macOperations,
  ...keyAgreementOperations,
  ...dataKeyPairOperations,
};
