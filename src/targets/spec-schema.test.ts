import { readFileSync } from 'node:fs';
import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { ApiDestinationTargetSpecSchema } from './api-destination/schema.js';
import { FileTargetSpecSchema } from './file/schema.js';
import { FunctionTargetSpecSchema } from './function/schema.js';
import { TargetSpecSchema } from './spec-schema.js';
import { WebhookTargetSpecSchema } from './webhook/schema.js';

const docs = readFileSync(new URL('../../docs/targets.md', import.meta.url), 'utf8');

/** Every property of a schema, with its path, descending into objects, arrays and unions. */
function properties(schema: TSchema, path = ''): Array<[string, TSchema]> {
  const out: Array<[string, TSchema]> = [];
  for (const [key, child] of Object.entries((schema.properties ?? {}) as Record<string, TSchema>)) {
    out.push([`${path}${key}`, child], ...properties(child, `${path}${key}.`));
  }
  if (schema.items) out.push(...properties(schema.items as TSchema, path));
  return out;
}

describe('target spec schemas', () => {
  const specs = {
    'api-destination': ApiDestinationTargetSpecSchema,
    webhook: WebhookTargetSpecSchema,
    file: FileTargetSpecSchema,
    function: FunctionTargetSpecSchema,
  };

  it.each(Object.entries(specs))('%s: every field is in docs/targets.md', (_kind, schema) => {
    for (const [path] of properties(schema)) {
      const name = path.split('.').at(-1) ?? path;
      expect(docs.includes(name), `${path} is not documented`).toBe(true);
    }
  });

  it.each(Object.entries(specs))('%s: every field has a description', (_kind, schema) => {
    for (const [path, child] of properties(schema)) {
      if (path === 'kind') continue;
      expect(typeof child.description, `${path} has no description`).toBe('string');
    }
  });

  it('accepts the documented minimal specs and refuses unknown kinds or bad values', () => {
    const valid = [
      { kind: 'file', path: 'out.ndjson' },
      { kind: 'function', module: './f.mjs' },
      { kind: 'webhook', url: 'https://h.example.com', secrets: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'] },
      {
        kind: 'api-destination',
        destination: { InvocationEndpoint: 'https://x.example.com', HttpMethod: 'POST' },
        connection: {
          AuthorizationType: 'BASIC',
          AuthParameters: { BasicAuthParameters: { Username: 'u', Password: 'p' } },
        },
      },
    ];
    for (const spec of valid) expect(Value.Check(TargetSpecSchema, spec)).toBe(true);
    expect(Value.Check(TargetSpecSchema, { kind: 'queue', path: 'x' })).toBe(false);
    expect(Value.Check(TargetSpecSchema, { kind: 'webhook', url: 'https://h', secrets: [] })).toBe(false);
    expect(
      Value.Check(TargetSpecSchema, {
        kind: 'api-destination',
        destination: { InvocationEndpoint: 'https://x', HttpMethod: 'TRACE' },
        connection: { AuthorizationType: 'BASIC', AuthParameters: {} },
      }),
    ).toBe(false);
  });
});
