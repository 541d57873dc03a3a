import { describe, expect, it } from 'vitest';
import { DEFAULT_IDENTITY } from './arns.js';
import { Registry } from './registry.js';
import { endpointArn, TargetResolver } from './target-resolver.js';

function resolverWith() {
  const registry = new Registry();
  registry.connections.set('c', {
    Name: 'c',
    ConnectionArn: 'arn:aws:events:us-east-1:123456789012:connection/c/u1',
    ConnectionState: 'AUTHORIZED',
    AuthorizationType: 'BASIC',
    AuthParameters: { BasicAuthParameters: { Username: 'u', Password: 'p' } },
    CreationTime: 0,
    LastModifiedTime: 0,
  });
  registry.apiDestinations.set('d', {
    Name: 'd',
    ApiDestinationArn: 'arn:aws:events:us-east-1:123456789012:api-destination/d/u2',
    ApiDestinationState: 'ACTIVE',
    ConnectionArn: 'arn:aws:events:us-east-1:123456789012:connection/c/u1',
    InvocationEndpoint: 'http://127.0.0.1:9/x',
    HttpMethod: 'PUT',
    InvocationRateLimitPerSecond: 10,
    CreationTime: 0,
    LastModifiedTime: 0,
  });
  const endpoints = new Map([
    ['fn', { kind: 'function' as const, module: './f.js' }],
    ['out', { kind: 'file' as const, path: './out.ndjson' }],
  ]);
  return new TargetResolver(DEFAULT_IDENTITY, registry, endpoints);
}

describe('TargetResolver', () => {
  const resolver = resolverWith();
  const resolve = (Arn: string) =>
    resolver.resolve({ Id: 't', Arn, HttpParameters: { HeaderParameters: { a: 'b' } } });

  it('maps an API destination ARN to its destination, connection and the target HTTP parameters', () => {
    expect(resolve('arn:aws:events:us-east-1:123456789012:api-destination/d/u2')).toMatchObject({
      kind: 'api-destination',
      destination: { Name: 'd', HttpMethod: 'PUT', InvocationRateLimitPerSecond: 10 },
      connection: { AuthorizationType: 'BASIC' },
      httpParameters: { HeaderParameters: { a: 'b' } },
    });
  });

  it('maps declared endpoints by their own ARN, and function endpoints by a Lambda ARN', () => {
    expect(resolve(endpointArn(DEFAULT_IDENTITY, 'file', 'out'))).toEqual({
      kind: 'file',
      path: './out.ndjson',
    });
    expect(resolve('arn:aws:lambda:us-east-1:123456789012:function:fn')).toMatchObject({ kind: 'function' });
  });

  it('resolves nothing it cannot deliver to', () => {
    for (const arn of [
      'arn:aws:sqs:us-east-1:123456789012:queue',
      'arn:aws:lambda:us-east-1:123456789012:function:out',
      endpointArn(DEFAULT_IDENTITY, 'webhook', 'out'),
      'arn:aws:events:us-east-1:123456789012:api-destination/d/other',
      'not an arn',
    ]) {
      expect(resolve(arn)).toBeUndefined();
    }
  });
});
