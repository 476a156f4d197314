import { kmsError, unsupported, validation } from './core';

/**
 * Multi-Region keys (API Reference: ReplicateKey, UpdatePrimaryRegion). Only `notPrimary` is a
 * recorded AWS text; the others are the fake's own, in the same style.
 */
export const multiRegion = {
  notPrimary: (arn: string) => unsupported(`${arn} is not a multi-region primary key.`),
  replicaExists: (replicaArn: string) => kmsError('AlreadyExistsException', `Replica key ${replicaArn} already exists.`),
  /** The class is recorded (LocalStack test_kms, test_replicate_replica_key_should_fail); the text is the fake's own. */
  sameRegion: (region: string) => validation(`The replica region ${region} must be different from the region of the key.`),
  otherPartition: (region: string) => validation(`The replica region ${region} is not in the partition of the primary key.`),
};
