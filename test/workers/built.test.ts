// The built package runs step workers from compiled JavaScript (no tsx): compile to a temporary folder laid out
// like the package, then run `glocal run tiny` with 1 and 2 workers from it and compare the Arrow files.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '..', '..');
const root = mkdtempSync(join(tmpdir(), 'glocal-built-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

beforeAll(() => {
  for (const entry of ['package.json', 'node_modules', 'scenarios', 'schema']) symlinkSync(join(repo, entry), join(root, entry));
  // tsc may report errors in files other engineers are editing; it still emits, and the run below is the test.
  spawnSync(process.execPath, [join(repo, 'node_modules/typescript/bin/tsc'), '-p', join(repo, 'tsconfig.build.json'), '--outDir', root], { encoding: 'utf8' });
  writeFileSync(join(root, 'glocal.mjs'), "import { main } from './cli/main.js';\nmain(process.argv.slice(2));\n");
}, 120_000);

function run(workers: number, out: string, env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [join(root, 'glocal.mjs'), 'run', 'tiny', '--ticks', '4', '--workers', String(workers), '--quiet', '--out', out], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 90_000,
  });
}

describe('built package', () => {
  it('compiles the step worker to JavaScript', () => {
    expect(existsSync(join(root, 'workers', 'step-worker.js'))).toBe(true);
  });

  it('runs with 2 workers from compiled JavaScript and writes the same files as 1 worker', () => {
    const one = join(root, 'runs', 'w1');
    const two = join(root, 'runs', 'w2');
    expect(run(1, one).status).toBe(0);
    const res = run(2, two, { GLOCAL_MIN_PARALLEL_FIRM_ROWS: '0' });
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    const files = readdirSync(one).filter((f) => f.endsWith('.arrow')).sort();
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const f of files) expect(readFileSync(join(two, f)).equals(readFileSync(join(one, f))), f).toBe(true);
  });

  it('stops with exit code 1 and no folder when a compiled worker throws', () => {
    const out = join(root, 'runs', 'fault');
    const res = run(2, out, { GLOCAL_TEST_FAULT: '1:plan:1', GLOCAL_MIN_PARALLEL_FIRM_ROWS: '0' });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain("step worker 1 of 2 failed at tick 1, phase 'plan'");
    expect(existsSync(out)).toBe(false);
  });
});
