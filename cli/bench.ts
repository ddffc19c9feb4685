// `glocal bench [--suite smoke|standard|large] [--json FILE]`, `glocal bench compare A.json B.json`,
// `glocal bench profile FILE.cpuprofile` and `glocal bench anatomy [scenario]`. Thin: the work is in bench/.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { UserError } from '../engine/model/errors.js';

interface BenchArgs {
  suite: 'smoke' | 'standard' | 'large';
  json?: string;
  clock: 'cpu' | 'wall';
  quiet: boolean;
}

const compareCommand: CommandModule<object, { a: string; b: string }> = {
  command: 'compare <a> <b>',
  describe: 'Compare two bench results: ratios B/A, figures more than 10% worse flagged (exit 1 if any)',
  builder: (y) =>
    y
      .positional('a', { type: 'string', demandOption: true, describe: 'the earlier result (JSON)' })
      .positional('b', { type: 'string', demandOption: true, describe: 'the later result (JSON)' }) as never,
  handler: async (args) => {
    const { readResultFile, compareFigures, formatComparison } = await import('../bench/compare.js');
    const a = readResultFile(args.a);
    const b = readResultFile(args.b);
    const comparison = compareFigures(a.figures!, b.figures!);
    process.stdout.write(formatComparison(comparison, path.basename(args.a, '.json').slice(0, 10), path.basename(args.b, '.json').slice(0, 10)));
    if (comparison.flagged > 0) process.exitCode = 1;
  },
};

const profileCommand: CommandModule<object, { file: string; top: number }> = {
  command: 'profile <file>',
  describe: 'Top functions by self time in a `node --cpu-prof` profile',
  builder: (y) =>
    y
      .positional('file', { type: 'string', demandOption: true, describe: '.cpuprofile file' })
      .option('top', { type: 'number', default: 20, describe: 'functions to list' }) as never,
  handler: async (args) => {
    const { readProfile, summarizeProfile, profileTable } = await import('../bench/profile.js');
    process.stdout.write(profileTable(summarizeProfile(readProfile(args.file), process.cwd(), args.top)) + '\n');
  },
};

const anatomyCommand: CommandModule<object, { scenario: string; ticks?: number; warmup: number; json?: string }> = {
  command: 'anatomy [scenario]',
  describe: "Time a one-thread tick kernel by kernel: what the pool splits, what stays serial, and Amdahl's bound",
  builder: (y) =>
    y
      .positional('scenario', { type: 'string', default: 'default', describe: 'built-in scenario name or YAML file' })
      .option('ticks', { type: 'number', describe: "ticks to run (default: the scenario's)" })
      .option('warmup', { type: 'number', default: 10, describe: 'ticks run but not timed (0 with --ticks 1 times the cold first tick)' })
      .option('json', { type: 'string', describe: 'also write the figures to this JSON file' }) as never,
  handler: async (args) => {
    const { tickAnatomy, anatomyTable } = await import('../bench/anatomy.js');
    if (!Number.isInteger(args.warmup) || args.warmup < 0) throw new UserError(`--warmup must be a whole number of ticks, got ${args.warmup}`);
    const anatomy = tickAnatomy(args.scenario, { ticks: args.ticks, warmupTicks: args.warmup });
    process.stdout.write(anatomyTable(anatomy));
    if (args.json) writeFileSync(args.json, JSON.stringify(anatomy, null, 2) + '\n');
  },
};

export const benchCommand: CommandModule<object, BenchArgs> = {
  command: 'bench',
  describe: 'Benchmark the engine (kernels, whole runs, sweeps) and write a JSON result',
  builder: (y: Argv) =>
    y
      .command(compareCommand)
      .command(profileCommand)
      .command(anatomyCommand)
      .option('suite', { choices: ['smoke', 'standard', 'large'] as const, default: 'standard' as const, describe: 'which suite to run' })
      .option('json', { type: 'string', describe: 'result file (default: bench/results/<date>-<suite>.json)' })
      .option('clock', { choices: ['cpu', 'wall'] as const, default: 'cpu' as const, describe: 'kernel timings in process CPU time or wall time' })
      .option('quiet', { type: 'boolean', default: false, describe: 'no progress lines' })
      .example('$0 bench --suite smoke --json /tmp/smoke.json', 'the quick suite CI runs')
      .example('$0 bench compare bench/results/A.json bench/results/B.json', 'what got slower') as never,
  handler: async (args) => {
    const { runSuite } = await import('../bench/suite.js');
    const { formatSummary } = await import('../bench/report.js');
    const log = args.quiet ? undefined : (line: string) => process.stderr.write(`bench: ${line}\n`);
    const result = await runSuite(args.suite, { clock: args.clock, log });
    const file = args.json ?? path.join('bench', 'results', `${result.machine.date.slice(0, 10)}-${args.suite}.json`);
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
    process.stdout.write(formatSummary(result) + `written to ${file}\n`);
  },
};
