// `npm run validate`: every validation case, the table on stdout, docs/validation.md and its charts.
// Flags: --fast (fast cases only), --case <id|number> (repeatable), --jobs N, --keep DIR, --no-docs, --docs-dir DIR. Exit 1 if a case fails.
import { join } from 'node:path';
import { packageRoot } from '../engine/model/paths.js';
import { runSuite, passed, type SuiteOptions } from './suite.js';
import { consoleTable, writeReport } from './report.js';

export interface ValidateArgs extends SuiteOptions {
  /** Write docs/validation.md (default: only when every case ran). */
  docs?: boolean;
  /** Where the report goes (default: the package's docs/). */
  docsDir?: string;
  command?: string;
}

/** Runs the suite, prints the table, writes the report; returns the process exit code. */
export async function validateModel(args: ValidateArgs): Promise<number> {
  const outcomes = await runSuite(args);
  process.stdout.write(consoleTable(outcomes));
  const complete = !args.fastOnly && (args.only ?? []).length === 0;
  if (args.docs ?? complete) {
    const file = writeReport(outcomes, args.docsDir ?? join(packageRoot(), 'docs'), args.command ?? 'npm run validate');
    process.stdout.write(`report: ${file}\n`);
  }
  return outcomes.every(passed) ? 0 : 1;
}

function parseArgs(argv: string[]): ValidateArgs {
  const args: ValidateArgs = { only: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--fast') args.fastOnly = true;
    else if (a === '--case') args.only!.push(argv[++i]!);
    else if (a === '--jobs') args.jobs = Number(argv[++i]);
    else if (a === '--keep') args.keepDir = argv[++i];
    else if (a === '--no-docs') args.docs = false;
    else if (a === '--docs') args.docs = true;
    else if (a === '--docs-dir') [args.docs, args.docsDir] = [true, argv[++i]];
    else throw new Error(`validate: unknown flag '${a}' (flags: --fast, --case <id>, --jobs N, --keep DIR, --docs, --no-docs, --docs-dir DIR)`);
  }
  return args;
}

const invokedDirectly = process.argv[1] !== undefined && /validation[\\/]run\.(ts|js)$/.test(process.argv[1]);
if (invokedDirectly) {
  validateModel(parseArgs(process.argv.slice(2))).then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`validate: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(2);
    },
  );
}
