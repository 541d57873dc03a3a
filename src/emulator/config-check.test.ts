import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { Center, parseCenter } from './center.js';
import type { CenterConfig } from './center-config.js';
import { DEMO_CENTER_YAML, DEMO_SCENARIO_YAML } from './demo.js';
import { EmulatorConfigError } from './errors.js';
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

  it('name a profile that the scenario does not declare, with those it does', async () => {
    const text = [
      'center: demo',
      'profiles: { day: [' + '1, '.repeat(23) + '1] }',
      'arrivals:',
      '  - { channel: CHAT, flow: Chat, perHour: 10, profile: dya }',
    ].join('\n');
    const scenario = parseScenario(text, 'p.yaml');
    await expect(runScenario({ scenario, durationMs: 60_000 })).rejects.toThrow(
      'scenario p.yaml: unknown profile "dya" (profiles: day)',
    );
  });

  it('name a flow, queue or routing profile nobody declared, with those declared', async () => {
    const scenario = parseScenario(
      'center: demo\narrivals: [ { channel: VOICE, flow: Sales, perHour: 5 } ]',
      's',
    );
    await expect(runScenario({ scenario, durationMs: 60_000 })).rejects.toThrow(
      /^scenario s: unknown flow "Sales" \(flows: Inbound Sales, Inbound Support, /,
    );
    const center = (text: string) => () => parseCenter(`instance: {}\n${text}`, 'c');
    expect(errorOf(center('routingProfiles: [ { name: P, channels: {}, queues: [ { queue: Q9 } ] } ]'))).toBe(
      'routing profile P: unknown queue "Q9" (no queues declared)',
    );
    expect(errorOf(center('agents: [ { username: ann, routingProfile: P } ]'))).toBe(
      'agent ann: unknown routing profile "P" (no routingProfiles declared)',
    );
    expect(errorOf(center('flows: [ { name: A, disconnectFlow: B } ]'))).toBe(
      'flow A: unknown disconnect flow "B" (flows: A)',
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
