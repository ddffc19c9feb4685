// Running validation scenarios and reading what they wrote: one run in-process, or many on the sweep pool.
// Cases use only these helpers, so a case reads like its method: which runs, which columns, which statistic.
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { loadScenario, runScenario } from '../engine/index.js';
import { scenariosDir } from '../engine/model/paths.js';
import { readArrowTable, type LoadedTable } from '../analysis/load.js';
import { parseSweep } from '../sweeps/sweep-file.js';
import { planSweep } from '../sweeps/plan.js';
import { executeSweep } from '../sweeps/execute.js';
import type { ProgressReporter } from '../sweeps/progress.js';
import type { CaseContext } from './types.js';

/** Absolute path of a scenario file under scenarios/validation/. */
export function validationScenario(file: string): string {
  return join(scenariosDir(), 'validation', file);
}

export interface OneRun {
  seed?: number;
  ticks?: number;
  sets?: Record<string, unknown>;
}

/** Runs one scenario file on the main thread into `outDir`; returns the folder. */
export async function runOnce(file: string, outDir: string, opts: OneRun = {}): Promise<string> {
  const loaded = loadScenario(file, { sets: opts.sets ?? {} });
  await runScenario(loaded.scenario, { seed: opts.seed, ticks: opts.ticks, outDir, scenarioFile: loaded.file, workers: 1 });
  return outDir;
}

export interface SweepSpecLite {
  name: string;
  /** Scenario file (absolute, or a built-in name). */
  scenario: string;
  replicates: number;
  seed?: number;
  ticks?: number;
  set?: Record<string, unknown>;
  /** Grid parameters: path -> levels. */
  parameters?: Record<string, (number | string | boolean)[]>;
}

export interface SweepRun {
  dir: string;
  seed: number;
  replicate: number;
  point: number;
  values: Record<string, unknown>;
}

/** A sweep on the worker pool (the same machinery as `glocal sweep`): replicate r has the same seed in every sweep of one seed. */
export async function runSweep(ctx: CaseContext, spec: SweepSpecLite): Promise<SweepRun[]> {
  const outDir = join(ctx.workDir, spec.name);
  mkdirSync(outDir, { recursive: true });
  const def = parseSweep(
    {
      name: spec.name,
      scenario: spec.scenario,
      seed: spec.seed ?? 1,
      replicates: spec.replicates,
      ...(spec.ticks !== undefined ? { ticks: spec.ticks } : {}),
      set: spec.set ?? {},
      design: 'grid',
      parameters: spec.parameters ?? {},
    },
    `(validation ${spec.name})`,
  );
  const plan = planSweep(def);
  const outcome = await executeSweep(plan, { outDir, jobs: ctx.jobs, progress: lineProgress(ctx, spec.name) });
  if (outcome.failures.length > 0) {
    throw new Error(`${spec.name}: ${outcome.failures.length} runs failed, the first: ${outcome.failures[0]!.error}`);
  }
  return plan.runs.map((r) => ({ dir: join(outDir, 'runs', r.runId), seed: r.seed, replicate: r.replicate, point: r.point, values: r.values }));
}

function lineProgress(ctx: CaseContext, name: string): ProgressReporter {
  let total = 0;
  let done = 0;
  return {
    start: (info) => {
      total = info.total;
      done = info.skipped;
    },
    runStarted: () => {},
    runFinished: () => {
      done += 1;
      if (done === total || done % 10 === 0) ctx.log(`${name}: ${done}/${total} runs`);
    },
    runFailed: (id, error) => ctx.log(`${name}: run ${id} failed: ${error}`),
    finish: () => {},
  };
}

export function table(dir: string, name: 'regions' | 'flows' | 'transactions' | 'sectors'): LoadedTable {
  return readArrowTable(join(dir, `${name}.arrow`));
}

export function numbers(t: LoadedTable, column: string): ArrayLike<number> {
  const c = t.columns[column];
  if (c === undefined || Array.isArray(c)) throw new Error(`${t.name}: no numeric column '${column}'`);
  return c as ArrayLike<number>;
}

export function texts(t: LoadedTable, column: string): string[] {
  const c = t.columns[column];
  if (!Array.isArray(c)) throw new Error(`${t.name}: no text column '${column}'`);
  return c;
}

/** Per-tick sum of a column over the rows `keep` accepts, indexed by tick (length = last tick + 1). */
export function perTick(t: LoadedTable, column: string, keep: (row: number) => boolean = () => true): Float64Array {
  const tick = numbers(t, 'tick');
  const values = numbers(t, column);
  let last = -1;
  for (let k = 0; k < t.rows; k++) last = Math.max(last, tick[k]!);
  const out = new Float64Array(last + 1);
  for (let k = 0; k < t.rows; k++) if (keep(k)) out[tick[k]!] += values[k]!;
  return out;
}

/** Rows of the regions table that belong to the named regions. */
export function inRegions(regions: LoadedTable, names: readonly string[]): (row: number) => boolean {
  const name = texts(regions, 'region_name');
  return (row) => names.includes(name[row]!);
}

export function sum(values: ArrayLike<number>, from = 0, to = values.length): number {
  let s = 0;
  for (let i = from; i < to; i++) s += values[i]!;
  return s;
}

export function mean(values: ArrayLike<number>): number {
  return values.length === 0 ? NaN : sum(values) / values.length;
}
