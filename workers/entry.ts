// Where the step worker's code is: compiled JavaScript in the built package, TypeScript (through tsx) from sources.
// One function, so vitest, tsx and `node bin/glocal.js` all start the same worker.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The worker: step-worker.js in the built package; from sources (vitest, tsx) step-worker.ts behind a bootstrap
 * that compiles it in-thread with tsx's require hook. Node 20 ignores `--import` in a Worker's execArgv
 * (nodejs/node#47747), and registering tsx's ESM hooks in several workers at once deadlocked now and then here.
 */
export function stepWorkerEntry(base = import.meta.url): { filename: string | URL; eval: boolean } {
  if (!base.endsWith('.ts')) return { filename: new URL('./step-worker.js', base), eval: false };
  const worker = fileURLToPath(new URL('./step-worker.ts', base));
  return { filename: `require(${JSON.stringify(tsxCjsApi(base))}).register();\nrequire(${JSON.stringify(worker)});`, eval: true };
}

/** tsx's CommonJS register API, from its package exports. */
function tsxCjsApi(base: string): string {
  const pkgJson = createRequire(base).resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgJson, 'utf8')) as { exports: Record<string, { require: { default: string } }> };
  return join(dirname(pkgJson), pkg.exports['./cjs/api']!.require.default);
}
