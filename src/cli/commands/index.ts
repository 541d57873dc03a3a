import type { Command } from 'commander';
import { registerDlqCommand } from './dlq.js';
import { registerGrepCommand } from './grep.js';
import { registerSchemaCommand } from './schema.js';
import { registerServeCommand } from './serve.js';
import { registerSimulateCommand } from './simulate.js';
import { registerTestPatternCommand } from './test-pattern.js';
import { registerValidateCommand } from './validate.js';

/** Every subcommand, one module each; add a line here when a command is added. */
export function registerCommands(program: Command): void {
  registerValidateCommand(program);
  registerSchemaCommand(program);
  registerServeCommand(program);
  registerSimulateCommand(program);
  registerDlqCommand(program);
  registerTestPatternCommand(program);
  registerGrepCommand(program);
}
