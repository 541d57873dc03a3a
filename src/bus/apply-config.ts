import { AwsError } from '../server/aws-error.js';
import { createApiDestination, createConnection } from './api/connections.js';
import { putRule } from './api/rules.js';
import { putTargets } from './api/targets.js';
import { type BusConfig, ConfigError } from './config.js';
import type { BusContext } from './context.js';
import type { Input } from './input.js';
import { endpointArn } from './target-resolver.js';

function explain<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof AwsError)
      throw new ConfigError(`${what}: ${error.code}: ${error.message}`, { cause: error });
    throw error;
  }
}

function upsertConnection(ctx: BusContext, input: Input): void {
  const existing = ctx.registry.connections.get(String(input.Name));
  if (!existing) {
    createConnection(ctx, input);
    return;
  }
  ctx.registry.connections.set(existing.Name, {
    ...existing,
    AuthorizationType: input.AuthorizationType as typeof existing.AuthorizationType,
    AuthParameters: (input.AuthParameters as Record<string, unknown>) ?? existing.AuthParameters,
    Description: input.Description as string | undefined,
    LastModifiedTime: ctx.now(),
  });
  ctx.registry.commit();
}

function upsertApiDestination(ctx: BusContext, raw: Input): void {
  const { ConnectionName, ...input } = raw;
  if (ConnectionName !== undefined) {
    const connection = ctx.registry.connections.get(String(ConnectionName));
    if (!connection) throw new ConfigError(`connection ${String(ConnectionName)} is not declared`);
    input.ConnectionArn = connection.ConnectionArn;
  }
  const existing = ctx.registry.apiDestinations.get(String(input.Name));
  if (!existing) {
    createApiDestination(ctx, input);
    return;
  }
  ctx.registry.apiDestinations.set(existing.Name, {
    ...existing,
    ConnectionArn: String(input.ConnectionArn),
    InvocationEndpoint: String(input.InvocationEndpoint),
    HttpMethod: String(input.HttpMethod),
    InvocationRateLimitPerSecond: (input.InvocationRateLimitPerSecond as number | undefined) ?? 300,
    LastModifiedTime: ctx.now(),
  });
  ctx.registry.commit();
}

/** A config target may name an API destination or an endpoint instead of giving its ARN. */
function targetArn(ctx: BusContext, config: BusConfig, target: Input): Input {
  const { ApiDestination, Endpoint, ...rest } = target;
  if (ApiDestination !== undefined) {
    const d = ctx.registry.apiDestinations.get(String(ApiDestination));
    if (!d) throw new ConfigError(`API destination ${String(ApiDestination)} is not declared`);
    rest.Arn = d.ApiDestinationArn;
  }
  if (Endpoint !== undefined) {
    const spec = config.endpoints?.[String(Endpoint)];
    if (!spec) throw new ConfigError(`endpoint ${String(Endpoint)} is not declared`);
    rest.Arn = endpointArn(ctx.identity, spec.kind, String(Endpoint));
  }
  return rest;
}

function applyRule(ctx: BusContext, config: BusConfig, rule: Input): void {
  const { Targets, EventPattern, ...input } = rule;
  const pattern = typeof EventPattern === 'string' ? EventPattern : JSON.stringify(EventPattern);
  putRule(ctx, { ...input, EventPattern: pattern });
  const targets = ((Targets as Input[] | undefined) ?? []).map((t) => targetArn(ctx, config, t));
  if (targets.length === 0) return;
  const result = putTargets(ctx, { Rule: input.Name, Targets: targets });
  if (result.FailedEntryCount > 0) {
    throw new ConfigError(result.FailedEntries.map((f) => f.ErrorMessage).join('; '));
  }
}

/** Creates or updates what the config declares, through the same checks as the API. */
export function applyConfig(ctx: BusContext, config: BusConfig): void {
  for (const c of config.connections ?? [])
    explain(`connection ${String(c.Name)}`, () => upsertConnection(ctx, c));
  for (const d of config.apiDestinations ?? []) {
    explain(`API destination ${String(d.Name)}`, () => upsertApiDestination(ctx, d));
  }
  for (const r of config.rules ?? []) explain(`rule ${String(r.Name)}`, () => applyRule(ctx, config, r));
}
