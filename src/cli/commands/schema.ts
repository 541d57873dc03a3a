import type { Command } from 'commander';
import { contactEventJsonSchema } from '../../model/json-schema.js';

export function registerSchemaCommand(program: Command, out: (text: string) => void = writeStdout): void {
  program
    .command('schema')
    .description('Print the JSON Schema of the canonical Amazon Connect contact event.')
    .action(() => out(`${JSON.stringify(contactEventJsonSchema, null, 2)}\n`));
}

function writeStdout(text: string): void {
  process.stdout.write(text);
}
