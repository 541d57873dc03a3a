/** The account and region a bus presents itself as, which every ARN it issues carries. */
export interface BusIdentity {
  readonly account: string;
  readonly region: string;
}

export const DEFAULT_IDENTITY: BusIdentity = { account: '123456789012', region: 'us-east-1' };

export const DEFAULT_BUS = 'default';

export const ruleArn = (id: BusIdentity, name: string) =>
  `arn:aws:events:${id.region}:${id.account}:rule/${name}`;

export const busArn = (id: BusIdentity) =>
  `arn:aws:events:${id.region}:${id.account}:event-bus/${DEFAULT_BUS}`;

export const connectionArn = (id: BusIdentity, name: string, uuid: string) =>
  `arn:aws:events:${id.region}:${id.account}:connection/${name}/${uuid}`;

export const apiDestinationArn = (id: BusIdentity, name: string, uuid: string) =>
  `arn:aws:events:${id.region}:${id.account}:api-destination/${name}/${uuid}`;

/** Whether a bus name or ARN given to an operation names this bus (only the default bus exists). */
export function isDefaultBus(id: BusIdentity, nameOrArn: unknown): boolean {
  return (
    nameOrArn === undefined || nameOrArn === null || nameOrArn === DEFAULT_BUS || nameOrArn === busArn(id)
  );
}

export interface ParsedArn {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  readonly resource: string;
}

export function parseArn(arn: string): ParsedArn | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const [, partition, service, region, account] = parts;
  return { partition, service, region, account, resource: parts.slice(5).join(':') };
}
