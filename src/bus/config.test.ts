import { describe, expect, it } from 'vitest';
import { ConfigError, parseBusConfig } from './config.js';

/** `${NAME}`, written so that it does not read as a mistaken template literal. */
const env = (name: string) => '$' + '{' + name + '}';

describe('bus config', () => {
  it('reads YAML with environment substitution', () => {
    const config = parseBusConfig(
      [
        'account: "111122223333"',
        'auth:',
        `  accessKeys: [{ accessKeyId: AK, secretAccessKey: "${env('BUS_SECRET')}" }]`,
        'endpoints:',
        '  out: { kind: file, path: ./out.ndjson }',
        'rules:',
        '  - Name: r',
        '    EventPattern: { source: [aws.connect] }',
        '    Targets: [{ Id: t, Endpoint: out }]',
      ].join('\n'),
      { BUS_SECRET: 's3cret' },
    );
    expect(config.auth?.accessKeys?.[0].secretAccessKey).toBe('s3cret');
    expect(config.endpoints?.out).toEqual({ kind: 'file', path: './out.ndjson' });
  });

  it('names what is wrong', () => {
    expect(() => parseBusConfig(`secret: "${env('MISSING_VAR')}"`, {})).toThrow(ConfigError);
    expect(() => parseBusConfig('account: 12', {})).toThrow(/account/);
    expect(() => parseBusConfig('unknown: 1', {})).toThrow(/additional properties/);
    expect(() => parseBusConfig('a: [', {})).toThrow(/not valid YAML/);
    expect(() => parseBusConfig('http: { pipelining: 0 }', {})).toThrow(/\/http\/pipelining must be >= 1/);
    expect(() => parseBusConfig('http: { connections: 8 }', {})).toThrow(
      /\/http must NOT have additional properties/,
    );
  });
});
