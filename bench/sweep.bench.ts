// Sweep throughput: a 200-run sweep of `tiny` with --jobs 1 and --jobs 2 — runs per minute, speedup, pool overhead.
// Run with `node --import tsx bench/sweep.bench.ts [--runs 200] [--ticks 30] [--jobs 1,2]`; writes bench/results/.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { readArrowTable } from '../analysis/load.js';
import { executeSweep } from '../sweeps/execute.js';
import { planSweep } from '../sweeps/plan.js';
import { createProgress, type ProgressReporter } from '../sweeps/progress.js';
import { readResult } from '../sweeps/records.js';
import { parseSweep } from '../sweeps/sweep-file.js';
import { writeSummary } from '../sweeps/summary.js';
import { finishMachineInfo, machineInfo } from './machine.js';

interface JobsResult {
  jobs: number;
  runs: number;
  planSeconds: number;
  executeSeconds: number;
  summarySeconds: number;
  runsPerMinute: number;
  /** Mean wall time of one run inside its worker (the engine's own work). */
  meanRunSeconds: number;
  /** Pool start until the first result, minus that run's own time: thread start-up (and tsx compiling from sources). */
  startupSeconds: number;
  /**
   * Per run, the execute time beyond start-up and perfect packing of the runs' own wall times on `jobs` threads:
   * task hand-off, result messages, metrics, result.json, and the idle tail.
   */
  overheadPerRunMs: number;
  overheadShareOfRun: number;
  /** Of that, inside the worker around the run: validating the scenario, hashing it, metrics, result.json. */
  inWorkerPerRunMs: number;
  /** The rest: the pool itself (hand-off, result messages, the main thread's bookkeeping) and the idle tail. */
  poolPerRunMs: number;
  poolShareOfRun: number;
}

/** Records when the first run ended, around the plain progress lines. */
function timedProgress() {
  const inner = createProgress('plain', { intervalMs: 15_000 });
  const marks = { firstFinishedMs: NaN, firstRunSeconds: NaN };
  const reporter: ProgressReporter = {
    ...inner,
    runFinished(runId, wallSeconds) {
      if (Number.isNaN(marks.firstFinishedMs)) [marks.firstFinishedMs, marks.firstRunSeconds] = [performance.now(), wallSeconds];
      inner.runFinished(runId, wallSeconds);
    },
  };
  return { reporter, marks };
}

function sweepDefinition(runs: number, ticks: number) {
  const replicates = 10;
  const points = Math.max(1, Math.round(runs / replicates));
  return parseSweep(
    {
      name: 'bench-tiny',
      scenario: 'tiny',
      ticks,
      seed: 1,
      replicates,
      parameters: { 'policy.carbonTaxPerTonne': { min: 0, max: 10 * (points - 1), step: 10 } },
    },
    'bench/sweep.bench.ts',
  );
}

async function measure(jobs: number, runs: number, ticks: number): Promise<JobsResult> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), `glocal-sweep-bench-j${jobs}-`));
  try {
    const t0 = performance.now();
    const plan = planSweep(sweepDefinition(runs, ticks));
    const t1 = performance.now();
    const { reporter, marks } = timedProgress();
    const outcome = await executeSweep(plan, { outDir, jobs, progress: reporter });
    const t2 = performance.now();
    await writeSummary(outDir, plan);
    const t3 = performance.now();
    if (outcome.failures.length > 0) throw new Error(`bench sweep had ${outcome.failures.length} failed runs: ${outcome.failures[0]!.error}`);
    const summary = readArrowTable(path.join(outDir, 'summary.arrow'));
    const wall = summary.columns.wall_seconds as Float64Array;
    let totalRunSeconds = 0;
    for (const w of wall) totalRunSeconds += w;
    let totalTaskSeconds = 0;
    for (const id of summary.columns.run_id as string[]) totalTaskSeconds += readResult(outDir, id)!.taskSeconds!;
    const n = plan.runs.length;
    const executeSeconds = (t2 - t1) / 1000;
    const meanRunSeconds = totalRunSeconds / n;
    const startupSeconds = (marks.firstFinishedMs - t1) / 1000 - marks.firstRunSeconds;
    const overheadPerRunSeconds = ((executeSeconds - startupSeconds - totalRunSeconds / jobs) * jobs) / n;
    const inWorkerPerRunSeconds = (totalTaskSeconds - totalRunSeconds) / n;
    const poolPerRunSeconds = overheadPerRunSeconds - inWorkerPerRunSeconds;
    return {
      jobs,
      runs: n,
      planSeconds: round((t1 - t0) / 1000),
      executeSeconds: round(executeSeconds),
      summarySeconds: round((t3 - t2) / 1000),
      runsPerMinute: round((n * 60) / executeSeconds),
      meanRunSeconds: round(meanRunSeconds),
      startupSeconds: round(startupSeconds),
      overheadPerRunMs: round(overheadPerRunSeconds * 1000),
      overheadShareOfRun: round(overheadPerRunSeconds / meanRunSeconds),
      inWorkerPerRunMs: round(inWorkerPerRunSeconds * 1000),
      poolPerRunMs: round(poolPerRunSeconds * 1000),
      poolShareOfRun: round(poolPerRunSeconds / meanRunSeconds),
    };
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { runs: { type: 'string', default: '200' }, ticks: { type: 'string', default: '30' }, jobs: { type: 'string', default: '1,2' } },
  });
  const runs = Number(values.runs);
  const ticks = Number(values.ticks);
  const jobsList = String(values.jobs).split(',').map(Number);
  const machine = machineInfo();
  const results: JobsResult[] = [];
  for (const jobs of jobsList) {
    process.stderr.write(`sweep bench: ${runs} runs of tiny (${ticks} ticks), --jobs ${jobs}\n`);
    results.push(await measure(jobs, runs, ticks));
    process.stderr.write(`  ${JSON.stringify(results.at(-1))}\n`);
  }
  const base = results.find((r) => r.jobs === 1);
  const report = {
    benchmark: 'sweep',
    description: `${runs}-run sweep of the tiny scenario (${ticks} ticks per run) on a piscina pool`,
    machine: finishMachineInfo(machine),
    results: results.map((r) => ({ ...r, speedupVsJobs1: base ? round(base.executeSeconds / r.executeSeconds) : null })),
  };
  fs.mkdirSync(path.join('bench', 'results'), { recursive: true });
  const file = path.join('bench', 'results', `sweep-${machine.date.replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(report.results, null, 2)}\nwritten to ${file}\n`);
}

await main();
