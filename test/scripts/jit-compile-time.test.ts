// scripts/jit-compile-time.mjs (cited in docs/parallel.md) adds up V8's compile times from a real run.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const script = join(import.meta.dirname, '..', '..', 'scripts', 'jit-compile-time.mjs');
const run = (...args: string[]) => spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', timeout: 60_000 });

describe('scripts/jit-compile-time.mjs', () => {
  it('counts the TurboFan compiles of a run and lists the costliest functions', () => {
    const res = run('tiny', '1', '5');
    expect(res.status).toBe(0);
    const [head, ...rows] = res.stdout.trim().split('\n');
    const m = /^tiny, --workers 1: (\d+) TurboFan compiles, (\d+) ms of compile CPU/.exec(head!);
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThan(10);
    expect(Number(m![2])).toBeGreaterThan(0);
    expect(rows).toHaveLength(5);
    for (const row of rows) expect(row).toMatch(/^\s*[0-9.]+ ms\s+\d+x {2}\S/);
  });

  it('refuses a worker count that is not a whole number', () => {
    const res = run('tiny', 'two');
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(/usage/);
  });
});
