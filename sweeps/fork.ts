// Fork sweeps (`fork: { warmup: W }`): per seed, the first W ticks run once and are snapshotted; every design point
// then starts from that snapshot, so its policy acts from tick W on an economy identical across points.
import fs from 'node:fs';
import path from 'node:path';
import { canonicalJson, runScenario, validateScenario, type Scenario } from '../engine/index.js';
import { FORKABLE_FIELDS, checkpointName, jsonDifferences, structureOf } from '../engine/checkpoint/format.js';
import { planFingerprint, runIdFor } from './run-id.js';
import { runSets, type PlannedRun, type SweepPlan } from './plan.js';
import { SweepFileError } from './sweep-file.js';
import type { RunOutcome, RunTask, RunWorkerData } from '../workers/run-worker.js';

export const FORKS_DIR = 'forks';

export interface ForkPlan {
  warmup: number;
  /** canonicalJson of the warm-up scenario (base + set, no swept values): part of every forked run's id. */
  warmScenarioJson: string;
}

/** What a sweep task needs to run a warm-up, or a design point from its seed's warm-up. */
export interface ForkTask {
  role: 'warmup' | 'point';
  warmup: number;
  /** The warm-up's --set overrides (so a worker resolves the same warm-up scenario). */
  warmSets: Record<string, unknown>;
  /** forks/<warm-up id>/ */
  dir: string;
}

/** A forked run's id: a point run from tick W of a warm-up differs from the same point run from tick 0. */
export function forkRunId(version: string, scenarioJson: string, warmJson: string, warmup: number, seed: number): string {
  return runIdFor(version, `${scenarioJson}\nfork at ${warmup} from ${warmJson}`, seed);
}

export function warmupId(version: string, warmJson: string, warmup: number, seed: number): string {
  return runIdFor(version, `${warmJson}\nwarm-up of ${warmup} ticks`, seed);
}

const isForkable = (p: string) => FORKABLE_FIELDS.some((f) => p === f || p.startsWith(`${f}.`));

/**
 * Turns a planned sweep into a fork sweep: checks that the points differ from the warm-up only in policy and shocks
 * and that the warm-up ends before the runs do, and re-derives every run id (a refusal is a SweepFileError).
 */
export function applyFork(plan: SweepPlan, fork: { warmup: number }, file: string): SweepPlan {
  const problems = plan.parameters.filter((p) => !isForkable(p.path)).map((p) =>
    `parameters.${p.path}: a fork sweep varies only ${FORKABLE_FIELDS.join(' and ')} (they act from the fork tick on one warmed-up economy); '${p.path}' would change the economy being forked. Drop fork, or sweep it without one`);
  if (problems.length > 0) throw new SweepFileError(file, problems);
  const warm = resolve(plan, {});
  const ticks = plan.ticks ?? warm.ticks;
  if (fork.warmup >= ticks) throw new SweepFileError(file, [`fork.warmup: ${fork.warmup} ticks of warm-up leave nothing to fork in runs of ${ticks} ticks; use a warm-up below ${ticks}`]);
  const warmJson = canonicalJson(warm);
  const runs = plan.runs.map((run) => {
    if (run.invalid !== undefined) return run;
    const point = resolve(plan, run.values);
    const diff = jsonDifferences(structureOf(warm), structureOf(point));
    if (diff.length > 0) throw new SweepFileError(file, [`design point ${run.point}: differs from the warm-up outside ${FORKABLE_FIELDS.join(' and ')}, at ${diff.join(', ')}`]);
    return { ...run, runId: forkRunId(plan.version, canonicalJson(point), warmJson, fork.warmup, run.seed) };
  });
  return { ...plan, runs, fingerprint: planFingerprint(runs.map((r) => r.runId)), fork: { warmup: fork.warmup, warmScenarioJson: warmJson } };
}

function resolve(plan: SweepPlan, values: Record<string, unknown>): Scenario {
  return validateScenario(plan.baseScenario, plan.scenario.file, { sets: runSets(plan, values as never) }).scenario;
}

/** The warm-up folder of a seed: forks/<id>/ with run/ (its tables) and checkpoints/tick-<W>/. */
export function warmupDir(outDir: string, plan: SweepPlan, seed: number): string {
  const f = plan.fork!;
  return path.join(outDir, FORKS_DIR, warmupId(plan.version, f.warmScenarioJson, f.warmup, seed));
}

export function forkTask(plan: SweepPlan, run: Pick<PlannedRun, 'seed'>, outDir: string, role: ForkTask['role']): ForkTask {
  return { role, warmup: plan.fork!.warmup, warmSets: runSets(plan, {}), dir: warmupDir(outDir, plan, run.seed) };
}

const snapshotOf = (task: ForkTask) => path.join(task.dir, 'checkpoints', checkpointName(task.warmup));
const isDone = (task: ForkTask) => fs.existsSync(path.join(snapshotOf(task), 'checkpoint.json'));
const errorFile = (task: ForkTask) => path.join(task.dir, 'error.txt');

/**
 * Runs each seed's warm-up once, on the sweep's own pool, the first time a point of that seed is about to run (so
 * warm-ups overlap with points of other seeds). Never rejects: a failed warm-up leaves error.txt, which its points
 * then report as their failure.
 */
export function warmupGate(plan: SweepPlan, outDir: string, run: (task: RunTask) => Promise<RunOutcome>): (seed: number) => Promise<void> {
  const started = new Map<number, Promise<void>>();
  const warm = async (seed: number) => {
    const task = forkTask(plan, { seed }, outDir, 'warmup');
    if (isDone(task)) return;
    const outcome = await run({ runId: path.basename(task.dir), seed, sets: task.warmSets, outDir, fork: task }).catch(
      (err: Error): RunOutcome => ({ status: 'failed', error: `worker crashed: ${err.message}`, userError: false }),
    );
    if (outcome.status !== 'ok') {
      fs.mkdirSync(task.dir, { recursive: true });
      fs.writeFileSync(errorFile(task), `${outcome.error}\n`);
    }
  };
  return (seed) => {
    if (!started.has(seed)) started.set(seed, warm(seed));
    return started.get(seed)!;
  };
}

/** In a sweep worker: the warm-up run itself (W ticks, snapshot at W), or one point from its seed's snapshot. */
export async function runForkTask(task: RunTask, fork: ForkTask, data: RunWorkerData, scenario: Scenario, outDir: string): Promise<void> {
  if (fork.role === 'warmup') {
    fs.rmSync(errorFile(fork), { force: true });
    await runScenario(scenario, {
      seed: task.seed, ticks: fork.warmup, outDir: path.join(fork.dir, 'run'), workers: 1, scenarioFile: data.scenarioFile, runId: task.runId,
      checkpoint: { every: fork.warmup, dir: path.join(fork.dir, 'checkpoints') },
    });
    return;
  }
  if (!isDone(fork)) {
    const why = fs.existsSync(errorFile(fork)) ? fs.readFileSync(errorFile(fork), 'utf8').trim() : 'it did not finish';
    throw new Error(`the warm-up of seed ${task.seed} (${fork.dir}) is missing: ${why}`);
  }
  await runScenario(scenario, { seed: task.seed, outDir, workers: 1, scenarioFile: data.scenarioFile, runId: task.runId, checkpoint: { resumeFrom: snapshotOf(fork), fork: true } });
}

/** The id a worker expects for a task, from the scenario it resolved (the planner's formula, checked in the worker). */
export function expectedRunId(task: RunTask, data: RunWorkerData, scenario: Scenario): string {
  const fork = task.fork!;
  const warm = validateScenario(data.baseRaw, data.scenarioFile, { sets: fork.warmSets }).scenario;
  const warmJson = canonicalJson(warm);
  if (fork.role === 'warmup') return warmupId(data.version, warmJson, fork.warmup, task.seed);
  return forkRunId(data.version, canonicalJson(scenario), warmJson, fork.warmup, task.seed);
}
