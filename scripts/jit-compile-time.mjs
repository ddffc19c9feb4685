#!/usr/bin/env node
// How much CPU V8's optimising compiler (TurboFan) spends in one run: runs `glocal run` under `node --trace-opt`
// and adds up the "completed compiling ... took a, b, c ms" lines, in total and per function.
// Compiling runs on V8's background threads: a 1-thread run has an idle core for it, a 2-thread run on 2 cores does not.
// Usage: node scripts/jit-compile-time.mjs [scenario] [workers] [top]   (build first: npm run build)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [scenario = 'default', workers = '1', top = '15'] = process.argv.slice(2);
if (!/^[1-9][0-9]*$/.test(workers) || !/^[0-9]+$/.test(top)) {
  process.stderr.write('usage: node scripts/jit-compile-time.mjs [scenario] [workers] [top]  (workers and top: whole numbers)\n');
  process.exit(2);
}
const bin = fileURLToPath(new URL('../bin/glocal.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'glocal-jit-'));
const child = spawnSync(process.execPath, ['--trace-opt', bin, 'run', scenario, '--workers', workers, '--quiet', '--out', join(dir, 'run')], {
  encoding: 'utf8',
  maxBuffer: 1 << 28,
});
rmSync(dir, { recursive: true, force: true });
if (child.status !== 0) {
  process.stderr.write(child.stderr);
  process.exit(child.status ?? 1);
}

const byFunction = new Map();
let total = 0;
let compiles = 0;
for (const line of child.stdout.split('\n')) {
  const m = /completed compiling .*<JSFunction (\S*) .*took ([0-9.]+), ([0-9.]+), ([0-9.]+) ms/.exec(line);
  if (!m) continue;
  const ms = Number(m[2]) + Number(m[3]) + Number(m[4]);
  const entry = byFunction.get(m[1]) ?? { ms: 0, compiles: 0 };
  entry.ms += ms;
  entry.compiles++;
  byFunction.set(m[1], entry);
  total += ms;
  compiles++;
}
console.log(`${scenario}, --workers ${workers}: ${compiles} TurboFan compiles, ${total.toFixed(0)} ms of compile CPU (all threads)`);
for (const [name, e] of [...byFunction].sort((a, b) => b[1].ms - a[1].ms).slice(0, Number(top))) {
  console.log(`${e.ms.toFixed(1).padStart(8)} ms  ${String(e.compiles).padStart(2)}x  ${name || '(anonymous)'}`);
}
