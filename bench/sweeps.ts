// Sweep throughput for the suite: runs bench/sweep.bench.ts (owned by [sweeps]) in a child process and reads its
// results, so runs per minute with --jobs 1 and --jobs N are measured one way only.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface SweepJobsResult {
  jobs: number;
  runs: number;
  runsPerMinute: number;
  meanRunSeconds: number;
  executeSeconds: number;
  speedupVsJobs1: number | null;
  [more: string]: number | null;
}

export interface SweepBenchResult {
  runs: number;
  ticks: number;
  results: SweepJobsResult[];
}

/**
 * Runs from the repository root (its pool finds tsx there) and removes the result file sweep.bench.ts writes
 * into bench/results: the suite keeps the numbers in its own result.
 */
export function runSweepBench(runs: number, ticks: number, jobs: number[]): SweepBenchResult {
  const fromSource = import.meta.url.endsWith('.ts');
  const file = fileURLToPath(new URL(`./sweep.bench.${fromSource ? 'ts' : 'js'}`, import.meta.url));
  const root = path.resolve(path.dirname(file), fromSource ? '..' : '../..');
  const out = execFileSync(process.execPath, [...(fromSource ? ['--import', 'tsx'] : []), file, '--runs', String(runs), '--ticks', String(ticks), '--jobs', jobs.join(',')], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 16 << 20,
  });
  const at = out.lastIndexOf('\nwritten to ');
  const written = out.slice(at + '\nwritten to '.length).trim();
  if (written) rmSync(path.resolve(root, written), { force: true });
  return { runs, ticks, results: JSON.parse(out.slice(0, at)) as SweepJobsResult[] };
}
