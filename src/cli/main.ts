import { Command } from 'commander';
import { endQuietlyOnClosedPipe } from './closed-pipe.js';
import { registerCommands } from './commands/index.js';
import { packageVersion } from './version.js';

/** Builds the `contact-events` command line; each subcommand lives in its own file under `commands/`. */
export function buildProgram(): Command {
  const program = new Command('contact-events')
    .description('Contact-center events: emulate, receive, route and understand them.')
    .version(packageVersion())
    .showHelpAfterError();
  registerCommands(program);
  return program;
}

/** Runs the command line as the `contact-events` executable does. */
export async function main(argv: string[]): Promise<void> {
  endQuietlyOnClosedPipe();
  await buildProgram().parseAsync(argv);
}
