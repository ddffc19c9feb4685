// `glocal run`, `glocal validate`, `glocal scenarios`: run one scenario, check one, list the built-ins.
import { dirname, join } from 'node:path';
import { availableParallelism } from 'node:os';
import type { CommandModule } from 'yargs';
import { loadScenario, listBuiltinScenarios, runScenario, UserError, describeCheckpoint } from '../engine/index.js';
import { createTickProgress } from './progress.js';

interface RunArgs {
  scenario: string;
  seed?: number;
  ticks?: number;
  out?: string;
  set?: string[];
  workers?: number;
  quiet?: boolean;
  'checkpoint-every'?: number;
  'checkpoint-dir'?: string;
  resume?: string;
}

export const runCommand: CommandModule<object, RunArgs> = {
  command: 'run [scenario]',
  describe: 'Run one scenario and write its Arrow tables to a run folder',
  builder: (y) =>
    y
      .positional('scenario', { type: 'string', default: 'default', describe: 'built-in scenario name or a YAML/JSON file' })
      .option('seed', { type: 'number', describe: 'random seed (default: the scenario\'s seed)' })
      .option('ticks', { type: 'number', describe: 'number of ticks (default: the scenario\'s ticks)' })
      .option('out', { type: 'string', describe: 'run folder to write (default: runs/<scenario>-s<seed>)' })
      .option('set', { type: 'string', array: true, describe: 'override a scenario field: path=value (repeatable)' })
      .option('workers', { type: 'number', default: availableParallelism(), describe: 'worker threads for this run (default: number of cores; 1 runs on the main thread; output is identical for any count)' })
      .option('quiet', { type: 'boolean', default: false, describe: 'print only the summary' })
      .option('checkpoint-every', { type: 'number', describe: 'write the whole state to checkpoints/tick-<t>/ every K ticks (resume with --resume)' })
      .option('checkpoint-dir', { type: 'string', describe: 'folder for checkpoints (default: <out>.checkpoints)' })
      .option('resume', { type: 'string', describe: 'continue from a checkpoint (a checkpoints folder: its newest complete one); output equals an uninterrupted run' })
      .example('$0 run tiny --seed 7', 'run the tiny scenario with seed 7')
      .example('$0 run default --checkpoint-every 52 --out runs/long', 'snapshot every 52 ticks; after a crash: $0 run --resume runs/long.checkpoints')
      .example('$0 run localized --set policy.carbonTaxPerTonne=100 --out runs/tax100', 'override a policy and choose the folder') as never,
  handler: async (args) => {
    const resume = args.resume !== undefined ? describeCheckpoint(args.resume) : undefined;
    if (resume && (args.set?.length || args.seed !== undefined || ![resume.scenario.name, 'default'].includes(args.scenario))) {
      throw new UserError(`--resume continues the checkpoint's own scenario ('${resume.scenario.name}') and seed (${resume.seed}); drop the scenario, --set and --seed`);
    }
    const { scenario, file } = resume ? { scenario: resume.scenario, file: resume.scenarioFile } : loadScenario(args.scenario, { sets: args.set ?? [] });
    const seed = resume?.seed ?? args.seed ?? scenario.seed;
    const ticks = args.ticks ?? resume?.ticks ?? scenario.ticks;
    const every = args['checkpoint-every'] ?? resume?.checkpointEvery;
    if (every !== undefined) checkPositiveInt('--checkpoint-every', every);
    checkPositiveInt('--ticks', ticks);
    checkPositiveInt('--workers', args.workers ?? 1);
    if (!Number.isInteger(seed) || seed < 0) throw new UserError(`--seed must be a non-negative integer, got ${seed}`);
    const outDir = args.out ?? resume?.outDir ?? join('runs', `${scenario.name}-s${seed}`);
    const progress = args.quiet ? undefined : createTickProgress(`${scenario.name} (seed ${seed})`, ticks);
    const { manifest } = await runScenario(scenario, {
      seed,
      ticks,
      outDir,
      workers: args.workers,
      scenarioFile: file,
      checkpoint: every !== undefined || resume ? { every, dir: args['checkpoint-dir'] ?? (resume ? dirname(resume.dir) : undefined), resumeFrom: resume?.dir } : undefined,
      onTick: progress ? (t) => progress.update(t) : undefined,
    }).finally(() => progress?.stop());
    const { summarizeRunFolder } = await import('./summary.js');
    process.stdout.write(summarizeRunFolder(outDir, manifest));
  },
};

export const validateCommand: CommandModule<object, { scenario: string; set?: string[] }> = {
  command: 'validate <scenario>',
  describe: 'Check a scenario file against the schema without running it',
  builder: (y) =>
    y
      .positional('scenario', { type: 'string', demandOption: true, describe: 'built-in scenario name or a YAML/JSON file' })
      .option('set', { type: 'string', array: true, describe: 'override a scenario field: path=value (repeatable)' }) as never,
  handler: (args) => {
    const { scenario, file } = loadScenario(args.scenario, { sets: args.set ?? [] });
    process.stdout.write(`${file}: valid scenario '${scenario.name}' (${scenario.regions.length} regions, ${scenario.households.count} households, ${scenario.firms.count} firms, ${scenario.transport.carriers.count} carriers, ${scenario.ticks} ticks)\n`);
  },
};

export const scenariosCommand: CommandModule = {
  command: 'scenarios',
  describe: 'List the built-in scenarios',
  handler: () => {
    const list = listBuiltinScenarios();
    const width = Math.max(...list.map((s) => s.name.length));
    for (const s of list) process.stdout.write(`${s.name.padEnd(width)}  ${s.description}\n`);
  },
};

function checkPositiveInt(flag: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) throw new UserError(`${flag} must be a positive integer, got ${value}`);
}
