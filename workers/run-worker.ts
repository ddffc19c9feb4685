// The sweep's piscina task: one whole single-threaded run, its outcome metrics, and result.json in the run folder.
// Runs in a worker thread; the base scenario arrives once per thread (workerData), each task only with its overrides.
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { workerData } from 'node:worker_threads';
import { canonicalJson, isUserError, runScenario, validateScenario } from '../engine/index.js';
import { readArrowTable, isRunDir } from '../analysis/load.js';
import { computeRunMetrics } from '../analysis/run-metrics.js';
import { runIdFor } from '../sweeps/run-id.js';
import { runDir, writeResult, type RunResult } from '../sweeps/records.js';
import { expectedRunId, runForkTask, type ForkTask } from '../sweeps/fork.js';

/** Sent once per worker thread. */
export interface RunWorkerData {
  baseRaw: unknown;
  scenarioFile: string;
  version: string;
}

export interface RunTask {
  runId: string;
  seed: number;
  sets: Record<string, unknown>;
  outDir: string;
  /** A fork sweep's warm-up, or a point started from its seed's warm-up (sweeps/fork.ts). */
  fork?: ForkTask;
}

/** Errors come back as values: custom error fields do not survive the trip between threads. */
export type RunOutcome = RunResult | { status: 'failed'; error: string; userError: boolean; detail?: string };

export default async function runTask(task: RunTask, data: RunWorkerData = workerData as RunWorkerData): Promise<RunOutcome> {
  try {
    return await runAndMeasure(task, data);
  } catch (err) {
    const userError = isUserError(err);
    const error = err instanceof Error ? err.message : String(err);
    const detail = !userError && err instanceof Error && err.stack ? { detail: err.stack } : {};
    return { status: 'failed', error, userError, ...detail };
  }
}

/**
 * Runs the task unless its run folder is already complete (a sweep killed after the run but before result.json),
 * then computes the metrics and writes result.json atomically.
 */
async function runAndMeasure(task: RunTask, data: RunWorkerData): Promise<RunResult> {
  const taskStarted = performance.now();
  if (task.fork?.role === 'warmup') return runWarmup(task, data, taskStarted);
  const dir = runDir(task.outDir, task.runId);
  let wallSeconds: number | undefined;
  if (!isRunDir(dir)) {
    const { scenario } = validateScenario(data.baseRaw, data.scenarioFile, { sets: task.sets });
    // the planner hashed the same resolution; a mismatch would mean a run stored under the wrong id
    const id = task.fork ? expectedRunId(task, data, scenario) : runIdFor(data.version, canonicalJson(scenario), task.seed);
    if (id !== task.runId) throw new Error(`run id mismatch: planned ${task.runId}, resolved scenario gives ${id}`);
    const started = performance.now();
    if (task.fork) await runForkTask(task, task.fork, data, scenario, dir);
    else await runScenario(scenario, { seed: task.seed, outDir: dir, workers: 1, scenarioFile: data.scenarioFile });
    wallSeconds = (performance.now() - started) / 1000;
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { timing?: { wallSeconds?: unknown } };
  const regions = readArrowTable(path.join(dir, 'regions.arrow'));
  const result: RunResult = {
    runId: task.runId,
    seed: task.seed,
    status: 'ok',
    wallSeconds: wallSeconds ?? (typeof manifest.timing?.wallSeconds === 'number' ? manifest.timing.wallSeconds : NaN),
    metrics: computeRunMetrics({ regions, manifest }),
  };
  // measured up to the write: the file cannot hold the time it takes to write itself
  result.taskSeconds = (performance.now() - taskStarted) / 1000;
  writeResult(task.outDir, result);
  return result;
}

/** A fork sweep's warm-up: no result.json (it is not a run of the sweep), only its snapshot in forks/. */
async function runWarmup(task: RunTask, data: RunWorkerData, taskStarted: number): Promise<RunResult> {
  const { scenario } = validateScenario(data.baseRaw, data.scenarioFile, { sets: task.sets });
  const id = expectedRunId(task, data, scenario);
  if (id !== task.runId) throw new Error(`warm-up id mismatch: planned ${task.runId}, resolved scenario gives ${id}`);
  await runForkTask(task, task.fork!, data, scenario, task.outDir);
  const wallSeconds = (performance.now() - taskStarted) / 1000;
  return { runId: task.runId, seed: task.seed, status: 'ok', wallSeconds, metrics: {} };
}
