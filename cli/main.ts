// The glocal command line: registers one yargs command module per file and maps errors to exit codes.
// Exit codes: 0 ok, 1 run failed, 2 bad usage or input (a user's mistake never prints a stack trace).
import yargs from 'yargs';
import type { CommandModule } from 'yargs';
import { isUserError } from '../engine/model/errors.js';
import { runCommand, validateCommand, scenariosCommand } from './run.js';
import { sweepCommand } from './sweep.js';
import { compareCommand } from './compare.js';
import { sensitivityCommand } from './sensitivity.js';
import { demoCommand } from './demo.js';
import { validateModelCommand } from './validate-model.js';
import { benchCommand } from './bench.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const commands: CommandModule<any, any>[] = [
  runCommand,
  validateCommand,
  scenariosCommand,
  sweepCommand,
  compareCommand,
  sensitivityCommand,
  demoCommand,
  benchCommand,
  validateModelCommand,
];

export async function main(argv: string[]): Promise<void> {
  try {
    await yargs(argv)
      .scriptName('glocal')
      .usage('$0 <command> [options]\n\nAgent-based simulation of global versus local economies.')
      .command(commands)
      .demandCommand(1, 'Name a command (see the list above).')
      .strict()
      .recommendCommands()
      .help()
      .alias('h', 'help')
      .version()
      .wrap(Math.min(110, process.stdout.columns ?? 100))
      .fail((msg, err, y) => {
        if (err) throw err;
        process.stderr.write(`${y.help()}\n\nError: ${msg}\n`);
        process.exit(2);
      })
      .parseAsync();
  } catch (err) {
    exitWithError(err);
  }
}

/** Prints an error the way a user should see it and exits: user errors get exit 2 and no stack. */
export function exitWithError(err: unknown): never {
  if (isUserError(err)) {
    process.stderr.write(`glocal: ${err.message}\n`);
    process.exit(2);
  }
  const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
  process.stderr.write(`glocal: run failed: ${message}\n`);
  process.exit(1);
}
