// `glocal demo`: the end-to-end demonstration. Runs a global and a localized economy, each with and without a port
// closure, over a few seeds on the sweep pool, then compares them, prints the table and writes the report.
import os from 'node:os';
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { UserError } from '../engine/model/errors.js';
import { parseSweep } from '../sweeps/sweep-file.js';
import { planSweep } from '../sweeps/plan.js';
import { executeSweep } from '../sweeps/execute.js';
import type { ProgressReporter } from '../sweeps/progress.js';
import { runCompare } from './compare.js';

interface DemoArgs { out: string; seeds: number; scale: number; ticks?: number; jobs?: number; scenarios: string[]; baseline: string }

/** The four scenarios: built-ins that differ from their pair only by the port-closure shock. */
export const DEMO_SCENARIOS = ['baseline-global', 'port-closure', 'localized', 'port-closure-localized'];

/** Fewer agents keep the demo to a few minutes on two cores; the counts scale together so jobs per household hold. */
function scaledCounts(scale: number, base: { households: number; firms: number; carriers: number }): Record<string, number> {
  if (scale === 1) return {};
  return {
    'households.count': Math.max(100, Math.round(base.households * scale)),
    'firms.count': Math.max(20, Math.round(base.firms * scale)),
    'transport.carriers.count': Math.max(10, Math.round(base.carriers * scale)),
  };
}

/** One line per finished run across all the demo's sweeps (bars of concurrent sweeps would overwrite each other). */
function lineReporter(name: string, counter: { done: number; total: number }): ProgressReporter {
  return {
    start: () => {},
    runStarted: () => {},
    runFinished: (_id, wallSeconds) => process.stderr.write(`  [${++counter.done}/${counter.total}] ${name}: run finished in ${wallSeconds.toFixed(1)} s\n`),
    runFailed: (id, error) => process.stderr.write(`  ${name}: run ${id} failed: ${error}\n`),
    finish: () => {},
  };
}

async function runScenarioSeeds(name: string, args: DemoArgs, jobs: number, counter: { done: number; total: number }, base: Record<string, number>): Promise<string> {
  const label = path.basename(name).replace(/\.(ya?ml|json)$/, '');
  const def = parseSweep({ name: label, scenario: name, seed: 1, replicates: args.seeds, ...(args.ticks ? { ticks: args.ticks } : {}), set: base }, '(glocal demo)');
  const outDir = path.join(args.out, 'runs', label);
  const outcome = await executeSweep(planSweep(def), { outDir, jobs, progress: lineReporter(name, counter) });
  if (outcome.failures.length > 0) throw new Error(`demo: ${outcome.failures.length} runs of ${name} failed; see ${path.join(outDir, 'failed')}`);
  return outDir;
}

/** Lanes of sweeps in parallel, each on its share of the cores: four sweeps of three seeds keep two cores busy. */
async function runAll(args: DemoArgs, counts: Record<string, Record<string, number>>): Promise<string[]> {
  const cores = args.jobs ?? Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
  const lanes = Math.min(cores, args.scenarios.length);
  const jobsPerLane = Math.max(1, Math.floor(cores / lanes));
  const counter = { done: 0, total: args.scenarios.length * args.seeds };
  const dirs = new Array<string>(args.scenarios.length);
  let next = 0;
  await Promise.all(Array.from({ length: lanes }, async () => {
    while (next < args.scenarios.length) {
      const i = next++;
      dirs[i] = await runScenarioSeeds(args.scenarios[i], args, jobsPerLane, counter, counts[args.scenarios[i]]);
    }
  }));
  return dirs;
}

async function agentCounts(name: string): Promise<{ households: number; firms: number; carriers: number }> {
  const { loadScenario } = await import('../engine/index.js');
  const { scenario } = loadScenario(name, { sets: [] });
  return { households: scenario.households.count, firms: scenario.firms.count, carriers: scenario.transport.carriers.count };
}

export async function runDemo(args: DemoArgs): Promise<void> {
  if (!Number.isInteger(args.seeds) || args.seeds < 1) throw new UserError(`--seeds must be a whole number >= 1, got ${args.seeds}`);
  if (args.jobs !== undefined && (!Number.isInteger(args.jobs) || args.jobs < 1)) throw new UserError(`--jobs must be a whole number >= 1, got ${args.jobs}`);
  if (!(args.scale > 0 && args.scale <= 1)) throw new UserError(`--scale must be in (0, 1], got ${args.scale}`);
  const counts: Record<string, Record<string, number>> = {};
  for (const name of args.scenarios) counts[name] = scaledCounts(args.scale, await agentCounts(name));
  const started = performance.now();
  process.stderr.write(`glocal demo: ${args.scenarios.join(', ')}; ${args.seeds} seeds each${args.scale < 1 ? `, agents scaled by ${args.scale}` : ''}; runs in ${path.join(args.out, 'runs')}\n`);
  const dirs = await runAll(args, counts);
  process.stderr.write(`runs done in ${((performance.now() - started) / 1000).toFixed(0)} s\n\n`);
  await runCompare(dirs, { baseline: args.baseline, out: path.join(args.out, 'report'), title: 'Global versus local economies, with and without a port closure' });
  process.stderr.write(`demo done in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
}

export const demoCommand: CommandModule<object, DemoArgs> = {
  command: 'demo',
  describe: 'End-to-end demonstration: global vs localized economy, with and without a port closure, compared with intervals',
  builder: (y: Argv) =>
    y
      .option('out', { type: 'string', default: path.join('out', 'demo'), describe: 'output folder (runs/ and report/)' })
      .option('seeds', { type: 'number', default: 3, describe: 'replicate seeds per scenario' })
      .option('scale', { type: 'number', default: 0.25, describe: 'share of the scenarios\' households, firms and carriers to simulate (1 = full size)' })
      .option('ticks', { type: 'number', describe: 'ticks per run (default: the scenarios\' own)' })
      .option('jobs', { type: 'number', describe: 'worker threads in all (default: cores)' })
      .option('scenarios', { type: 'string', array: true, default: DEMO_SCENARIOS, describe: 'scenarios to run (built-in names or files)' })
      .option('baseline', { type: 'string', default: 'baseline-global', describe: 'scenario the others are compared with' }) as unknown as Argv<DemoArgs>,
  handler: runDemo,
};
