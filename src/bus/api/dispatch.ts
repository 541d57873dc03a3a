import type { BusContext } from '../context.js';
import type { Ingestor } from '../ingestor.js';
import type { Input } from '../input.js';
import {
  createApiDestination,
  createConnection,
  describeApiDestination,
  describeConnection,
} from './connections.js';
import { putEvents, testEventPattern } from './events.js';
import { deleteRule, describeRule, disableRule, enableRule, listRules, putRule } from './rules.js';
import { listTargetsByRule, putTargets, removeTargets } from './targets.js';

export type Operation = (input: Input) => unknown;

/** The EventBridge operations this bus answers, by the name after `AWSEvents.` in X-Amz-Target. */
export function eventBridgeOperations(ctx: BusContext, ingestor: Ingestor): ReadonlyMap<string, Operation> {
  const bind =
    (op: (ctx: BusContext, input: Input) => unknown): Operation =>
    (input) =>
      op(ctx, input);
  return new Map<string, Operation>([
    ['PutEvents', (input) => putEvents(ingestor, input)],
    ['PutRule', bind(putRule)],
    ['DescribeRule', bind(describeRule)],
    ['ListRules', bind(listRules)],
    ['DeleteRule', bind(deleteRule)],
    ['EnableRule', bind(enableRule)],
    ['DisableRule', bind(disableRule)],
    ['PutTargets', bind(putTargets)],
    ['RemoveTargets', bind(removeTargets)],
    ['ListTargetsByRule', bind(listTargetsByRule)],
    ['TestEventPattern', bind(testEventPattern)],
    ['CreateConnection', bind(createConnection)],
    ['DescribeConnection', bind(describeConnection)],
    ['CreateApiDestination', bind(createApiDestination)],
    ['DescribeApiDestination', bind(describeApiDestination)],
  ]);
}
