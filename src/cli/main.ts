import { Command } from 'commander';
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

export async function main(argv: string[]): Promise<void> {
  await buildProgram().parseAsync(argv);
}
