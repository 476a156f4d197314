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

/** Frames that never decide: node's own, any package's (the SDK, the test runner), kms-fake's. */
const decides = (file: string) => !file.includes(`${path.sep}node_modules${path.sep}`) && !OWN_CODE.some((dir) => file.startsWith(dir));

/**
 * Who made a call, from the files on the stack at `send`: the first frame outside `node_modules` and
 * kms-fake decides. In the running test file, or in a file or directory listed as test code
 * (setup files, helpers), it is test code; anywhere else, application code. The stack is taken
 * while `send` still runs synchronously, and async stack traces carry the `await` chain, so
 * application code awaited by a test is found before the test.
 */
export function callMakerOf(stackFiles: readonly string[] | undefined, testFile: string | undefined, testCode: readonly string[]): CallMaker {
  for (const frame of stackFiles ?? []) {
    const file = pathOf(frame);
    if (file === undefined || !decides(file)) continue;
    const isTestCode = file === testFile || testCode.some((entry) => (entry.endsWith(path.sep) ? file.startsWith(entry) : file === entry));
    return isTestCode ? 'test' : 'application';
  }
  return 'application';
}
