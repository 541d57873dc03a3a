import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Agent, parseCenter } from './center.js';
import { expressionProblem, matches } from './criteria.js';
import { EmulatorConfigError } from './errors.js';
import type { AttributeCondition, RoutingExpression } from './event-types.js';

const CENTER = parseCenter(`
instance: { id: 11111111-2222-3333-4444-555555555555, alias: test, account: "111122223333", region: eu-west-1 }
queues: [ { name: Q1 } ]
routingProfiles: [ { name: P, channels: { VOICE: 1 }, queues: [ { queue: Q1 } ] } ]
agents:
  - { username: l1, routingProfile: P, proficiencies: [ { name: Language, value: French, level: 1 } ] }
  - { username: l2, routingProfile: P, proficiencies: [ { name: Language, value: French, level: 2 } ] }
  - { username: l3, routingProfile: P, proficiencies: [ { name: Language, value: French, level: 3 } ] }
  - { username: l4, routingProfile: P, proficiencies: [ { name: Language, value: French, level: 4 } ] }
  - { username: l5, routingProfile: P, proficiencies: [ { name: Language, value: French, level: 5 } ] }
  - { username: none, routingProfile: P }
`);
const agents = ['l1', 'l2', 'l3', 'l4', 'l5', 'none'].map((name) => CENTER.findAgent(name) as Agent);
const levelOf = (a: Agent) => a.proficiencies.get('Language\u0000French');

const french = (c: Partial<AttributeCondition>): AttributeCondition => ({
  name: 'Language',
  value: 'French',
  ...c,
});
type Level = 1 | 2 | 3 | 4 | 5;
const LEVELS: Level[] = [1, 2, 3, 4, 5];
const who = (expr: RoutingExpression) => agents.filter((a) => matches(expr, a)).map((a) => a.username);

describe('routing expressions', () => {
  it('NumberGreaterOrEqualTo takes agents at the level or above', () => {
    const cond = french({ comparisonOperator: 'NumberGreaterOrEqualTo', proficiencyLevel: 3 });
    expect(who({ attributeCondition: cond })).toEqual(['l3', 'l4', 'l5']);
  });

  it('Range takes agents between its bounds, both included, and only agents with the attribute', () => {
    const range = (minProficiencyLevel?: Level, maxProficiencyLevel?: Level) =>
      who({
        attributeCondition: french({
          comparisonOperator: 'Range',
          range: { minProficiencyLevel, maxProficiencyLevel },
        }),
      });
    expect(range(2, 4)).toEqual(['l2', 'l3', 'l4']);
    expect(range(undefined, 2)).toEqual(['l1', 'l2']);
    expect(range(4)).toEqual(['l4', 'l5']);
    expect(range()).toEqual(['l1', 'l2', 'l3', 'l4', 'l5']);
  });

  it('notAttributeCondition excludes the agents its condition takes', () => {
    const cond = french({ comparisonOperator: 'NumberGreaterOrEqualTo', proficiencyLevel: 4 });
    expect(who({ notAttributeCondition: cond })).toEqual(['l1', 'l2', 'l3', 'none']);
    const notAnn = {
      comparisonOperator: 'Match',
      matchCriteria: { agentsCriteria: { agentIds: [agents[1].id] } },
    };
    expect(who({ notAttributeCondition: notAnn })).toEqual(['l1', 'l3', 'l4', 'l5', 'none']);
  });

  it('an expression with a NOT part holds exactly where its positive part holds and the NOT part does not', () => {
    const condition = fc
      .tuple(
        fc.constantFrom('NumberGreaterOrEqualTo', 'Range'),
        fc.constantFrom(...LEVELS),
        fc.constantFrom(...LEVELS),
      )
      .map(([op, a, b]) => {
        const [low, high] = [a, b].sort((x, y) => x - y);
        return op === 'Range'
          ? french({ comparisonOperator: op, range: { minProficiencyLevel: low, maxProficiencyLevel: high } })
          : french({ comparisonOperator: op, proficiencyLevel: a });
      });
    fc.assert(
      fc.property(condition, condition, (positive, negative) => {
        for (const a of agents) {
          const level = levelOf(a);
          const inside = (c: AttributeCondition) =>
            level !== undefined &&
            (c.comparisonOperator === 'Range'
              ? level >= (c.range?.minProficiencyLevel ?? 1) && level <= (c.range?.maxProficiencyLevel ?? 5)
              : level >= (c.proficiencyLevel ?? 1));
          const expr = { attributeCondition: positive, notAttributeCondition: negative };
          expect(matches(expr, a)).toBe(inside(positive) && !inside(negative));
        }
      }),
    );
  });

  it('names what is wrong with an expression, and where', () => {
    const range = (minProficiencyLevel: Level, maxProficiencyLevel: Level) =>
      french({ comparisonOperator: 'Range', range: { minProficiencyLevel, maxProficiencyLevel } });
    expect(expressionProblem({ attributeCondition: range(2, 4) }, 'e')).toBeUndefined();
    expect(expressionProblem({ orExpression: [{}, { notAttributeCondition: range(4, 2) }] }, 'e')).toBe(
      'e.orExpression[1].notAttributeCondition.range: minProficiencyLevel 4 is above maxProficiencyLevel 2',
    );
    expect(expressionProblem({ attributeCondition: french({ comparisonOperator: 'Between' }) }, 'e')).toBe(
      'e.attributeCondition.comparisonOperator: "Between" is not one of NumberGreaterOrEqualTo, Range, Match',
    );
    expect(
      expressionProblem({ andExpression: [{ attributeCondition: { comparisonOperator: 'Match' } }] }, 'e'),
    ).toBe(
      'e.andExpression[0].attributeCondition.matchCriteria.agentsCriteria.agentIds: Match needs at least one agent id',
    );
    expect(expressionProblem({ attributeCondition: { comparisonOperator: 'Range' } }, 'e')).toBe(
      "e.attributeCondition: Range needs the attribute's name and value",
    );
  });

  it('refuses a center whose flow has a routing step that cannot be met as written', () => {
    const yaml = `
instance: { id: 11111111-2222-3333-4444-555555555555, alias: test, account: "111122223333", region: eu-west-1 }
queues: [ { name: Q1 } ]
flows:
  - name: Skills
    queue: Q1
    routingCriteria:
      - { expression: { attributeCondition: { name: L, value: F, comparisonOperator: Range, range: { minProficiencyLevel: 5, maxProficiencyLevel: 1 } } } }
`;
    expect(() => parseCenter(yaml)).toThrow(EmulatorConfigError);
    expect(() => parseCenter(yaml)).toThrow(
      'flow Skills: routing step 1: expression.attributeCondition.range: minProficiencyLevel 5 is above maxProficiencyLevel 1',
    );
  });
});
