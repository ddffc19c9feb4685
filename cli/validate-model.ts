// `glocal validate-model`: the validation suite (issue 7) - glocal against published economics, with sources.
// The same as `npm run validate`: prints the table, writes docs/validation.md and its charts, exits 1 if a case fails.
import type { Argv, CommandModule } from 'yargs';
import { UserError } from '../engine/model/errors.js';

interface ValidateModelArgs { case?: string[]; fast: boolean; jobs: number; keep?: string; docs?: boolean }

export const validateModelCommand: CommandModule<object, ValidateModelArgs> = {
  command: 'validate-model',
  describe: 'Run the validation suite against published results (table, docs/validation.md, charts)',
  builder: (y: Argv) =>
    y
      .option('case', { type: 'string', array: true, describe: 'run only these cases (id or number, repeatable)' })
      .option('fast', { type: 'boolean', default: false, describe: 'only the fast cases (those npm test runs)' })
      .option('jobs', { type: 'number', default: 2, describe: 'worker threads for the cases that run many seeds' })
      .option('keep', { type: 'string', describe: 'keep the runs in this folder (default: a temporary folder, removed)' })
      .option('docs', { type: 'boolean', describe: 'write docs/validation.md (default: only when every case ran)' })
      .example('$0 validate-model', 'every case; writes docs/validation.md')
      .example('$0 validate-model --case 2 --case lm3-northumberland', 'two cases, table only') as unknown as Argv<ValidateModelArgs>,
  handler: async (args) => {
    if (!Number.isInteger(args.jobs) || args.jobs < 1) throw new UserError(`--jobs must be a whole number >= 1, got ${args.jobs}`);
    const { findCase } = await import('../validation/cases.js');
    for (const id of args.case ?? []) if (!findCase(id)) throw new UserError(`validate-model: no case '${id}'`);
    const { validateModel } = await import('../validation/run.js');
    const code = await validateModel({ only: args.case ?? [], fastOnly: args.fast, jobs: args.jobs, keepDir: args.keep, docs: args.docs, command: 'glocal validate-model' });
    if (code !== 0) process.exitCode = code;
  },
};
