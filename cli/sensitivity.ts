// `glocal sensitivity <sweep-dir> [--metric M] [--out DIR]`: Sobol indices or Morris effects of a sweep's parameters
// on its outcome metrics, printed as tables; the CSV, Markdown, tornado charts and report.html go to --out.
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { UserError } from '../engine/model/errors.js';
import { formatSensitivity, sensitivityFromSweep, writeSensitivityReport } from '../analysis/sensitivity-report.js';

interface SensitivityArgs { dir: string; metric?: string[]; out?: string; resamples: number; seed: number }

export const sensitivityCommand: CommandModule<object, SensitivityArgs> = {
  command: 'sensitivity <dir>',
  describe: 'Sobol indices (sobol sweeps) or Morris effects (morris sweeps) of each parameter on each outcome',
  builder: (y: Argv) =>
    y
      .positional('dir', { type: 'string', demandOption: true, describe: 'a sweep output folder (sweep.json, summary.arrow, runs/)' })
      .option('metric', { type: 'string', array: true, describe: 'outcome metric(s) (default: those in the sweep summary); others are computed from the run folders' })
      .option('out', { type: 'string', describe: 'report folder (default: <dir>/sensitivity)' })
      .option('resamples', { type: 'number', default: 500, describe: 'bootstrap resamples for the Sobol intervals' })
      .option('seed', { type: 'number', default: 0, describe: 'seed of the bootstrap' })
      .example('$0 sensitivity out/sweeps/drivers --metric total_freight_co2e_kg', 'what drives freight emissions') as unknown as Argv<SensitivityArgs>,
  handler: async (args) => {
    if (!Number.isInteger(args.resamples) || args.resamples < 1) throw new UserError(`--resamples must be a whole number >= 1, got ${args.resamples}`);
    const result = sensitivityFromSweep(args.dir, { metrics: args.metric, resamples: args.resamples, seed: args.seed });
    process.stdout.write(formatSensitivity(result));
    const out = args.out ?? path.join(args.dir, 'sensitivity');
    const built = await writeSensitivityReport(result, out);
    process.stdout.write(`\nwrote ${built.files.length} files (${built.charts} charts) to ${out}; open ${path.join(out, 'report.html')}\n`);
  },
};
