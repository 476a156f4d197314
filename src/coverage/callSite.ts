import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CallMaker } from './record';

/**
 * kms-fake's own code: its frames never decide. Both `dist/` and `src/` of the package, as test
 * runners map the built files' frames back to their sources.
 */
function ownCodeDirectories(): string[] {
  let dir = __dirname;
  while (!['dist', 'src'].includes(path.basename(dir)) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  const root = path.dirname(dir);
  return [path.join(root, 'dist') + path.sep, path.join(root, 'src') + path.sep];
}

const OWN_CODE = ownCodeDirectories();

/** A frame's file as a path: ESM frames name a `file:` URL; node's own frames (`node:internal/...`) and `eval` code none. */
function pathOf(file: string): string | undefined {
  if (file.startsWith('file://')) return fileURLToPath(file);
  return path.isAbsolute(file) ? file : undefined;
}

/**
 * Per frame file name, its path when its frames decide who made a call, else `undefined`. A suite
 * sends from a few dozen files at most, and every send walks the same SDK frames: each file's
 * answer is worked out once, not once per frame per send.
 */
const deciding = new Map<string, string | undefined>();

/**
 * The path of a frame's file when its frames decide, else `undefined`. Frames that never decide:
 * node's own, any package's (the SDK, the test runner), kms-fake's.
 */
export function decidingPath(file: string): string | undefined {
  if (deciding.has(file)) return deciding.get(file);
  const found = pathOf(file);
  const decides = found !== undefined && !found.includes(`${path.sep}node_modules${path.sep}`) && !OWN_CODE.some((dir) => found.startsWith(dir));
  deciding.set(file, decides ? found : undefined);
  return decides ? found : undefined;
}

/**
 * Who made a call, from the first frame on the stack at `send` outside `node_modules` and
 * kms-fake (`callerFile`, a frame's file name as V8 gives it; see {@link decidingPath}). In the
 * running test file, or in a file or directory listed as test code (setup files, helpers), it is
 * test code; anywhere else, application code. The stack is taken while `send` still runs
 * synchronously, and async stack traces carry the `await` chain, so application code awaited by
 * a test is found before the test.
 */
export function callMakerOf(callerFile: string | undefined, testFile: string | undefined, testCode: readonly string[]): CallMaker {
  const file = callerFile === undefined ? undefined : decidingPath(callerFile);
  if (file === undefined) return 'application';
  const isTestCode = file === testFile || testCode.some((entry) => (entry.endsWith(path.sep) ? file.startsWith(entry) : file === entry));
  return isTestCode ? 'test' : 'application';
}
