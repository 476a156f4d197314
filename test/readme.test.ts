import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IMPLEMENTED_OPERATIONS } from 'kms-fake';

describe('the README', () => {
  it('lists exactly the operations the fake implements', () => {
    const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
    const section = readme.split('## Supported operations')[1]!.split('\n## ')[0]!;
    const table = section.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| Group'));
    const listed = table.flatMap((line) => [...line.split('|')[2]!.matchAll(/`(\w+)`/g)].map((m) => m[1]));
    expect([...listed].sort()).toEqual([...IMPLEMENTED_OPERATIONS]);
  });
});
