import { AwsError, constraintError, notFound, validationError } from '../../server/aws-error.js';
import { DEFAULT_BUS, isDefaultBus, ruleArn } from '../arns.js';
import type { BusContext } from '../context.js';
import { type Input, NAME_PATTERN, optionalInteger, optionalString, requiredString } from '../input.js';
import type { RuleState } from '../registry.js';

export const MAX_RULES = 300;
const MAX_PATTERN_LENGTH = 4096;
const NAME = { min: 1, max: 64, pattern: NAME_PATTERN };

function checkBus(ctx: BusContext, input: Input): void {
  const bus = input.EventBusName;
  if (!isDefaultBus(ctx.identity, bus)) throw notFound(`Event bus ${String(bus)} does not exist.`);
}

export function findRule(ctx: BusContext, name: string): RuleState {
  const rule = ctx.registry.rules.get(name);
  if (!rule) throw notFound(`Rule ${name} does not exist on EventBus ${DEFAULT_BUS}.`);
  return rule;
}

export function putRule(ctx: BusContext, input: Input) {
  const name = requiredString(input, 'Name', NAME);
  checkBus(ctx, input);
  const pattern = optionalString(input, 'EventPattern', { max: MAX_PATTERN_LENGTH });
  if (optionalString(input, 'ScheduleExpression') !== undefined) {
    throw validationError('ScheduleExpression is not supported by this event bus; use EventPattern.');
  }
  if (pattern === undefined)
    throw validationError('Parameter(s) EventPattern or ScheduleExpression must be specified.');
  ctx.patterns.validate(pattern);
  const state = optionalString(input, 'State') ?? 'ENABLED';
  if (state !== 'ENABLED' && state !== 'DISABLED') {
    throw constraintError(state, 'state', 'Member must satisfy enum value set: [ENABLED, DISABLED]');
  }
  const existing = ctx.registry.rules.get(name);
  if (!existing && ctx.registry.rules.size >= MAX_RULES) {
    throw new AwsError(
      'LimitExceededException',
      `The requested resource exceeds the maximum number allowed.`,
    );
  }
  const rule: RuleState = {
    Name: name,
    Arn: ruleArn(ctx.identity, name),
    EventPattern: pattern,
    State: state,
    Description: optionalString(input, 'Description', { max: 512 }),
    RoleArn: optionalString(input, 'RoleArn', { min: 1, max: 1600 }),
    Targets: existing?.Targets ?? [],
  };
  ctx.registry.rules.set(name, rule);
  ctx.registry.commit();
  return { RuleArn: rule.Arn };
}

function describe(ctx: BusContext, rule: RuleState) {
  return {
    Name: rule.Name,
    Arn: rule.Arn,
    EventPattern: rule.EventPattern,
    State: rule.State,
    Description: rule.Description,
    RoleArn: rule.RoleArn,
    EventBusName: DEFAULT_BUS,
    CreatedBy: ctx.identity.account,
  };
}

export function describeRule(ctx: BusContext, input: Input) {
  const name = requiredString(input, 'Name', NAME);
  checkBus(ctx, input);
  return describe(ctx, findRule(ctx, name));
}

/** Pages are offsets into the name-sorted list; the token is opaque to callers. */
export function pageOf<T>(items: T[], input: Input): { page: T[]; NextToken?: string } {
  const limit = optionalInteger(input, 'Limit', 1, 100) ?? 100;
  const token = optionalString(input, 'NextToken', { min: 1, max: 2048 });
  const start = token === undefined ? 0 : Number.parseInt(Buffer.from(token, 'base64url').toString(), 10);
  if (!Number.isInteger(start) || start < 0) throw validationError('The NextToken provided is invalid.');
  const page = items.slice(start, start + limit);
  const next =
    start + limit < items.length ? Buffer.from(String(start + limit)).toString('base64url') : undefined;
  return { page, NextToken: next };
}

export function listRules(ctx: BusContext, input: Input) {
  const prefix = optionalString(input, 'NamePrefix', NAME);
  checkBus(ctx, input);
  const rules = ctx.registry.sortedRules().filter((r) => prefix === undefined || r.Name.startsWith(prefix));
  const { page, NextToken } = pageOf(rules, input);
  return { Rules: page.map((r) => describe(ctx, r)), NextToken };
}

export function deleteRule(ctx: BusContext, input: Input) {
  const name = requiredString(input, 'Name', NAME);
  checkBus(ctx, input);
  const rule = ctx.registry.rules.get(name);
  if (!rule) return {};
  if (rule.Targets.length > 0) throw validationError("Rule can't be deleted since it has targets.");
  ctx.registry.rules.delete(name);
  ctx.registry.commit();
  return {};
}

function setState(ctx: BusContext, input: Input, state: RuleState['State']) {
  const name = requiredString(input, 'Name', NAME);
  checkBus(ctx, input);
  const rule = findRule(ctx, name);
  if (rule.State !== state) {
    ctx.registry.rules.set(name, { ...rule, State: state });
    ctx.registry.commit();
  }
  return {};
}

export const enableRule = (ctx: BusContext, input: Input) => setState(ctx, input, 'ENABLED');
export const disableRule = (ctx: BusContext, input: Input) => setState(ctx, input, 'DISABLED');
