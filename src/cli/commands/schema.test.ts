import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { contactEventJsonSchema } from '../../model/index.js';
import { registerSchemaCommand } from './schema.js';

describe('contact-events schema', () => {
  it('prints the JSON Schema of the canonical contact event', async () => {
    let printed = '';
    const program = new Command('contact-events').exitOverride();
    registerSchemaCommand(program, (text) => {
      printed += text;
    });
    await program.parseAsync(['schema'], { from: 'user' });
    expect(JSON.parse(printed)).toEqual(contactEventJsonSchema);
    expect(JSON.parse(printed).required).toContain('detail');
  });
});
