// Runs a shard of a sweep plan on a piscina pool of worker threads, one whole single-threaded run per task.
// Finished runs (result.json present) are skipped, failures are recorded and the sweep goes on.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { isTempName, removeDirQuiet, isProcessAlive } from '../engine/output/atomic.js';
import { runSets, uniqueRuns, type PlannedRun, type SweepPlan } from './plan.js';
import { writePlanFile } from './plan-file.js';
import { clearFailure, readResult, writeFailure, type RunFailure } from './records.js';
import { describeShard, shardSlice, WHOLE_SWEEP, type Shard } from './shard.js';
import type { ProgressReporter } from './progress.js';
import type { RunOutcome, RunTask, RunWorkerData } from '../workers/run-worker.js';
import { forkTask, warmupGate } from './fork.js';

export interface ExecuteOptions {
  outDir: string;
  /** Worker threads (default: available cores). */
  jobs?: number;
  shard?: Shard;
  progress: ProgressReporter;
}

export interface ExecuteOutcome {
  /** Runs in this shard. */
  total: number;
  /** Finished by an earlier attempt. */
  skipped: number;
  /** Finished in this attempt. */
  done: number;
  failures: RunFailure[];
}

export function defaultJobs(): number {
  return Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
}

/** The worker module next to this one: .ts under tsx and vitest (loaded through tsx), .js from dist/. */
export function runWorkerSpec(moduleUrl: string = import.meta.url): { filename: string; execArgv?: string[] } {
  const fromSource = moduleUrl.endsWith('.ts');
  const filename = fileURLToPath(new URL(`../workers/run-worker.${fromSource ? 'ts' : 'js'}`, moduleUrl));
  if (!fromSource) return { filename };
  try {
    createRequire(moduleUrl).resolve('tsx');
  } catch {
    throw new Error('running glocal from TypeScript sources needs the tsx package (npm install); or build with npm run build');
  }
  const execArgv = [...process.execArgv];
  const hasTsx = execArgv.some((arg, i) => (arg === '--import' && /^tsx(\/|$)/.test(execArgv[i + 1] ?? '')) || /^--import=tsx(\/|$)/.test(arg));
  return { filename, execArgv: hasTsx ? execArgv : [...execArgv, '--import', 'tsx'] };
}

export async function executeSweep(plan: SweepPlan, opts: ExecuteOptions): Promise<ExecuteOutcome> {
  const shard = opts.shard ?? WHOLE_SWEEP;
  const { outDir, progress } = opts;
  writePlanFile(outDir, plan);
  fs.mkdirSync(path.join(outDir, 'runs'), { recursive: true });
  // another shard may be writing into runs/ right now: only a lone process may sweep up stale temp folders
  if (shard.count === 1) removeStaleTemps(path.join(outDir, 'runs'));
  const mine = shardSlice(uniqueRuns(plan), shard);
  const pending = mine.filter((run) => !readResult(outDir, run.runId));
  const outcome: ExecuteOutcome = { total: mine.length, skipped: mine.length - pending.length, done: 0, failures: [] };
  progress.start({ total: outcome.total, skipped: outcome.skipped, shard: describeShard(shard) });
  const fail = (run: PlannedRun, error: string, userError: boolean, detail?: string) => {
    const failure: RunFailure = { runId: run.runId, seed: run.seed, status: 'failed', error, userError, ...(detail ? { detail } : {}) };
    writeFailure(outDir, failure);
    outcome.failures.push(failure);
    progress.runFailed(run.runId, error);
  };
  for (const run of pending) if (run.invalid !== undefined) fail(run, run.invalid, true);
  const runnable = pending.filter((run) => run.invalid === undefined);
  const events: PoolEvents = {
    started: (run) => progress.runStarted(run.runId),
    finished: (run, wallSeconds) => {
      clearFailure(outDir, run.runId);
      outcome.done += 1;
      progress.runFinished(run.runId, wallSeconds);
    },
    failed: fail,
  };
  if (runnable.length > 0) await runOnPool(plan, outDir, runnable, Math.min(opts.jobs ?? defaultJobs(), runnable.length), events);
  progress.finish();
  return outcome;
}

interface PoolEvents {
  started(run: PlannedRun): void;
  finished(run: PlannedRun, wallSeconds: number): void;
  failed(run: PlannedRun, error: string, userError: boolean, detail?: string): void;
}

/** `jobs` lanes each take the next run when their last one ends, so at most `jobs` tasks are ever queued. */
async function runOnPool(plan: SweepPlan, outDir: string, runs: PlannedRun[], jobs: number, on: PoolEvents): Promise<void> {
  const workerData: RunWorkerData = { baseRaw: plan.baseScenario, scenarioFile: plan.scenario.file, version: plan.version };
  const pool = new Piscina<RunTask, RunOutcome>({
    ...runWorkerSpec(),
    minThreads: jobs,
    maxThreads: jobs,
    idleTimeout: 60_000,
    workerData,
  });
  const warmup = plan.fork ? warmupGate(plan, outDir, (task) => pool.run(task)) : undefined;
  let cursor = 0;
  const lane = async () => {
    while (cursor < runs.length) {
      const run = runs[cursor++]!;
      on.started(run);
      let outcome: RunOutcome;
      try {
        await warmup?.(run.seed); // a fork point starts from its seed's warm-up (run once, on this pool)
        const fork = plan.fork ? { fork: forkTask(plan, run, outDir, 'point') } : {};
        outcome = await pool.run({ runId: run.runId, seed: run.seed, sets: runSets(plan, run.values), outDir, ...fork });
      } catch (err) {
        // the worker thread itself died (out of memory, a native crash): piscina replaces it
        outcome = { status: 'failed', error: `worker crashed: ${(err as Error)?.message ?? String(err)}`, userError: false };
      }
      if (outcome.status === 'ok') on.finished(run, outcome.wallSeconds);
      else on.failed(run, outcome.error, outcome.userError, outcome.detail);
    }
  };
  try {
    await Promise.all(Array.from({ length: jobs }, lane));
  } finally {
    await pool.destroy();
  }
}

/** Removes temp run folders left by a killed earlier process (their pid no longer exists on this machine). */
export function removeStaleTemps(runsDir: string): number {
  let removed = 0;
  for (const name of fs.readdirSync(runsDir)) {
    if (!isTempName(name)) continue;
    const pid = Number(/\.(?:tmp|old)-(\d+)-\d+$/.exec(name)?.[1]);
    if (pid === process.pid || isProcessAlive(pid)) continue;
    removeDirQuiet(path.join(runsDir, name));
    removed += 1;
  }
  return removed;
}

