// `glocal sweep <sweep file | scenario>` runs a parameter sweep on a worker pool; `glocal sweep merge DIR` builds
// the summary from every shard's runs. Thin: flags become a sweep definition, the work is in sweeps/.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { parse as parseYaml } from 'yaml';
import { UserError } from '../engine/model/errors.js';
import { DESIGN_KINDS, looksLikeSweep, parseSweep, SweepFileError, type SweepDefinition } from '../sweeps/sweep-file.js';
import { planSweep } from '../sweeps/plan.js';
import { loadPlanFile } from '../sweeps/plan-file.js';
import { defaultJobs, executeSweep } from '../sweeps/execute.js';
import { writeSummary, SUMMARY_FILE, SUMMARY_PARQUET } from '../sweeps/summary.js';
import { createProgress, PROGRESS_MODES, type ProgressMode } from '../sweeps/progress.js';
import { describeShard, resolveShard } from '../sweeps/shard.js';

interface SweepArgs {
  target: string;
  jobs?: number;
  out?: string;
  shard?: string;
  'shard-count'?: number;
  vary?: string[];
  seeds?: number;
  seed?: number;
  design?: string;
  samples?: number;
  trajectories?: number;
  levels?: number;
  ticks?: number;
  set?: string[];
  format: 'arrow' | 'parquet';
  progress: ProgressMode;
}

interface MergeArgs {
  dir: string;
  format: 'arrow' | 'parquet';
}

const COMMAND_LINE = '(command line)';

/** Reads the target: a sweep file, or a scenario (name or file) to sweep with --vary. */
function baseSweep(target: string): { raw: Record<string, unknown>; file: string } {
  if (/\.(ya?ml|json)$/.test(target) && existsSync(target)) {
    let raw: unknown;
    try {
      raw = target.endsWith('.json') ? JSON.parse(readFileSync(target, 'utf8')) : parseYaml(readFileSync(target, 'utf8'));
    } catch (err) {
      throw new SweepFileError(target, [`cannot parse: ${(err as Error).message}`]);
    }
    if (looksLikeSweep(raw)) return { raw: { ...(raw as Record<string, unknown>) }, file: target };
  }
  return { raw: { scenario: target, name: path.basename(target).replace(/\.(ya?ml|json)$/, '') }, file: COMMAND_LINE };
}

/** Folds the flags into the sweep file's fields, so both go through one schema and one set of messages. */
export function sweepFromArgs(args: Omit<SweepArgs, 'format' | 'progress'>): SweepDefinition {
  const { raw, file } = baseSweep(args.target);
  const parameters = { ...((raw.parameters as Record<string, unknown> | undefined) ?? {}) };
  for (const flag of args.vary ?? []) {
    const eq = flag.indexOf('=');
    if (eq <= 0) throw new UserError(`--vary expects path=levels (e.g. policy.carbonTaxPerTonne=0:200:50 or households.localPreference=0,0.5,1), got '${flag}'`);
    parameters[flag.slice(0, eq).trim()] = flag.slice(eq + 1);
  }
  raw.parameters = parameters;
  if (args.seeds !== undefined) raw.replicates = args.seeds;
  if (args.seed !== undefined) raw.seed = args.seed;
  if (args.ticks !== undefined) raw.ticks = args.ticks;
  if (args.set?.length) raw.set = { ...((raw.set as Record<string, unknown> | undefined) ?? {}), ...parseSets(args.set) };
  const designFlags = { samples: args.samples, trajectories: args.trajectories, levels: args.levels };
  if (args.design !== undefined || Object.values(designFlags).some((v) => v !== undefined)) {
    const current = typeof raw.design === 'string' ? { kind: raw.design } : ((raw.design as Record<string, unknown> | undefined) ?? { kind: 'grid' });
    raw.design = Object.fromEntries(
      Object.entries({ ...current, ...(args.design ? { kind: args.design } : {}), ...designFlags }).filter(([, v]) => v !== undefined),
    );
  }
  return parseSweep(raw, file);
}

function parseSets(flags: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const flag of flags) {
    const eq = flag.indexOf('=');
    if (eq <= 0) throw new UserError(`--set expects path=value, got '${flag}'`);
    const text = flag.slice(eq + 1);
    let value: unknown = text;
    try {
      value = parseYaml(text) ?? text;
    } catch {
      // not YAML: keep the text as written
    }
    out[flag.slice(0, eq).trim()] = value;
  }
  return out;
}

function say(progress: ProgressMode, line: string): void {
  // with --progress json stdout carries only JSON lines
  (progress === 'json' ? process.stderr : process.stdout).write(`${line}\n`);
}

async function runSweep(args: SweepArgs): Promise<void> {
  const shard = resolveShard({ flag: args.shard, shardCount: args['shard-count'] });
  const def = sweepFromArgs(args);
  const plan = planSweep(def);
  const outDir = path.resolve(args.out ?? path.join('out', 'sweeps', def.name));
  const jobs = args.jobs ?? defaultJobs();
  if (!Number.isInteger(jobs) || jobs < 1) throw new UserError(`--jobs must be a whole number >= 1, got ${args.jobs}`);
  const progress = createProgress(args.progress);
  const outcome = await executeSweep(plan, { outDir, jobs, shard, progress });
  const failed = outcome.failures.length;
  const counts = `${outcome.total} runs (${outcome.skipped} finished earlier, ${outcome.done} now, ${failed} failed)`;
  if (shard.count > 1) {
    say(args.progress, `sweep ${plan.name}, ${describeShard(shard)}: ${counts}. When every shard is done: glocal sweep merge ${outDir}`);
  } else {
    await writeSummary(outDir, plan, { format: args.format });
    const parquet = args.format === 'parquet' ? ` and ${SUMMARY_PARQUET}` : '';
    say(args.progress, `sweep ${plan.name}: ${counts} -> ${path.join(outDir, SUMMARY_FILE)}${parquet}`);
  }
  if (failed > 0) {
    process.stderr.write(`glocal: ${failed} of ${outcome.total} runs failed; their errors are in ${path.join(outDir, 'failed')} and the summary's error column\n`);
    process.exitCode = 1;
  }
}

async function mergeSweep(args: MergeArgs): Promise<void> {
  const dir = path.resolve(args.dir);
  const plan = loadPlanFile(dir);
  const counts = await writeSummary(dir, plan, { format: args.format });
  process.stdout.write(`sweep ${plan.name}: merged ${counts.rows} runs (${counts.ok} ok, ${counts.failed} failed, ${counts.missing} not run yet) -> ${path.join(dir, SUMMARY_FILE)}\n`);
  if (counts.failed > 0 || counts.missing > 0) {
    process.stderr.write(`glocal: the sweep is incomplete: ${counts.failed} failed and ${counts.missing} missing runs\n`);
    process.exitCode = 1;
  }
}

const formatOption = { choices: ['arrow', 'parquet'] as const, default: 'arrow' as const, describe: 'summary format: Arrow, or Arrow plus a Parquet copy' };

const runModule: CommandModule<object, SweepArgs> = {
  command: '$0 <target>',
  describe: 'run a sweep from a sweep file, or sweep a scenario with --vary',
  builder: (y: Argv) =>
    y
      .positional('target', { type: 'string', demandOption: true, describe: 'sweep file (.yaml/.json), or a scenario name or file with --vary' })
      .option('jobs', { alias: 'j', type: 'number', describe: `worker threads, each a whole run (default: cores, here ${defaultJobs()})` })
      .option('out', { alias: 'o', type: 'string', describe: 'output folder (default out/sweeps/<name>)' })
      .option('shard', { type: 'string', describe: 'run only shard i of n (i/n, from 0); also read from Slurm arrays and Kubernetes Indexed Jobs' })
      .option('shard-count', { type: 'number', describe: 'number of shards for a Kubernetes Indexed Job (JOB_COMPLETION_INDEX)' })
      .option('vary', { type: 'string', array: true, describe: 'path=min:max:step, path=min:max (sampled designs) or path=v1,v2,...' })
      .option('seeds', { type: 'number', describe: 'replicates (seeds) per design point' })
      .option('seed', { type: 'number', describe: 'sweep seed: design samples and run seeds derive from it' })
      .option('design', { type: 'string', choices: DESIGN_KINDS, describe: 'design (default grid)' })
      .option('samples', { type: 'number', describe: 'random/lhs points, or sobol base sample size N' })
      .option('trajectories', { type: 'number', describe: 'morris trajectories' })
      .option('levels', { type: 'number', describe: 'morris grid levels' })
      .option('ticks', { type: 'number', describe: 'ticks per run (overrides the scenario)' })
      .option('set', { type: 'string', array: true, describe: 'path=value fixed for every run' })
      .option('format', formatOption)
      .option('progress', { choices: PROGRESS_MODES, default: 'auto' as ProgressMode, describe: 'auto: bar on a terminal, plain lines otherwise; json: one JSON line per event' })
      .example('$0 sweep scenarios/sweeps/carbon-tax.yaml --jobs 4', 'run a sweep file on 4 threads')
      .example('$0 sweep baseline-global --vary policy.carbonTaxPerTonne=0:200:50 --seeds 10', 'quick sweep without a file')
      .example('$0 sweep s.yaml --shard 0/4 --out /shared/s', 'run the first of 4 shards') as unknown as Argv<SweepArgs>,
  handler: runSweep,
};

const mergeModule: CommandModule<object, MergeArgs> = {
  command: 'merge <dir>',
  describe: "build DIR/summary.arrow from all shards' runs in DIR",
  builder: (y: Argv) =>
    y.positional('dir', { type: 'string', demandOption: true, describe: 'the sweep output folder' }).option('format', formatOption) as unknown as Argv<MergeArgs>,
  handler: mergeSweep,
};

export const sweepCommand: CommandModule = {
  command: 'sweep',
  describe: 'parameter sweeps: many runs on a worker pool, resumable, shardable (sweep merge DIR)',
  builder: (y: Argv) => y.command(mergeModule).command(runModule),
  handler: () => {},
};
