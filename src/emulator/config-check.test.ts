import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { Center, parseCenter } from './center.js';
import type { CenterConfig } from './center-config.js';
import { DEMO_CENTER_YAML, DEMO_SCENARIO_YAML } from './demo.js';
import { EmulatorConfigError } from './errors.js';
import { MAX_SEED } from './rng.js';
import { prepareScenario, runScenario } from './run.js';
import { parseScenario } from './scenario.js';

/** The error a parse throws, or a failed expectation. */
function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(EmulatorConfigError);
    return (e as Error).message;
  }
  throw new Error('no error');
}

/** Every key path of the objects in a parsed document, but inside maps whose keys are free. */
function keyPaths(value: unknown, free: (path: string[]) => boolean, path: string[] = []): string[][] {
  if (value === null || typeof value !== 'object' || free(path)) return [];
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  return entries.flatMap(([k, v]) => [
    ...(Array.isArray(value) ? [] : [[...path, k]]),
    ...keyPaths(v, free, [...path, k]),
  ]);
}

/** The document with the key at `path` renamed to `to`. */
function renamed(doc: unknown, path: string[], to: string): unknown {
  const copy = structuredClone(doc) as Record<string, unknown>;
  let node: Record<string, unknown> = copy;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string, unknown>;
  const key = path[path.length - 1];
  const entries = Object.entries(node).map(([k, v]) => [k === key ? to : k, v]);
  for (const k of Object.keys(node)) delete node[k];
  Object.assign(node, Object.fromEntries(entries));
  return copy;
}

/** Renaming any one of `paths` in `doc` makes `read` fail with an error that names the new key. */
function expectEveryMisspellingNamed(doc: unknown, paths: string[][], read: (text: string) => unknown): void {
  fc.assert(
    fc.property(fc.constantFrom(...paths), (path) => {
      const key = `${path[path.length - 1]}X`;
      expect(errorOf(() => read(stringify(renamed(doc, path, key))))).toContain(key);
    }),
    { numRuns: 60 },
  );
}

describe('scenario and center files', () => {
  it('name an unknown key by its path and line, with the keys that would do', () => {
    const text = [
      'name: typo',
      'center: demo',
      'arrivals:',
      '  - { channel: VOICE, flow: Sales, perHour: 10, perhour: 20 }',
    ].join('\n');
    expect(errorOf(() => parseScenario(text, 'typo.yaml'))).toBe(
      'typo.yaml: arrivals[0]: unknown key "perhour" (known keys: channel, flow, perHour, profile, scheduled, scheduleAheadMinutes, reschedule) (line 4)',
    );
  });

  it('list every problem, each with what was expected and what was found', () => {
    const text = [
      'center: demo',
      'arrivals:',
      '  - channel: FAX',
      '    flow: Sales',
      '    perHour: -3',
      'handling:',
      '  VOICE: { talk: { dist: weird } }',
      'mix: { callback: 1.5 }',
    ].join('\n');
    const message = errorOf(() => parseScenario(text, 's.yaml'));
    expect(message.split('\n')).toEqual([
      's.yaml: 4 problems:',
      '  arrivals[0].channel: expected VOICE, CHAT or TASK, not "FAX" (line 3)',
      '  arrivals[0].perHour: expected number to be greater or equal to 0, not -3 (line 5)',
      expect.stringMatching(
        /^ {2}handling\.VOICE\.talk: expected a distribution of seconds: .*, not \{"dist":"weird"\} \(line 7\)$/,
      ),
      '  mix.callback: expected a share between 0 and 1, not 1.5 (line 8)',
    ]);
  });

  it('refuse a center with wrong values, also when it comes from code (no lines then)', () => {
    const yaml = [
      'instance: { account: 12345 }',
      'routingProfiles: [ { name: P, channels: { VOICE: 1 }, queues: [] } ]',
      'agents: [ { username: ann, routingProfile: P, control: robot } ]',
    ].join('\n');
    expect(errorOf(() => parseCenter(yaml, 'c.yaml')).split('\n')).toEqual([
      'c.yaml: 2 problems:',
      '  instance.account: expected 12 digits, quoted ("111122223333"), not 12345 (line 1)',
      '  agents[0].control: expected auto or manual, not "robot" (line 3)',
    ]);
    const config = { ...(parse(DEMO_CENTER_YAML) as CenterConfig), name: 'coded' };
    config.agents = [{ ...config.agents?.[0], username: 'x', routingProfile: 'Sales', count: 0 }];
    expect(errorOf(() => new Center(config))).toBe(
      'coded: agents[0].count: expected integer to be greater or equal to 1, not 0',
    );
    const scenario = { ...parseScenario(DEMO_SCENARIO_YAML, 'demo'), mix: { callback: 2 } };
    expect(errorOf(() => prepareScenario({ scenario }))).toBe(
      'scenario demo: mix.callback: expected a share between 0 and 1, not 2',
    );
  });

  it('name a profile that the scenario does not declare, with those it does', () => {
    const text = [
      'center: demo',
      'profiles: { day: [' + '1, '.repeat(23) + '1] }',
      'arrivals:',
      '  - { channel: CHAT, flow: Chat, perHour: 10, profile: dya }',
    ].join('\n');
    expect(errorOf(() => parseScenario(text, 'p.yaml'))).toBe(
      'p.yaml: arrivals[0].profile: unknown profile "dya" (profiles: day) (line 4)',
    );
  });

  it('name a flow, queue or routing profile nobody declared, with those declared', async () => {
    const scenario = parseScenario(
      'center: demo\narrivals: [ { channel: VOICE, flow: Sales, perHour: 5 } ]',
      's',
    );
    await expect(runScenario({ scenario, durationMs: 60_000 })).rejects.toThrow(
      /^s: arrivals\[0\]\.flow: unknown flow "Sales" \(flows: Inbound Sales, Inbound Support, .*\) \(line 2\)$/,
    );
    const center = (text: string) => () => parseCenter(`instance: {}\n${text}`, 'c');
    expect(errorOf(center('routingProfiles: [ { name: P, channels: {}, queues: [ { queue: Q9 } ] } ]'))).toBe(
      'c: routingProfiles[0].queues[0].queue: routing profile P: unknown queue "Q9" (no queues declared) (line 2)',
    );
    expect(errorOf(center('agents: [ { username: ann, routingProfile: P } ]'))).toBe(
      'c: agents[0].routingProfile: agent ann: unknown routing profile "P" (no routingProfiles declared) (line 2)',
    );
    expect(errorOf(center('flows: [ { name: A, disconnectFlow: B } ]'))).toBe(
      'c: flows[0].disconnectFlow: flow A: unknown disconnect flow "B" (flows: A) (line 2)',
    );
  });

  it('say an empty document is empty, and show where YAML itself breaks', () => {
    expect(errorOf(() => parseScenario('', 'e.yaml'))).toBe('e.yaml: empty document');
    expect(errorOf(() => parseScenario('center: [demo', 'b.yaml'))).toMatch(/^b\.yaml: not valid YAML: /);
  });

  it('name any key of the demo scenario or center that is misspelt, wherever it is', () => {
    const scenario = parse(DEMO_SCENARIO_YAML);
    const center = parse(DEMO_CENTER_YAML);
    // Profile names and what flows set are the user's own keys.
    const scenarioPaths = keyPaths(scenario, (p) => p[0] === 'profiles');
    const centerPaths = keyPaths(center, (p) =>
      /^set(Attributes|Tags|SegmentAttributes)$/.test(p[p.length - 1] ?? ''),
    );
    expect(scenarioPaths.length).toBeGreaterThan(20);
    expect(centerPaths.length).toBeGreaterThan(20);
    // As an unknown key, or inside a value that fits none of a union's forms (a distribution).
    expectEveryMisspellingNamed(scenario, scenarioPaths, (text) => parseScenario(text, 'demo'));
    expectEveryMisspellingNamed(center, centerPaths, (text) => parseCenter(text, 'demo'));
  });
});

/** The first YAML example under a heading of docs/emulator.md. */
function docsExample(heading: string): string {
  const docs = readFileSync(new URL('../../docs/emulator.md', import.meta.url), 'utf8');
  const section = docs.slice(docs.indexOf(`\n## ${heading}\n`));
  const block = /```yaml\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error(`no YAML example under "${heading}"`);
  return block[1];
}

describe('what a center declares beyond its schema', () => {
  const center =
    (...lines: string[]) =>
    () =>
      parseCenter(lines.join('\n'), 'c.yaml');
  /** Lines 1-5: an agent who takes calls and tasks from Q, only calls from Q2; flows from line 6 on. */
  const base = [
    'instance: {}',
    'queues: [ { name: Q }, { name: Q2 } ]',
    'routingProfiles: [ { name: P, channels: { VOICE: 1, TASK: 1 }, queues: [ { queue: Q }, { queue: Q2, channels: [VOICE] } ] } ]',
    'agents: [ { username: ann, routingProfile: P } ]',
    'flows:',
  ];

  it('refuse a disconnect flow whose task leads back to it, over one flow or several', () => {
    expect(
      errorOf(
        center(
          ...base,
          '  - { name: Inbound Sales, queue: Q, disconnectFlow: Survey }',
          '  - name: Survey',
          '    disconnect: true',
          '    createTask: { name: Survey follow-up, flow: Inbound Sales }',
        ),
      ),
    ).toBe(
      `c.yaml: flows[1].createTask.flow: flow Survey: its task's flow "Inbound Sales" leads back to "Survey" (Survey -> Inbound Sales -> Survey) (line 9)`,
    );
    // A cycle is named from its first flow declared, not from A, which only leads into it.
    expect(
      errorOf(
        center(
          ...base,
          '  - { name: In, queue: Q, disconnectFlow: A }',
          '  - { name: A, createTask: { name: a, flow: TA } }',
          '  - { name: TA, queue: Q, disconnectFlow: B }',
          '  - { name: B, createTask: { name: b, flow: TB } }',
          '  - { name: TB, queue: Q, disconnectFlow: B2 }',
          '  - { name: B2, createTask: { name: b2, flow: TB2 } }',
          '  - { name: TB2, queue: Q, disconnectFlow: B }',
        ),
      ),
    ).toBe(
      `c.yaml: flows[3].createTask.flow: flow B: its task's flow "TB" leads back to "B" (B -> TB -> B2 -> TB2 -> B) (line 9)`,
    );
    // A task whose flow sets itself as the disconnect flow loops without a queue in between.
    expect(
      errorOf(
        center(
          ...base,
          '  - { name: S, disconnect: true, disconnectFlow: S, createTask: { name: s, flow: S } }',
        ),
      ),
    ).toBe(
      `c.yaml: flows[0].createTask.flow: flow S: its task's flow "S" leads back to "S" (S -> S -> S) (line 6)`,
    );
    const chain = center(
      ...base,
      '  - { name: In, queue: Q, disconnectFlow: Survey }',
      '  - { name: Survey, disconnect: true, createTask: { name: s, flow: Follow-up } }',
      '  - { name: Follow-up, queue: Q, disconnectFlow: Thanks }',
      '  - { name: Thanks, disconnect: true }',
    )();
    expect(chain.flows.size).toBe(4);
  });

  it('refuse a task that its flow queues where no agent takes tasks', () => {
    expect(
      errorOf(
        center(
          ...base,
          '  - { name: In, queue: Q, disconnectFlow: Survey }',
          '  - { name: Survey, disconnect: true, createTask: { name: s, flow: ToQ2 } }',
          '  - { name: ToQ2, queue: Q2 }',
        ),
      ),
    ).toBe(
      `c.yaml: flows[1].createTask.flow: flow Survey: its task's flow "ToQ2" queues the task in Q2, which no agent's routing profile serves for TASK (line 7)`,
    );
    // Listed for TASK by a profile that holds no task at once, or by a profile no agent has: served by nobody.
    const nobody = [
      'instance: {}',
      'queues: [ { name: Q } ]',
      'routingProfiles:',
      '  - { name: P, channels: { VOICE: 1 }, queues: [ { queue: Q, channels: [VOICE, TASK] } ] }',
      '  - { name: Idle, channels: { TASK: 1 }, queues: [ { queue: Q } ] }',
      'agents: [ { username: ann, routingProfile: P } ]',
      'flows: [ { name: S, createTask: { name: s, flow: T } }, { name: T, queue: Q } ]',
    ];
    expect(errorOf(center(...nobody))).toMatch(
      /^c\.yaml: flows\[0\]\.createTask\.flow: flow S: .* serves for TASK \(line 7\)$/,
    );
    const served = nobody.map((l) => l.replace('routingProfile: P', 'routingProfile: Idle'));
    expect(center(...served)().flows.size).toBe(2);
  });

  it('refuse a queue, routing profile, flow or agent declared twice, and an id given twice', () => {
    expect(errorOf(center('instance: {}', 'queues:', '  - name: Q', '  - name: Q'))).toBe(
      'c.yaml: queues[1].name: queue Q is declared twice (line 4)',
    );
    expect(
      errorOf(
        center(
          'instance: {}',
          'routingProfiles:',
          '  - { name: P, channels: { VOICE: 1 }, queues: [] }',
          '  - { name: P, channels: { CHAT: 1 }, queues: [] }',
        ),
      ),
    ).toBe('c.yaml: routingProfiles[1].name: routing profile P is declared twice (line 4)');
    expect(
      errorOf(center('instance: {}', 'flows:', '  - { name: F, disconnect: true }', '  - { name: F }')),
    ).toBe('c.yaml: flows[1].name: flow F is declared twice (line 4)');
    expect(
      errorOf(
        center(
          'instance: {}',
          'routingProfiles: [ { name: P, channels: { VOICE: 1 }, queues: [] } ]',
          'agents: [ { username: a, count: 2, routingProfile: P }, { username: a-0002, routingProfile: P } ]',
        ),
      ),
    ).toBe('c.yaml: agents[1].username: agent a-0002 is declared twice (line 3)');
    expect(errorOf(center('instance: {}', 'queues: [ { name: A, id: q1 }, { name: B, id: q1 } ]'))).toBe(
      `c.yaml: queues[1].id: queue B: id "q1" is also queue A's (line 2)`,
    );
    expect(
      errorOf(
        center(
          'instance: {}',
          'queues: [ { name: Q } ]',
          'routingProfiles: [ { name: P, channels: { VOICE: 1 }, queues: [ { queue: Q }, { queue: Q, priority: 2 } ] } ]',
        ),
      ),
    ).toBe('c.yaml: routingProfiles[0].queues[1].queue: routing profile P lists queue Q twice (line 3)');
    // From code: the path, without lines.
    expect(errorOf(() => new Center({ instance: {}, flows: [{ name: 'F' }, { name: 'F' }] }))).toBe(
      'center: flows[1].name: flow F is declared twice',
    );
  });

  it('name the path and line of a reference the schema cannot check', () => {
    expect(errorOf(center(...base, '  - name: F', '    queue: Q', '    disconnect: true'))).toBe(
      'c.yaml: flows[0].disconnect: flow F: sets both a queue and disconnect (line 8)',
    );
    expect(errorOf(center(...base, '  - { name: F, queue: NOPE }'))).toBe(
      'c.yaml: flows[0].queue: flow F: unknown queue "NOPE" (queues: Q, Q2) (line 6)',
    );
    expect(
      errorOf(
        center(
          ...base,
          '  - name: F',
          '    routingCriteria:',
          '      - { expression: {} }',
          '      - { expression: {} }',
        ),
      ),
    ).toBe(
      'c.yaml: flows[0].routingCriteria[0]: flow F: routing step 1 needs expirySeconds (not the last step) (line 8)',
    );
  });

  it('load the center of docs/emulator.md, whose disconnect flow ends', async () => {
    const docsCenter = parseCenter(docsExample('The center (YAML)'), 'docs');
    const scenario = parseScenario(
      'center: docs\narrivals: [ { channel: VOICE, flow: Inbound Sales, perHour: 30 } ]',
      'docs scenario',
    );
    const summary = await runScenario({ scenario, center: docsCenter, durationMs: 3_600_000 });
    expect(summary.contactsInProgress).toBe(0);
    expect(summary.stats.contacts.TASK?.HANDLED).toBeGreaterThan(0);
    expect(parseScenario(docsExample('The scenario (YAML)'), 'docs').seed).toBe(42);
  });
});

describe('what a scenario declares beyond its schema', () => {
  const schedule = (shifts: string, agents = 'sales') =>
    `center: demo\nschedules:\n  - { agents: ${agents}, shifts: ${shifts} }`;

  it('refuse a shift time that is not a time of day; 24:00 ends a shift at midnight', () => {
    expect(errorOf(() => parseScenario(schedule('[["25:00", "99:99"]]'), 's.yaml')).split('\n')).toEqual([
      's.yaml: 2 problems:',
      '  schedules[0].shifts[0][0]: expected a time of day from 00:00 to 23:59, not "25:00" (line 3)',
      '  schedules[0].shifts[0][1]: expected a time of day from 00:00 to 24:00, not "99:99" (line 3)',
    ]);
    for (const [from, to] of [
      ['24:00', '08:00'],
      ['07:60', '08:00'],
      ['7:00', '24:01'],
    ]) {
      expect(() => parseScenario(schedule(`[["${from}", "${to}"]]`))).toThrow(EmulatorConfigError);
    }
    const scenario = parseScenario(schedule('[["7:00", "24:00"]]'));
    const { emulator, traffic } = prepareScenario({ scenario });
    const ann = emulator.center.findAgent('sales-0001');
    traffic.start();
    const at = (h: number, m: number) => {
      emulator.clock.runUntil(Date.UTC(2026, 0, 5, h, m));
      return ann?.available;
    };
    expect([at(6, 59), at(7, 0), at(23, 59), at(24, 0), at(24, 1), at(31, 0)]).toEqual([
      false,
      true,
      true,
      false,
      false,
      true,
    ]);
  });

  it('refuse a schedule that selects no agent the scenario plays, naming those there are', () => {
    const nobody = parseScenario(schedule('[["07:00", "19:00"]]', 'nobody'), 's.yaml');
    expect(errorOf(() => prepareScenario({ scenario: nobody }))).toBe(
      `s.yaml: schedules[0].agents: "nobody" begins no agent's username (agents: sales-0001..sales-0006, support-0001..support-0008, supervisor) (line 3)`,
    );
    const manual = parseScenario(schedule('[["07:00", "19:00"]]', 'super'), 's.yaml');
    expect(errorOf(() => prepareScenario({ scenario: manual }))).toBe(
      `s.yaml: schedules[0].agents: "super" selects only agents under manual control (supervisor), which a schedule does not move (line 3)`,
    );
  });

  it('refuse a seed above 32 bits, which would repeat a smaller one', () => {
    expect(MAX_SEED).toBe(4294967295);
    expect(parseScenario(`center: demo\nseed: ${MAX_SEED}`).seed).toBe(MAX_SEED);
    expect(errorOf(() => parseScenario(`center: demo\nseed: ${MAX_SEED + 1}`, 's.yaml'))).toBe(
      's.yaml: seed: expected an integer from 0 to 4294967295, not 4294967296 (line 2)',
    );
  });

  it('name the path and line of a mix with no positive weight, and a misspelt key once', () => {
    const campaign = (amd: string) =>
      [
        'center: demo',
        'campaigns:',
        '  - campaignId: c',
        '    flow: Campaign',
        '    perHour: 1',
        `    amd: ${amd}`,
      ].join('\n');
    expect(errorOf(() => parseScenario(campaign('{ HUMAN_ANSWERED: 0, VOICEMAIL_BEEP: 0 }'), 's.yaml'))).toBe(
      's.yaml: campaigns[0].amd: a mix needs at least one positive weight (line 6)',
    );
    expect(errorOf(() => parseScenario(campaign('{}'), 's.yaml'))).toBe(
      's.yaml: campaigns[0].amd: a mix needs at least one positive weight (line 6)',
    );
    const text = ['center: demo', 'arrivals:', '  - { channel: VOICE, flow: Chat, perhour: 20 }'].join('\n');
    expect(errorOf(() => parseScenario(text, 's.yaml')).split('\n')).toEqual([
      's.yaml: 2 problems:',
      '  arrivals[0]: "perHour" is missing (line 3)',
      '  arrivals[0]: unknown key "perhour" (known keys: channel, flow, perHour, profile, scheduled, scheduleAheadMinutes, reschedule) (line 3)',
    ]);
  });

  it('name the path and line of a flow or queue of mix.transfer the center lacks', () => {
    const text = (transfer: string) => `center: demo\nmix:\n  transfer: ${transfer}`;
    expect(
      errorOf(() =>
        prepareScenario({ scenario: parseScenario(text('{ probability: 0.1, flow: Nope }'), 's.yaml') }),
      ),
    ).toMatch(/^s\.yaml: mix\.transfer\.flow: unknown flow "Nope" \(flows: Inbound Sales, .*\) \(line 3\)$/);
    expect(
      errorOf(() =>
        prepareScenario({
          scenario: parseScenario(text('{ probability: 0.1, flow: Chat, queue: Nope }'), 's.yaml'),
        }),
      ),
    ).toBe('s.yaml: mix.transfer.queue: unknown queue "Nope" (queues: Sales, Support, BackOffice) (line 3)');
  });
});
