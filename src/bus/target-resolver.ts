import type { ApiDestinationSpec, ConnectionConfig, TargetSpec } from '../targets/index.js';
import { type BusIdentity, type ParsedArn, parseArn } from './arns.js';
import type { Registry, TargetState } from './registry.js';

/**
 * A target declared by name in the config file (webhook, file, function; later brokers): its kind and the
 * spec its target factory takes.
 */
export type EndpointSpec = TargetSpec;

/** The ARN a declared endpoint is addressed by in PutTargets: `arn:contact-events:KIND:REGION:ACCOUNT:NAME`. */
export const endpointArn = (id: BusIdentity, kind: string, name: string) =>
  `arn:contact-events:${kind}:${id.region}:${id.account}:${name}`;

type ArnResolver = (arn: ParsedArn, target: TargetState, resolver: TargetResolver) => TargetSpec | undefined;

/**
 * Each ARN service resolved to a target kind, in one table: a broker target plugs in with one entry here
 * and one case in the target factory.
 */
const RESOLVERS: Record<string, ArnResolver> = {
  // arn:aws:events:REGION:ACCOUNT:api-destination/NAME/UUID, from the registry.
  events: (arn, target, resolver) => resolver.apiDestination(arn, target),
  // arn:aws:lambda:REGION:ACCOUNT:function:NAME, a function endpoint of the config.
  lambda: (arn, _target, resolver) => {
    const [type, name] = arn.resource.split(':');
    const spec = type === 'function' ? resolver.endpoint(name) : undefined;
    return spec?.kind === 'function' ? spec : undefined;
  },
};

/** Turns a PutTargets `Arn` into the spec of the target that delivers to it. */
export class TargetResolver {
  constructor(
    private readonly identity: BusIdentity,
    private readonly registry: Registry,
    private readonly endpoints: ReadonlyMap<string, EndpointSpec> = new Map(),
  ) {}

  resolve(target: TargetState): TargetSpec | undefined {
    const arn = parseArn(target.Arn);
    if (!arn) return undefined;
    if (arn.partition === 'contact-events') {
      const spec = this.endpoint(arn.resource);
      return spec?.kind === arn.service ? spec : undefined;
    }
    if (arn.partition !== 'aws') return undefined;
    return RESOLVERS[arn.service]?.(arn, target, this);
  }

  endpoint(name: string): EndpointSpec | undefined {
    return this.endpoints.get(name);
  }

  endpointArns(): string[] {
    return [...this.endpoints].map(([name, spec]) => endpointArn(this.identity, spec.kind, name));
  }

  apiDestination(arn: ParsedArn, target: TargetState): ApiDestinationSpec | undefined {
    if (!arn.resource.startsWith('api-destination/')) return undefined;
    const destination = this.registry.apiDestinationByArn(
      `arn:aws:events:${arn.region}:${arn.account}:${arn.resource}`,
    );
    const connection = destination && this.registry.connectionByArn(destination.ConnectionArn);
    if (!destination || !connection) return undefined;
    return {
      kind: 'api-destination',
      destination: {
        Name: destination.Name,
        InvocationEndpoint: destination.InvocationEndpoint,
        HttpMethod: destination.HttpMethod as ApiDestinationSpec['destination']['HttpMethod'],
        InvocationRateLimitPerSecond: destination.InvocationRateLimitPerSecond,
      },
      connection: {
        Name: connection.Name,
        AuthorizationType: connection.AuthorizationType,
        AuthParameters: connection.AuthParameters as ConnectionConfig['AuthParameters'],
      },
      httpParameters: target.HttpParameters,
    };
  }
}
