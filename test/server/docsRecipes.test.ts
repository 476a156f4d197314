import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const repo = join(__dirname, '..', '..');
const EXAMPLE = join(repo, 'examples', 'server-jest');

/** docs/server.md's TypeScript blocks that open with `// <file>.ts`, the file of examples/server-jest they show. */
function recipeBlocks(): { file: string; code: string }[] {
  const doc = readFileSync(join(repo, 'docs', 'server.md'), 'utf8');
  return [...doc.matchAll(/```ts\n\/\/ (\S+\.ts)\n([\s\S]*?)```/g)].map((m) => ({ file: m[1]!, code: m[2]! }));
}

describe("docs/server.md's jest recipe", () => {
  it('shows globalSetup.ts and globalTeardown.ts', () => {
    expect(recipeBlocks().map((b) => b.file)).toEqual(['globalSetup.ts', 'globalTeardown.ts']);
  });

  // The example project runs in `npm run test:adopters`: the documented code is the code proven there.
  it.each(recipeBlocks())('shows $file exactly as examples/server-jest has it', ({ file, code }) => {
    expect(existsSync(join(EXAMPLE, file))).toBe(true);
    expect(code).toBe(readFileSync(join(EXAMPLE, file), 'utf8'));
  });
});
