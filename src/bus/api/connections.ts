import { alreadyExists, constraintError, notFound, validationError } from '../../server/aws-error.js';
import { apiDestinationArn, connectionArn } from '../arns.js';
import type { BusContext } from '../context.js';
import {
  type Input,
  NAME_PATTERN,
  optionalInteger,
  optionalObject,
  optionalString,
  requiredString,
} from '../input.js';
import type { ApiDestinationState, ConnectionState } from '../registry.js';

const NAME = { min: 1, max: 64, pattern: NAME_PATTERN };
const AUTH_TYPES = ['API_KEY', 'BASIC', 'OAUTH_CLIENT_CREDENTIALS'] as const;
const METHODS = ['POST', 'GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'DELETE'];
const AUTH_MEMBER = {
  API_KEY: 'ApiKeyAuthParameters',
  BASIC: 'BasicAuthParameters',
  OAUTH_CLIENT_CREDENTIALS: 'OAuthParameters',
} as const;

/** Timestamps travel as epoch seconds in the JSON 1.1 protocol. */
const seconds = (ms: number) => ms / 1000;

export function createConnection(ctx: BusContext, input: Input) {
  const name = requiredString(input, 'Name', NAME);
  const type = requiredString(input, 'AuthorizationType') as ConnectionState['AuthorizationType'];
  if (!AUTH_TYPES.includes(type)) {
    throw constraintError(
      type,
      'authorizationType',
      `Member must satisfy enum value set: [${AUTH_TYPES.join(', ')}]`,
    );
  }
  const auth = optionalObject(input, 'AuthParameters');
  if (!auth?.[AUTH_MEMBER[type]]) {
    throw validationError(`${AUTH_MEMBER[type]} must be specified for AuthorizationType ${type}.`);
  }
  if (ctx.registry.connections.has(name)) throw alreadyExists(`Connection ${name} already exists.`);
  const now = ctx.now();
  const connection: ConnectionState = {
    Name: name,
    ConnectionArn: connectionArn(ctx.identity, name, ctx.newId()),
    ConnectionState: 'AUTHORIZED',
    AuthorizationType: type,
    AuthParameters: auth,
    Description: optionalString(input, 'Description', { max: 512 }),
    CreationTime: now,
    LastModifiedTime: now,
  };
  ctx.registry.connections.set(name, connection);
  ctx.registry.commit();
  return {
    ConnectionArn: connection.ConnectionArn,
    ConnectionState: connection.ConnectionState,
    CreationTime: seconds(now),
    LastModifiedTime: seconds(now),
  };
}

/** What DescribeConnection shows of the auth parameters: never a secret. */
function withoutSecrets(auth: Record<string, unknown>): Record<string, unknown> {
  const shown: Record<string, unknown> = {};
  const apiKey = auth.ApiKeyAuthParameters as { ApiKeyName?: string } | undefined;
  const basic = auth.BasicAuthParameters as { Username?: string } | undefined;
  const oauth = auth.OAuthParameters as Record<string, unknown> | undefined;
  if (apiKey) shown.ApiKeyAuthParameters = { ApiKeyName: apiKey.ApiKeyName };
  if (basic) shown.BasicAuthParameters = { Username: basic.Username };
  if (oauth) {
    const client = oauth.ClientParameters as { ClientID?: string } | undefined;
    shown.OAuthParameters = {
      AuthorizationEndpoint: oauth.AuthorizationEndpoint,
      HttpMethod: oauth.HttpMethod,
      ClientParameters: { ClientID: client?.ClientID },
    };
  }
  return shown;
}

export function describeConnection(ctx: BusContext, input: Input) {
  const name = requiredString(input, 'Name', NAME);
  const c = ctx.registry.connections.get(name);
  if (!c) throw notFound(`Failed to describe the connection(s). Connection '${name}' does not exist.`);
  return {
    Name: c.Name,
    ConnectionArn: c.ConnectionArn,
    ConnectionState: c.ConnectionState,
    AuthorizationType: c.AuthorizationType,
    AuthParameters: withoutSecrets(c.AuthParameters),
    Description: c.Description,
    CreationTime: seconds(c.CreationTime),
    LastModifiedTime: seconds(c.LastModifiedTime),
    LastAuthorizedTime: seconds(c.LastModifiedTime),
  };
}

function checkEndpoint(endpoint: string): void {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch (cause) {
    throw validationError(`InvocationEndpoint ${endpoint} is not a valid URL.`, { cause });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw validationError(`InvocationEndpoint must use https (or http to a loopback or private address).`);
  }
}

export function createApiDestination(ctx: BusContext, input: Input) {
  const name = requiredString(input, 'Name', NAME);
  const connection = requiredString(input, 'ConnectionArn', { min: 1, max: 1600 });
  const endpoint = requiredString(input, 'InvocationEndpoint', { min: 1, max: 2048 });
  const method = requiredString(input, 'HttpMethod');
  if (!METHODS.includes(method)) {
    throw constraintError(
      method,
      'httpMethod',
      `Member must satisfy enum value set: [${METHODS.join(', ')}]`,
    );
  }
  checkEndpoint(endpoint);
  const rate = optionalInteger(input, 'InvocationRateLimitPerSecond', 1, 1_000_000) ?? 300;
  if (!ctx.registry.connectionByArn(connection)) throw notFound(`Connection '${connection}' does not exist.`);
  if (ctx.registry.apiDestinations.has(name)) throw alreadyExists(`ApiDestination ${name} already exists.`);
  const now = ctx.now();
  const destination: ApiDestinationState = {
    Name: name,
    ApiDestinationArn: apiDestinationArn(ctx.identity, name, ctx.newId()),
    ApiDestinationState: 'ACTIVE',
    ConnectionArn: connection,
    InvocationEndpoint: endpoint,
    HttpMethod: method,
    InvocationRateLimitPerSecond: rate,
    Description: optionalString(input, 'Description', { max: 512 }),
    CreationTime: now,
    LastModifiedTime: now,
  };
  ctx.registry.apiDestinations.set(name, destination);
  ctx.registry.commit();
  return {
    ApiDestinationArn: destination.ApiDestinationArn,
    ApiDestinationState: destination.ApiDestinationState,
    CreationTime: seconds(now),
    LastModifiedTime: seconds(now),
  };
}

export function describeApiDestination(ctx: BusContext, input: Input) {
  const name = requiredString(input, 'Name', NAME);
  const d = ctx.registry.apiDestinations.get(name);
  if (!d)
    throw notFound(`Failed to describe the api-destination(s). An api-destination '${name}' does not exist.`);
  return { ...d, CreationTime: seconds(d.CreationTime), LastModifiedTime: seconds(d.LastModifiedTime) };
}
