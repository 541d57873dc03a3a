import { AwsError, constraintError, validationError } from '../../server/aws-error.js';
import { ValidationException, validateTargetInput } from '../../transform/index.js';
import type { BusContext } from '../context.js';
import {
  asInput,
  type Input,
  NAME_PATTERN,
  optionalObject,
  optionalString,
  requiredArray,
  requiredString,
} from '../input.js';
import type { TargetState } from '../registry.js';
import { findRule, pageOf } from './rules.js';

export const MAX_TARGETS_PER_RULE = 5;
const RULE_NAME = { min: 1, max: 64, pattern: NAME_PATTERN };

interface FailedEntry {
  TargetId: string;
  ErrorCode: string;
  ErrorMessage: string;
}

function checkRetryPolicy(target: Input, index: number): TargetState['RetryPolicy'] {
  const policy = optionalObject(target, 'RetryPolicy');
  if (!policy) return undefined;
  const attempts = policy.MaximumRetryAttempts;
  const age = policy.MaximumEventAgeInSeconds;
  const where = `targets.${index + 1}.member.retryPolicy`;
  if (attempts !== undefined && (typeof attempts !== 'number' || attempts < 0 || attempts > 185)) {
    throw constraintError(
      attempts,
      `${where}.maximumRetryAttempts`,
      'Member must have value between 0 and 185',
    );
  }
  if (age !== undefined && (typeof age !== 'number' || age < 60 || age > 86400)) {
    throw constraintError(
      age,
      `${where}.maximumEventAgeInSeconds`,
      'Member must have value between 60 and 86400',
    );
  }
  return {
    MaximumRetryAttempts: attempts as number | undefined,
    MaximumEventAgeInSeconds: age as number | undefined,
  };
}

/** Reads one PutTargets entry; throws for what AWS refuses as a whole request. */
function readTarget(raw: unknown, index: number): TargetState {
  const input = asInput(raw);
  const target: TargetState = {
    Id: requiredString(input, 'Id', { min: 1, max: 64, pattern: NAME_PATTERN }),
    Arn: requiredString(input, 'Arn', { min: 1, max: 1600 }),
    RoleArn: optionalString(input, 'RoleArn'),
    Input: optionalString(input, 'Input', { max: 8192 }),
    InputPath: optionalString(input, 'InputPath', { max: 256 }),
    InputTransformer: optionalObject(input, 'InputTransformer') as TargetState['InputTransformer'],
    RetryPolicy: checkRetryPolicy(input, index),
    DeadLetterConfig: optionalObject(input, 'DeadLetterConfig') as TargetState['DeadLetterConfig'],
    HttpParameters: optionalObject(input, 'HttpParameters') as TargetState['HttpParameters'],
  };
  try {
    validateTargetInput(target);
  } catch (error) {
    if (error instanceof ValidationException) throw validationError(error.message, { cause: error });
    throw error;
  }
  return target;
}

/** Why a target cannot be delivered to, as PutTargets reports it per entry; undefined when it can. */
function unresolvable(ctx: BusContext, target: TargetState): FailedEntry | undefined {
  if (!ctx.resolver.resolve(target)) {
    return {
      TargetId: target.Id,
      ErrorCode: 'ValidationException',
      ErrorMessage: `Target ${target.Id}: ${target.Arn} is not an API destination of this bus or a declared endpoint.`,
    };
  }
  const dlq = target.DeadLetterConfig?.Arn;
  if (dlq && !ctx.resolver.resolve({ Id: `${target.Id}-dlq`, Arn: dlq })) {
    return {
      TargetId: target.Id,
      ErrorCode: 'ValidationException',
      ErrorMessage: `Target ${target.Id}: dead-letter ARN ${dlq} is not a target this bus can deliver to.`,
    };
  }
  return undefined;
}

export function putTargets(ctx: BusContext, input: Input) {
  const name = requiredString(input, 'Rule', RULE_NAME);
  const targets = requiredArray(input, 'Targets', 1, 10).map(readTarget);
  const rule = findRule(ctx, name);
  const failed: FailedEntry[] = [];
  const kept = new Map(rule.Targets.map((t) => [t.Id, t]));
  for (const target of targets) {
    const reason = unresolvable(ctx, target);
    if (reason) failed.push(reason);
    else kept.set(target.Id, target);
  }
  if (kept.size > MAX_TARGETS_PER_RULE) {
    throw new AwsError(
      'LimitExceededException',
      'The requested resource exceeds the maximum number allowed.',
    );
  }
  ctx.registry.rules.set(name, { ...rule, Targets: [...kept.values()] });
  ctx.registry.commit();
  return { FailedEntryCount: failed.length, FailedEntries: failed };
}

export function removeTargets(ctx: BusContext, input: Input) {
  const name = requiredString(input, 'Rule', RULE_NAME);
  const ids = requiredArray(input, 'Ids', 1, 100);
  if (!ids.every((id) => typeof id === 'string')) throw validationError('Ids must be a list of strings.');
  const rule = findRule(ctx, name);
  const removed = new Set(ids as string[]);
  ctx.registry.rules.set(name, { ...rule, Targets: rule.Targets.filter((t) => !removed.has(t.Id)) });
  ctx.registry.commit();
  return { FailedEntryCount: 0, FailedEntries: [] };
}

export function listTargetsByRule(ctx: BusContext, input: Input) {
  const name = requiredString(input, 'Rule', RULE_NAME);
  const rule = findRule(ctx, name);
  const { page, NextToken } = pageOf(rule.Targets, input);
  return { Targets: page, NextToken };
}
