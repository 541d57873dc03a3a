import { readFileSync } from 'node:fs';
import { type Static, Type } from '@sinclair/typebox';
import { Ajv, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { TargetSpecSchema } from '../targets/index.js';

const Entry = Type.Record(Type.String(), Type.Unknown());

/** The YAML config file of `serve --config`: identity, credentials, limits, and what the API could create. */
export const BusConfigSchema = Type.Object(
  {
    account: Type.Optional(
      Type.String({ pattern: '^\\d{12}$', description: 'Account id in the ARNs issued.' }),
    ),
    region: Type.Optional(Type.String({ minLength: 1, description: 'Region in the ARNs issued.' })),
    auth: Type.Optional(
      Type.Object(
        {
          accessKeys: Type.Optional(
            Type.Array(
              Type.Object({
                accessKeyId: Type.String({ minLength: 1 }),
                secretAccessKey: Type.String({ minLength: 1 }),
              }),
            ),
          ),
          ingest: Type.Optional(
            Type.Object(
              {
                apiKeys: Type.Optional(
                  Type.Array(
                    Type.Object({
                      header: Type.String({ minLength: 1 }),
                      value: Type.String({ minLength: 1 }),
                    }),
                  ),
                ),
                basic: Type.Optional(
                  Type.Array(
                    Type.Object({
                      username: Type.String({ minLength: 1 }),
                      password: Type.String({ minLength: 1 }),
                    }),
                  ),
                ),
              },
              { additionalProperties: false },
            ),
          ),
        },
        { additionalProperties: false },
      ),
    ),
    limits: Type.Optional(
      Type.Object(
        {
          maxPendingLogEntries: Type.Optional(Type.Integer({ minimum: 1 })),
          maxRouterLag: Type.Optional(Type.Integer({ minimum: 1 })),
          maxTargetBacklog: Type.Optional(Type.Integer({ minimum: 1 })),
        },
        { additionalProperties: false },
      ),
    ),
    http: Type.Optional(
      Type.Object(
        {
          connectionsPerOrigin: Type.Optional(
            Type.Integer({
              minimum: 1,
              maximum: 4096,
              description: 'Keep-alive connections the HTTP targets open to one origin (default 64).',
            }),
          ),
          pipelining: Type.Optional(
            Type.Integer({
              minimum: 1,
              maximum: 64,
              description:
                'Requests sent on a connection before its first answer comes back (default 1: none). ' +
                'HTTP/1.1 pipelining: far less CPU per delivery on both sides, for receivers that accept it.',
            }),
          ),
        },
        { additionalProperties: false },
      ),
    ),
    endpoints: Type.Optional(Type.Record(Type.String({ pattern: '^[.\\-_A-Za-z0-9]+$' }), TargetSpecSchema)),
    connections: Type.Optional(Type.Array(Entry, { description: 'CreateConnection inputs.' })),
    apiDestinations: Type.Optional(
      Type.Array(Entry, {
        description: 'CreateApiDestination inputs; `ConnectionName` may stand for `ConnectionArn`.',
      }),
    ),
    rules: Type.Optional(
      Type.Array(Entry, {
        description:
          'PutRule inputs plus `Targets` (PutTargets entries); a pattern may be YAML; a target may name ' +
          '`ApiDestination` or `Endpoint` instead of giving `Arn`.',
      }),
    ),
  },
  { additionalProperties: false },
);

export type BusConfig = Static<typeof BusConfigSchema>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Replaces `${NAME}` in every string with the environment variable, so secrets stay out of the file. */
function substitute(value: unknown, env: NodeJS.ProcessEnv, path: string): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_m, name: string) => {
      const found = env[name];
      if (found === undefined) throw new ConfigError(`${path}: environment variable ${name} is not set`);
      return found;
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => substitute(v, env, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, env, `${path}.${k}`)]));
  }
  return value;
}

/** Compiled on first use: every command loads this module, few read a config file. */
let validate: ValidateFunction<BusConfig> | undefined;

export function parseBusConfig(
  text: string,
  env: NodeJS.ProcessEnv = process.env,
  source = 'config',
): BusConfig {
  let parsed: unknown;
  try {
    parsed = parse(text) ?? {};
  } catch (cause) {
    throw new ConfigError(`${source}: not valid YAML: ${(cause as Error).message}`, { cause });
  }
  const config = substitute(parsed, env, '$');
  validate ??= new Ajv({ allErrors: true, strict: false }).compile<BusConfig>(BusConfigSchema);
  if (!validate(config)) {
    const problems = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
    throw new ConfigError(`${source}: ${problems}`);
  }
  return config;
}

export function loadBusConfig(file: string, env: NodeJS.ProcessEnv = process.env): BusConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new ConfigError(`cannot read config file ${file}: ${(cause as Error).message}`, { cause });
  }
  return parseBusConfig(text, env, file);
}
