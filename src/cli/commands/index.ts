import type { Command } from 'commander';

/** Every subcommand, one module each; add a line here when a command is added. */
export function registerCommands(_program: Command): void {}
