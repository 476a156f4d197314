import { encryptSecret } from '../src/secrets';
import { describe, expect, it } from 'vitest';

// A third file, so the run spreads over both workers; it encrypts with a key that does not exist.
describe('secrets without a key', () => {
  it('fails for an unknown key', async () => {
    await expect(encryptSecret('alias/missing', 'hunter2')).rejects.toHaveProperty('name', 'NotFoundException');
  });
});
