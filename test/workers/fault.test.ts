// A step worker that throws or dies stops `glocal run` with exit code 1, an error naming tick, phase and worker,
// and no output folder. Faults are injected through GLOCAL_TEST_FAULT, which only step workers (threads 1..N-1) read.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseFault } from '../../workers/fault.js';

const repo = join(import.meta.dirname, '..', '..');
const root = mkdtempSync(join(tmpdir(), 'glocal-fault-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Runs the CLI from sources (the tsx path); a hang is caught by the spawn timeout and fails the test. */
function runCli(fault: string, out: string, workers: number) {
  const res = spawnSync(process.execPath, ['--import', 'tsx', 'cli/entry.ts', 'run', 'tiny', '--ticks', '5', '--workers', String(workers), '--quiet', '--out', out], {
    cwd: repo,
    // Every kernel on the workers (tiny's firm table is small enough to keep firm kernels on the main thread).
    env: { ...process.env, GLOCAL_TEST_FAULT: fault, GLOCAL_MIN_PARALLEL_FIRM_ROWS: '0' },
    encoding: 'utf8',
    timeout: 90_000,
  });
  return { status: res.status, signal: res.signal, stderr: res.stderr };
}

describe('a failing step worker stops the run', () => {
  it('a kernel that throws: exit 1, message names tick, phase and worker, no output folder', () => {
    const out = join(root, 'throw', 'run');
    const { status, signal, stderr } = runCli('2:households:1', out, 2);
    expect(signal).toBeNull();
    expect(status).toBe(1);
    expect(stderr).toContain("step worker 1 of 2 failed at tick 2, phase 'households'");
    expect(stderr).toContain('injected test fault');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(join(root, 'throw'))).toEqual([]); // no temporary folder left either
  });

  it('a worker thread that exits: exit 1, message names tick, phase and worker and the exit code', () => {
    const out = join(root, 'exit', 'run');
    const { status, signal, stderr } = runCli('3:produce:2:exit', out, 3);
    expect(signal).toBeNull();
    expect(status).toBe(1);
    expect(stderr).toContain("step worker 2 of 3 failed at tick 3, phase 'produce'");
    expect(stderr).toContain('exited with code 7');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(join(root, 'exit'))).toEqual([]);
  });
});

describe('parseFault', () => {
  it('reads tick:kernel:worker[:mode] and rejects anything else', () => {
    expect(parseFault(undefined)).toBeUndefined();
    expect(parseFault('4:settle-sales:2')).toMatchObject({ tick: 4, kernel: 'settle-sales', worker: 2, mode: 'throw' });
    expect(parseFault('0:plan:1:exit')).toMatchObject({ mode: 'exit' });
    expect(() => parseFault('x:plan:1')).toThrow(/GLOCAL_TEST_FAULT/);
    expect(() => parseFault('1:nope:1')).toThrow(/kernel one of/);
  });
});
