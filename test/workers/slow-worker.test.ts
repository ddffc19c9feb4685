// The slow-worker guard (workers/pool.ts): a step worker that stays far slower than the main thread is replaced by a
// fresh thread, the run completes, and the output is the same as on one thread. The slowness is injected on purpose
// (GLOCAL_TEST_FAULT=tick:households:worker:slow, read only by the first thread started as that worker).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseFault } from '../../workers/fault.js';

const repo = join(import.meta.dirname, '..', '..');
const root = mkdtempSync(join(tmpdir(), 'glocal-slow-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function runCli(out: string, workers: number, env: Record<string, string> = {}) {
  const res = spawnSync(process.execPath, ['--import', 'tsx', 'cli/entry.ts', 'run', 'default', '--ticks', '24', '--workers', String(workers), '--quiet', '--out', out], {
    cwd: repo,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: res.status, stderr: res.stderr };
}

const arrows = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.arrow')).sort();

describe('a step worker that stays slow is replaced', () => {
  it('replaces the slowed worker once, finishes, and writes the one-thread output', () => {
    const slow = runCli(join(root, 'slow'), 2, { GLOCAL_TEST_FAULT: '2:households:1:slow', GLOCAL_POOL_STATS: '1' });
    expect(slow.status, slow.stderr).toBe(0);
    expect(slow.stderr).toContain("step worker 1 of 2 ran the households kernel at least 4x slower than the main thread, region for region");
    expect(slow.stderr.match(/replacing it with a fresh thread/g)).toHaveLength(1);
    expect(slow.stderr).toContain('"replacedWorkers":1');

    const one = runCli(join(root, 'one'), 1);
    expect(one.status, one.stderr).toBe(0);
    expect(arrows(join(root, 'slow'))).toEqual(arrows(join(root, 'one')));
    for (const f of arrows(join(root, 'one'))) {
      expect(readFileSync(join(root, 'slow', f)).equals(readFileSync(join(root, 'one', f))), f).toBe(true);
    }
  }, 240_000);

  it('parseFault accepts the slow mode', () => {
    expect(parseFault('2:households:1:slow')).toMatchObject({ tick: 2, kernel: 'households', worker: 1, mode: 'slow' });
  });

  it('GLOCAL_POOL_STATS=ticks prints every households kernel: each thread, its households and its time per household', () => {
    const res = spawnSync(process.execPath, ['--import', 'tsx', 'cli/entry.ts', 'run', 'tiny', '--ticks', '3', '--workers', '2', '--quiet', '--out', join(root, 'ticks')], {
      cwd: repo,
      env: { ...process.env, GLOCAL_POOL_STATS: 'ticks' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(res.status, res.stderr).toBe(0);
    const lines = res.stderr.split('\n').filter((l) => / households: [0-9.]+ ms; thread 0: busy /.test(l));
    expect(lines.map((l) => l.split(' ')[1])).toEqual(['0', '1', '2']);
    // tiny's 2,000 households are split between the threads every tick.
    for (const line of lines) {
      const counts = [...line.matchAll(/(\d+) households,/g)].map((m) => Number(m[1]));
      expect(counts).toHaveLength(2);
      expect(counts[0]! + counts[1]!).toBe(2000);
    }
  }, 60_000);
});
