/**
 * The bottom layer: `KmsError`, the name → status table, `[kms-fake]` usage and internal errors,
 * and one factory per message family. Every AWS message text the fake produces lives in exactly
 * one of the files below, grouped by topic; code outside this folder writes none.
 * @internal
 */

// The error values and the generic families.
export * from './core';
// The request as a whole: validation wording, dry runs, markers.
export * from './request';
// Keys, aliases, tags and key policies.
export * from './keys';
// Cryptographic operations.
export * from './crypto';
// Imported material and rotation.
export * from './material';
// Multi-Region keys.
export * from './multiRegion';
// Custom key stores.
export * from './stores';
// Grants.
export * from './grants';
// Authorization: denials and key policy documents.
export * from './access';
