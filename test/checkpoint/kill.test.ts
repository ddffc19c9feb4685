// A real crash: `glocal run` is killed with SIGKILL between checkpoints, then `glocal run --resume` (with another
// worker count) finishes it; its tables equal those of a run that was never interrupted.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { differingTables, run, SETS, tempDir } from './helpers.js';

const repo = join(import.meta.dirname, '..', '..');
const TICKS = 150;
const sets = Object.entries(SETS).flatMap(([k, v]) => ['--set', `${k}=${v}`]);
const cli = (args: string[]) => spawn(process.execPath, ['--import', 'tsx', 'cli/entry.ts', ...args], { cwd: repo, stdio: 'ignore' });

/** Resolves once `file` exists (polling), or rejects if the child exits first. */
function waitFor(file: string, child: ReturnType<typeof cli>): Promise<void> {
  return new Promise((resolve, reject) => {
    const exited = () => reject(new Error(`the run ended before ${file} appeared`));
    child.once('exit', exited);
    const poll = setInterval(() => {
      if (!existsSync(file)) return;
      clearInterval(poll);
      child.off('exit', exited);
      resolve();
    }, 10);
  });
}

describe('glocal run killed with SIGKILL', () => {
  it('resumes from the newest complete checkpoint to the bytes of an uninterrupted run', async () => {
    const root = tempDir('glocal-kill-');
    const out = join(root, 'run');
    const child = cli(['run', 'tiny', '--seed', '5', '--ticks', String(TICKS), '--workers', '1', '--quiet', '--checkpoint-every', '10', '--out', out, ...sets]);
    await waitFor(join(`${out}.checkpoints`, 'tick-000020', 'checkpoint.json'), child);
    const exit = new Promise((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    child.kill('SIGKILL');
    expect(await exit).toBe('SIGKILL');
    expect(existsSync(out)).toBe(false); // killed before the end: no run folder, only checkpoints and temp folders
    const before = readdirSync(`${out}.checkpoints`).filter((n) => n.startsWith('tick-') && !n.includes('.tmp-'));
    expect(before.length).toBeGreaterThanOrEqual(2);

    const resumed = spawnSync(process.execPath, ['--import', 'tsx', 'cli/entry.ts', 'run', '--resume', `${out}.checkpoints`, '--workers', '2', '--quiet'], { cwd: repo, encoding: 'utf8' });
    expect(resumed.stderr).toBe('');
    expect(resumed.status).toBe(0);
    expect(readdirSync(root).filter((n) => n.includes('.tmp-'))).toEqual([]); // the killed run's temp folder is gone

    const reference = await run(join(root, 'reference'), { ticks: TICKS });
    expect(differingTables(reference, out)).toEqual([]);
  });
});
