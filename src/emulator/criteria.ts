import { PROFICIENCY_LEVELS } from '../model/index.js';
import type { Agent } from './center.js';
import type { RoutingStepConfig } from './center-config.js';
import type { Contact, CriteriaState } from './contact.js';
import type { AttributeCondition, RoutingCriteria, RoutingExpression, RoutingStep } from './event-types.js';
import { iso } from './time.js';

/** Proficiency levels run from 1.0 to 5.0. */
const MIN_LEVEL = PROFICIENCY_LEVELS[0];
const MAX_LEVEL = PROFICIENCY_LEVELS[PROFICIENCY_LEVELS.length - 1];

/**
 * Whether `agent` satisfies a routing expression: its attribute condition holds (proficiency at least N,
 * within a range, or an agent-id match), its NOT condition does not, every AND part and some OR part hold.
 */
export function matches(expr: RoutingExpression, agent: Agent): boolean {
  const cond = expr.attributeCondition;
  if (cond && !holds(cond, agent)) return false;
  const not = expr.notAttributeCondition;
  if (not && holds(not, agent)) return false;
  if (expr.andExpression && !expr.andExpression.every((e) => matches(e, agent))) return false;
  if (
    expr.orExpression &&
    expr.orExpression.length > 0 &&
    !expr.orExpression.some((e) => matches(e, agent))
  ) {
    return false;
  }
  return true;
}

/** One attribute condition: `Match` names agents; `Range` bounds the level both ways; otherwise at least N. */
function holds(cond: AttributeCondition, agent: Agent): boolean {
  if (cond.comparisonOperator === 'Match')
    return (cond.matchCriteria?.agentsCriteria?.agentIds ?? []).includes(agent.id);
  const level = agent.proficiencies.get(`${cond.name}\u0000${cond.value}`);
  if (level === undefined) return false;
  if (cond.comparisonOperator === 'Range') {
    const range = cond.range;
    return (
      level >= (range?.minProficiencyLevel ?? MIN_LEVEL) && level <= (range?.maxProficiencyLevel ?? MAX_LEVEL)
    );
  }
  return level >= (cond.proficiencyLevel ?? MIN_LEVEL);
}

const OPERATORS = new Set(['NumberGreaterOrEqualTo', 'Range', 'Match']);

/**
 * What is wrong with a routing expression, if anything, naming where (`path` is the expression's own):
 * an unknown operator, a proficiency condition without its attribute, a `Match` without agent ids, a
 * range whose bounds cross.
 */
export function expressionProblem(expr: RoutingExpression, path: string): string | undefined {
  for (const key of ['attributeCondition', 'notAttributeCondition'] as const) {
    const cond = expr[key];
    const problem = cond && conditionProblem(cond, `${path}.${key}`);
    if (problem) return problem;
  }
  for (const key of ['andExpression', 'orExpression'] as const) {
    const list = expr[key] ?? [];
    for (let i = 0; i < list.length; i++) {
      const problem = expressionProblem(list[i], `${path}.${key}[${i}]`);
      if (problem) return problem;
    }
  }
  return undefined;
}

function conditionProblem(cond: AttributeCondition, path: string): string | undefined {
  const op = cond.comparisonOperator ?? 'NumberGreaterOrEqualTo';
  if (!OPERATORS.has(op))
    return `${path}.comparisonOperator: "${op}" is not one of ${[...OPERATORS].join(', ')}`;
  if (op === 'Match') {
    const ids = cond.matchCriteria?.agentsCriteria?.agentIds;
    return Array.isArray(ids) && ids.length > 0
      ? undefined
      : `${path}.matchCriteria.agentsCriteria.agentIds: Match needs at least one agent id`;
  }
  if (!cond.name || !cond.value) return `${path}: ${op} needs the attribute's name and value`;
  const min = cond.range?.minProficiencyLevel ?? MIN_LEVEL;
  const max = cond.range?.maxProficiencyLevel ?? MAX_LEVEL;
  if (op === 'Range' && min > max)
    return `${path}.range: minProficiencyLevel ${min} is above maxProficiencyLevel ${max}`;
  return undefined;
}

/** Whether the contact's current routing step lets `agent` take it (any agent once every step expired). */
export function agentFits(contact: Contact, agent: Agent): boolean {
  const c = contact.criteria;
  if (!c || c.active >= c.steps.length) return true;
  return matches(c.steps[c.active].expression, agent);
}

/** Criteria from a flow or an UpdateContactRoutingData call; inactive until the contact is queued. */
export function newCriteria(steps: RoutingStepConfig[], index: number): CriteriaState {
  return {
    index,
    steps: steps.map((s) => ({
      status: 'INACTIVE',
      expression: s.expression,
      durationMs: s.expirySeconds === undefined ? undefined : s.expirySeconds * 1000,
    })),
    active: -1,
  };
}

/** Makes step `i` ACTIVE at `now`; returns its expiry time if it has one. */
export function activateStep(c: CriteriaState, i: number, now: number): number | undefined {
  c.active = i;
  if (i >= c.steps.length) return undefined;
  const step = c.steps[i];
  step.status = 'ACTIVE';
  step.expiryMs = step.durationMs === undefined ? undefined : now + step.durationMs;
  return step.expiryMs;
}

/**
 * The routingCriteria object events carry: a fresh snapshot, never mutated afterwards. Keys are added in
 * the order events show them (no spreads of conditional parts, which cost an object each).
 */
export function snapshot(c: CriteriaState): RoutingCriteria {
  const steps: RoutingStep[] = [];
  for (const s of c.steps) {
    const step: RoutingStep = { status: s.status, expression: s.expression };
    if (s.durationMs !== undefined) {
      const expiry: NonNullable<RoutingStep['expiry']> = {
        durationInSeconds: Math.round(s.durationMs / 1000),
      };
      if (s.expiryMs !== undefined) expiry.expiryTimestamp = iso(s.expiryMs);
      step.expiry = expiry;
    }
    steps.push(step);
  }
  if (c.activationMs === undefined) return { index: c.index, steps };
  return { activationTimestamp: iso(c.activationMs), index: c.index, steps };
}
