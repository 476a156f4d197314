// Folds the CommonJS build into one file, dist/cjs/bundle.js. jest evaluates modules again for
// every test file, and there each module costs a resolution, a read and a registry entry: kms-fake's
// ~70 small modules cost a test file ~15 ms of CPU, one bundle ~1 ms (bench/suite.ts measures it).
//
// Every other dist/cjs/*.js file becomes a small stub that returns its module from the bundle,
// so every entry (and anything that requires a file of dist/cjs) shares one instance of each
// module. Inside the bundle each module keeps its own lazy factory (esbuild's CommonJS wrapper), so
// loading order and laziness are as before. Modules the source loads on demand with a relative
// `require()` (the crypto families, see src/crypto/index.ts) stay files of their own, outside the
// bundle, so loading kms-fake does not even parse them; their own imports go through the stubs.
// Packages (@aws-sdk, @smithy, @noble, yaml) stay external: they are the user's or loaded lazily.
import { init as initLexer, parse as lexExports } from 'cjs-module-lexer';
import { build } from 'esbuild';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, posix, relative, resolve } from 'node:path';

const BUNDLE = 'bundle.js';

/** Every file under `dir`, as paths relative to it with forward slashes. */
function filesUnder(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split('\\').join('/'));
}

/**
 * Modules the source loads only on demand, as dist paths ('crypto/rsa.js'): targets of a relative
 * `require('./x')` written in src/ that no module imports statically. A module that is also imported
 * statically (kmsFake, which the jest entry requires lazily but the index imports) goes into the
 * bundle: its factory there is lazy anyway, and outside it would cost a file per import again.
 */
function onDemandModules(srcDir) {
  const required = new Set();
  const imported = new Set();
  // './x' is x.ts or x/index.ts, as TypeScript resolves it; the key is the file tsc emits for it.
  const target = (file, specifier) => {
    const path = posix.join(posix.dirname(file), specifier);
    return existsSync(join(srcDir, `${path}.ts`)) || !existsSync(join(srcDir, path, 'index.ts')) ? `${path}.js` : `${path}/index.js`;
  };
  for (const file of filesUnder(srcDir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))) {
    const source = readFileSync(join(srcDir, file), 'utf8');
    for (const [, specifier] of source.matchAll(/\brequire\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g)) required.add(target(file, specifier));
    // Static imports and re-exports; `import type` / `export type` are erased, so they do not count.
    for (const [, kind, specifier] of source.matchAll(/\b(?:import|export)\s+(type\s+)?(?:[^;'"]*?\sfrom\s+)?['"](\.{1,2}\/[^'"]+)['"]/g)) {
      if (!kind) imported.add(target(file, specifier));
    }
  }
  return new Set([...required].filter((module) => !imported.has(module)));
}

export async function bundleCommonJs(outDir = 'dist/cjs', srcDir = 'src') {
  const onDemand = onDemandModules(srcDir);
  const modules = filesUnder(outDir).filter((f) => f.endsWith('.js') && f !== BUNDLE && !onDemand.has(f));
  const entry = modules.map((f) => `exports[${JSON.stringify(f)}] = () => require(${JSON.stringify(`./${f}`)});`).join('\n');

  const keepOnDemandOutside = {
    name: 'keep-on-demand-modules-outside',
    setup(b) {
      b.onResolve({ filter: /^\.\.?\// }, (args) => {
        const absolute = resolve(args.resolveDir, args.path);
        const resolved = absolute.endsWith('.js') || existsSync(`${absolute}.js`) ? absolute : join(absolute, 'index');
        const target = relative(resolve(outDir), resolved).split('\\').join('/');
        const file = target.endsWith('.js') ? target : `${target}.js`;
        return onDemand.has(file) ? { path: `./${file}`, external: true } : undefined;
      });
    },
  };
  await build({
    stdin: { contents: entry, resolveDir: outDir, sourcefile: 'kms-fake-modules.js', loader: 'js' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    plugins: [keepOnDemandOutside],
    outfile: join(outDir, BUNDLE),
    sourcemap: true,
    sourcesContent: false, // the map points at src/ like tsc's own maps; it need not carry the code
    legalComments: 'none',
    keepNames: true, // class and function names as in the source (KmsFake, not _KmsFake, in inspect output and stacks)
    logLevel: 'warning',
  });

  // Each stub ends with a never-run `module.exports = { ... }` naming the module's exports (read
  // from tsc's output with node's own lexer), so `import { name } from '<file>.js'` keeps working
  // from ESM: node finds a CommonJS module's named exports by lexing its source, not by running it.
  await initLexer();
  for (const f of modules) {
    const { exports, reexports } = lexExports(readFileSync(join(outDir, f), 'utf8'));
    const names = [
      ...exports.filter((name) => name !== '__esModule' && /^[A-Za-z_$][\w$]*$/.test(name)),
      ...reexports.map((specifier) => `...require(${JSON.stringify(specifier)})`),
    ];
    const toBundle = posix.relative(posix.dirname(f), BUNDLE);
    const stub = [
      '"use strict";',
      `const modules = require(${JSON.stringify(toBundle.startsWith('.') ? toBundle : `./${toBundle}`)});`,
      `module.exports = modules[${JSON.stringify(f)}]();`,
      ...(names.length ? [`0 && (module.exports = { ${names.join(', ')} });`] : []),
      '',
    ];
    writeFileSync(join(outDir, f), stub.join('\n'));
    rmSync(join(outDir, `${f}.map`), { force: true });
  }
}
