// Resolves a sweep into its runs: design points x replicates, each with a seed derived from the sweep seed and a
// run id hashed from (glocal version, resolved scenario, seed). The plan is what sweep.json records.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { canonicalJson, GLOCAL_VERSION, isUserError, resolveScenarioPath, validateScenario } from '../engine/index.js';
import { readScenarioFile } from '../engine/model/load.js';
import { deriveSeed, planFingerprint, runIdFor } from './run-id.js';
import { designPoints, type ResolvedDesign } from './design-points.js';
import type { ParamValue } from './designs.js';
import { SweepFileError, type SweepDefinition, type SweepParameter } from './sweep-file.js';
import { applyFork, type ForkPlan } from './fork.js';

export const PLAN_FORMAT = 'glocal-sweep-plan/1';

export interface PlannedRun {
  runId: string;
  /** Design point index (rows of one point differ only in replicate and seed). */
  point: number;
  replicate: number;
  seed: number;
  /** Design block: 'A', 'B', 'AB1'... for sobol, 'T0', 'T1'... for morris, '' otherwise. */
  block: string;
  values: Record<string, ParamValue>;
  /** Set when this parameter combination fails validation: the run is recorded as failed without running. */
  invalid?: string;
}

export interface PlanParameter {
  path: string;
  /** Its column in summary.arrow. */
  column: string;
  spec: SweepParameter;
}

export interface SweepPlan {
  format: typeof PLAN_FORMAT;
  version: string;
  name: string;
  description: string;
  sweepSeed: number;
  replicates: number;
  ticks?: number;
  scenario: { name: string; file: string };
  /** The base scenario as read from its file (extends resolved, before overrides), so sweep.json alone says what ran. */
  baseScenario: unknown;
  set: Record<string, unknown>;
  design: ResolvedDesign;
  parameters: PlanParameter[];
  metrics: string[];
  runs: PlannedRun[];
  /** Hash of the run ids in order: two plans with equal fingerprints run the same runs. */
  fingerprint: string;
  /** A fork sweep: every point starts from its seed's warm-up snapshot (sweeps/fork.ts). */
  fork?: ForkPlan;
}

/** Summary column of a swept parameter; prefixed so a path such as `ticks` or `seed` cannot clash with our columns. */
export function parameterColumn(path: string): string {
  return `param.${path}`;
}

/** A scenario path in a sweep file is relative to the sweep file; otherwise a built-in name or a cwd path. */
export function resolveSweepScenario(scenario: string, sweepFile: string): string {
  if (existsSync(sweepFile)) {
    const beside = resolve(dirname(sweepFile), scenario);
    if (existsSync(beside)) return resolveScenarioPath(beside);
  }
  return resolveScenarioPath(scenario);
}

/** The `--set` overrides of one run: fixed sets, the ticks override, then the point's parameter values. */
export function runSets(plan: Pick<SweepPlan, 'set' | 'ticks'>, values: Record<string, ParamValue>): Record<string, unknown> {
  return { ...plan.set, ...(plan.ticks !== undefined ? { ticks: plan.ticks } : {}), ...values };
}

/** The seed of replicate r: common to every design point, so points are compared on the same random draws. */
export function replicateSeed(sweepSeed: number, replicate: number): number {
  return deriveSeed(sweepSeed, 'replicate', replicate);
}

export function planSweep(def: SweepDefinition, opts: { version?: string } = {}): SweepPlan {
  const version = opts.version ?? GLOCAL_VERSION;
  const scenarioFile = resolveSweepScenario(def.scenario, def.file);
  const baseRaw = readScenarioFile(scenarioFile); // with `extends:` resolved, so runs need no other file
  validateScenario(baseRaw, scenarioFile); // a broken base scenario is the user's to fix before any run
  let design: ReturnType<typeof designPoints>;
  try {
    design = designPoints(def.design, def.parameters, deriveSeed(def.seed, 'design'));
  } catch (err) {
    if (err instanceof RangeError) throw new SweepFileError(def.file, [`design: ${err.message}`]);
    throw err;
  }
  const skeleton = { set: def.set, ...(def.ticks !== undefined ? { ticks: def.ticks } : {}) };
  const seeds = Array.from({ length: def.replicates }, (_, r) => replicateSeed(def.seed, r));
  const runs: PlannedRun[] = [];
  let invalidPoints = 0;
  let firstInvalid: string[] = [];
  for (const point of design.points) {
    const sets = runSets(skeleton, point.values);
    const { json, invalid } = resolvePoint(baseRaw, scenarioFile, sets);
    if (invalid !== undefined) {
      invalidPoints += 1;
      if (firstInvalid.length === 0) firstInvalid = invalid.split('\n').map((p) => `design point ${point.index} (${describeValues(point.values)}): ${p}`);
    }
    seeds.forEach((seed, replicate) => {
      runs.push({
        runId: runIdFor(version, json, seed),
        point: point.index,
        replicate,
        seed,
        block: point.block ?? '',
        values: point.values,
        ...(invalid !== undefined ? { invalid } : {}),
      });
    });
  }
  if (invalidPoints === design.points.length) {
    throw new SweepFileError(def.file, [`every design point gives an invalid scenario (base ${scenarioFile}); the first:`, ...firstInvalid]);
  }
  const plan: SweepPlan = {
    format: PLAN_FORMAT,
    version,
    name: def.name,
    description: def.description,
    sweepSeed: def.seed,
    replicates: def.replicates,
    ...(def.ticks !== undefined ? { ticks: def.ticks } : {}),
    scenario: { name: def.scenario, file: scenarioFile },
    baseScenario: baseRaw,
    set: def.set,
    design: design.resolved,
    parameters: def.parameters.map((spec) => ({ path: spec.path, column: parameterColumn(spec.path), spec })),
    metrics: def.metrics,
    runs,
    fingerprint: planFingerprint(runs.map((r) => r.runId)),
  };
  return def.fork ? applyFork(plan, def.fork, def.file) : plan;
}

/** The resolved scenario's stable JSON; for an invalid combination, the unvalidated input (still a unique key). */
function resolvePoint(baseRaw: unknown, file: string, sets: Record<string, unknown>): { json: string; invalid?: string } {
  try {
    return { json: canonicalJson(validateScenario(baseRaw, file, { sets }).scenario) };
  } catch (err) {
    if (!isUserError(err)) throw err;
    const problems = (err as { problems?: unknown }).problems;
    const invalid = Array.isArray(problems) ? problems.join('\n') : err.message;
    return { json: canonicalJson({ invalidScenario: { base: baseRaw, sets } }), invalid };
  }
}

function describeValues(values: Record<string, ParamValue>): string {
  return Object.entries(values)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(', ');
}

/** Runs to execute once each, in plan order: design points can coincide (same scenario and seed, same run id). */
export function uniqueRuns(plan: Pick<SweepPlan, 'runs'>): PlannedRun[] {
  const seen = new Set<string>();
  return plan.runs.filter((r) => (seen.has(r.runId) ? false : (seen.add(r.runId), true)));
}
