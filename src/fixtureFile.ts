import { readFileSync } from 'node:fs';
import { usageError, withoutQuotes } from './errors';
import type { Fixture } from './backend/fixtures';

/**
 * Reads a fixture from a `.json`, `.yaml` or `.yml` file. YAML needs the `yaml` package (an
 * optional peer dependency: node has no YAML parser), loaded only when a YAML file is read.
 */
export function readFixtureFile(path: string): Fixture {
  const text = readFileSync(path, 'utf8');
  if (/\.ya?ml$/i.test(path)) return parseYaml(text, path);
  try {
    return JSON.parse(text) as Fixture;
  } catch (error) {
    // V8 quotes the file's text, and the file holds the seed its key material derives from.
    throw usageError(`fixture ${path} is not valid JSON: ${withoutQuotes((error as Error).message)}`);
  }
}

function parseYaml(text: string, path: string): Fixture {
  let yaml: { parse(text: string): unknown };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    yaml = require('yaml') as typeof yaml;
  } catch {
    throw usageError(`reading ${path} needs the "yaml" package: npm install --save-dev yaml`);
  }
  try {
    return yaml.parse(text) as Fixture;
  } catch (error) {
    // Its first line says where; the lines after it quote the file's text, as JSON's message does.
    const where = (error as Error).message.split('\n')[0]!.replace(/:$/, '');
    throw usageError(`fixture ${path} is not valid YAML: ${withoutQuotes(where)}`);
  }
}
