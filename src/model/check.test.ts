import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FIXTURE_DIR,
  loadFixtures,
  readJson,
  seedSampleTexts,
  withoutTrailingCommas,
} from './fixtures/fixtures.test-helpers.js';
import {
  ContactEventDetailSchema,
  type ContactEventEnvelope,
  checkContactEvent,
  checkContactEventText,
  isContactEvent,
  PLACEHOLDER_TIMESTAMP,
} from './index.js';

const base = readJson('quirk-skewed-timestamps.json') as ContactEventEnvelope;
const routed = readJson('seed-5-routing-step-expired.json') as ContactEventEnvelope;

function variant(edit: (event: ContactEventEnvelope) => void, from = base): ContactEventEnvelope {
  const event = structuredClone(from);
  edit(event);
  return event;
}

describe('seed samples', () => {
  const seeds = loadFixtures('seed-');

  it('are the six samples of the seed document with only their trailing commas removed', () => {
    const texts = seedSampleTexts();
    expect(seeds).toHaveLength(6);
    seeds.forEach((fixture, i) => {
      let text = withoutTrailingCommas(texts[i]);
      // The first sample closes `detail` one brace too early; the fixture puts queueInfo and tags back in it.
      if (i === 0) text = text.replace('} } } }, "queueInfo"', '} } }, "queueInfo"');
      expect(fixture.input).toEqual(JSON.parse(text));
    });
  });

  it.each(seeds.map((f) => [f.name, f] as const))('%s is accepted and canonicalized as expected', (_, f) => {
    const result = checkContactEvent(f.input);
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.canonical).toEqual(f.canonical);
  });
});

describe('done-when cases', () => {
  it('rejects a 300-character contactId with its path', () => {
    const result = checkContactEvent(variant((e) => (e.detail.contactId = 'c'.repeat(300))));
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([
      {
        path: '$.detail.contactId',
        message: 'length must be at most 256 characters',
        expected: 'at most 256 characters',
        found: '300 characters',
      },
    ]);
  });

  it('rejects a ProficiencyLevel of 7 with its path', () => {
    const event = variant((e) => {
      e.detail.routingCriteria!.steps[1].expression!.attributeCondition!.proficiencyLevel = 7 as 1;
    }, routed);
    const result = checkContactEvent(event);
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([
      {
        path: '$.detail.routingCriteria.steps[1].expression.attributeCondition.proficiencyLevel',
        message: 'value is not allowed',
        expected: 'one of 1.0, 2.0, 3.0, 4.0, 5.0',
        found: '7',
      },
    ]);
  });

  it('rejects six routing steps, pointing at the sixth', () => {
    const event = variant((e) => {
      const steps = e.detail.routingCriteria!.steps;
      e.detail.routingCriteria!.steps = [...steps, ...steps];
    }, routed);
    const result = checkContactEvent(event);
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([
      {
        path: '$.detail.routingCriteria.steps[5]',
        message: 'too many items: at most 5',
        expected: 'at most 5 items',
        found: '6 items',
      },
    ]);
  });

  it.each([
    '2024-05-14 09:31:07Z',
    '2024-13-14T09:31:07.000Z',
    '2024-05-14T25:31:07.000Z',
    '2024-05-14T09:31:07.000',
    'yesterday',
  ])('rejects the malformed timestamp %j with its path', (stamp) => {
    const result = checkContactEvent(variant((e) => (e.detail.agentInfo!.connectedToAgentTimestamp = stamp)));
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([
      {
        path: '$.detail.agentInfo.connectedToAgentTimestamp',
        message: 'malformed timestamp',
        expected: "UTC timestamp yyyy-MM-dd'T'HH:mm:ss[.SSS]'Z'",
        found: JSON.stringify(stamp),
      },
    ]);
  });

  it('accepts an unknown channel with a warning and keeps the value', () => {
    const result = checkContactEvent(variant((e) => (e.detail.channel = 'VIDEO')));
    expect(result.ok).toBe(true);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([
      {
        path: '$.detail.channel',
        message: 'value not in the documented list, kept as is',
        expected: 'one of VOICE, CHAT, TASK, EMAIL',
        found: '"VIDEO"',
      },
    ]);
    expect(result.canonical?.detail.channel).toBe('VIDEO');
  });
});

describe('validation rules', () => {
  const cases: [string, (e: ContactEventEnvelope) => void, string, string][] = [
    [
      'attribute name over 64',
      (e) => (e.detail.routingCriteria!.steps[0].expression!.attributeCondition!.name = 'n'.repeat(65)),
      '$.detail.routingCriteria.steps[0].expression.attributeCondition.name',
      'at most 64 characters',
    ],
    [
      'empty attribute value',
      (e) => (e.detail.routingCriteria!.steps[0].expression!.attributeCondition!.value = ''),
      '$.detail.routingCriteria.steps[0].expression.attributeCondition.value',
      'at least 1 characters',
    ],
    [
      'negative index',
      (e) => (e.detail.routingCriteria!.index = -1),
      '$.detail.routingCriteria.index',
      'a number >= 0',
    ],
    [
      'negative duration',
      (e) => (e.detail.routingCriteria!.steps[0].expiry!.durationInSeconds = -5),
      '$.detail.routingCriteria.steps[0].expiry.durationInSeconds',
      'a number >= 0',
    ],
    [
      'fractional duration',
      (e) => (e.detail.routingCriteria!.steps[0].expiry!.durationInSeconds = 1.5),
      '$.detail.routingCriteria.steps[0].expiry.durationInSeconds',
      'integer',
    ],
    [
      'no steps',
      (e) => (e.detail.routingCriteria!.steps = []),
      '$.detail.routingCriteria.steps',
      'at least 1 items',
    ],
    [
      'agent ID over 256',
      (e) =>
        (e.detail.routingCriteria!.steps[0].expression!.attributeCondition!.matchCriteria = {
          agentsCriteria: { agentIds: ['a'.repeat(257)] },
        }),
      '$.detail.routingCriteria.steps[0].expression.attributeCondition.matchCriteria.agentsCriteria.agentIds[0]',
      'at most 256 characters',
    ],
    [
      'missing contactId',
      (e) => delete (e.detail as Partial<typeof e.detail>).contactId,
      '$.detail.contactId',
      'contactId',
    ],
    [
      'non-string tag value',
      (e) => (e.detail.tags = { Dept: 5 as unknown as string }),
      '$.detail.tags.Dept',
      'string',
    ],
    ['missing detail', (e) => delete (e as Partial<typeof e>).detail, '$.detail', 'detail'],
    ['number as channel', (e) => (e.detail.channel = 3 as unknown as 'VOICE'), '$.detail.channel', 'string'],
  ];

  it.each(cases)('rejects %s', (_, edit, path, expected) => {
    const result = checkContactEvent(variant(edit, routed));
    expect(result.ok).toBe(false);
    expect(result.errors.map((e) => [e.path, e.expected])).toContainEqual([path, expected]);
  });

  it('reports every error of an event, not just the first', () => {
    const result = checkContactEvent(
      variant((e) => {
        e.detail.contactId = '';
        e.detail.initiationTimestamp = 'soon';
      }),
    );
    expect(result.errors.map((e) => e.path)).toEqual(['$.detail.contactId', '$.detail.initiationTimestamp']);
  });

  it('rejects what is not an object', () => {
    for (const value of [null, 42, 'event', [base]]) {
      const result = checkContactEvent(value);
      expect(result.ok).toBe(false);
      expect(result.errors[0].path).toBe('$');
      expect(result.canonical).toBeUndefined();
    }
  });
});

describe('quirks', () => {
  const quirks = new Map(loadFixtures('quirk-').map((f) => [f.name, f]));
  const expectedWarnings: Record<string, string[]> = {
    'quirk-newer-than-model': [
      '$.detail.eventType',
      '$.detail.channel',
      '$.detail.snoozeInfo',
      '$.detail.agentInfo.deviceInfo',
    ],
    'quirk-routing-criteria-list': ['$.detail.routingCriteria'],
  };

  it.each([...quirks.keys()])('%s is accepted and canonicalized as expected', (name) => {
    const fixture = quirks.get(name)!;
    const inputs = Array.isArray(fixture.input) ? fixture.input : [fixture.input];
    const results = inputs.map((event) => checkContactEvent(event));
    for (const result of results) expect(result.errors).toEqual([]);
    const canonical = results.map((r) => r.canonical);
    expect(Array.isArray(fixture.input) ? canonical : canonical[0]).toEqual(fixture.canonical);
    const warnings = results.flatMap((r) => r.warnings.map((w) => w.path));
    expect(warnings).toEqual(expectedWarnings[name] ?? []);
  });

  it('PascalCase keys at every depth become camelCase; tag and segment keys stay as sent', () => {
    const { canonical } = checkContactEvent(quirks.get('quirk-pascal-case-keys')!.input);
    expect(Object.keys(canonical!.detail.queueInfo!)).toEqual(['queueArn', 'queueType', 'enqueueTimestamp']);
    expect(canonical!.detail.tags).toEqual({
      'aws:connect:instanceId': '0b7a1c9e-5d6f-4e3a-9c2b-1a2b3c4d5e6f',
    });
    expect(canonical!.detail.segmentAttributes).toEqual({
      'connect:Subtype': { valueString: 'connect:Telephony' },
    });
  });

  it('"Voice" becomes VOICE and "Standard" STANDARD, with no warning', () => {
    const result = checkContactEvent(quirks.get('quirk-value-casing')!.input);
    expect(result.canonical!.detail.channel).toBe('VOICE');
    expect(result.canonical!.detail.queueInfo!.queueType).toBe('STANDARD');
    expect(result.warnings).toEqual([]);
  });

  it('a placeholder timestamp means "not yet": the canonical form leaves the field out', () => {
    const result = checkContactEvent(quirks.get('quirk-placeholder-timestamps')!.input);
    const detail = result.canonical!.detail;
    expect(detail).not.toHaveProperty('connectedToSystemTimestamp');
    expect(detail).not.toHaveProperty('disconnectTimestamp');
    expect(detail.agentInfo).not.toHaveProperty('connectedToAgentTimestamp');
    expect(JSON.stringify(result.canonical)).not.toContain(PLACEHOLDER_TIMESTAMP);
  });

  it('routing criteria sent as a list keep the current (greatest index) version', () => {
    const { canonical } = checkContactEvent(quirks.get('quirk-routing-criteria-list')!.input);
    expect(canonical!.detail.routingCriteria!.index).toBe(1);
    expect(canonical!.detail.routingCriteria!.steps[0].status).toBe('ACTIVE');
  });

  it('the trailing-comma text of the seed is not JSON; checking it reports the fault, never throws', () => {
    const raw = readJsonText('quirk-trailing-commas.txt');
    const result = checkContactEventText(raw);
    expect(result.ok).toBe(false);
    expect(result.errors[0].message).toMatch(/^invalid JSON/);
    expect(checkContactEventText(withoutTrailingCommas(raw)).ok).toBe(true);
  });
});

describe('raw text', () => {
  it('keeps the bytes as received beside the canonical event', () => {
    const raw = `{"version":"0" , "id":"x","detail-type":"Amazon Connect Contact Event","source":"aws.connect",
      "account":"111122223333","time":"2024-05-14T09:31:07Z","region":"us-east-1","resources":[],
      "detail":{"EventType":"QUEUED","ContactId":"c-1","Channel":"Chat","InstanceArn":"arn:x","InitiationMethod":"API"}}`;
    const result = checkContactEventText(raw);
    expect(result.raw).toBe(raw);
    expect(result.ok).toBe(true);
    expect(result.canonical!.detail).toEqual({
      eventType: 'QUEUED',
      contactId: 'c-1',
      channel: 'CHAT',
      instanceArn: 'arn:x',
      initiationMethod: 'API',
    });
  });
});

describe('newer than the model', () => {
  const KNOWN = new Set(Object.keys(ContactEventDetailSchema.properties).map((k) => k.toLowerCase()));

  it('property: any non-empty value of an open enumeration is accepted, at worst with a warning', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('eventType', 'channel', 'initiationMethod'),
        fc.string({ minLength: 1 }),
        (field, value) => {
          const result = checkContactEvent(
            variant((e) => ((e.detail as Record<string, unknown>)[field] = value)),
          );
          expect(result.errors).toEqual([]);
          expect(result.canonical?.detail[field as 'channel'].toUpperCase()).toBe(value.toUpperCase());
        },
      ),
    );
  });

  it('property: any unknown field with any JSON value is kept and only warned about', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).filter((k) => !KNOWN.has(k.toLowerCase()) && k !== '__proto__'),
        fc.jsonValue(),
        (key, value) => {
          const result = checkContactEvent(
            variant((e) => ((e.detail as Record<string, unknown>)[key] = value)),
          );
          expect(result.errors).toEqual([]);
          expect(result.warnings).toHaveLength(1);
          expect(Object.values(result.canonical!.detail)).toContainEqual(value);
        },
      ),
    );
  });
});

describe('robustness', () => {
  const paths = (value: unknown, prefix: string[] = []): string[][] =>
    value !== null && typeof value === 'object'
      ? Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...paths(v, [...prefix, k])])
      : [];
  const fieldPaths = paths(routed);

  it('property: never throws, whatever JSON value stands in for any field, and checking is idempotent', () => {
    fc.assert(
      fc.property(fc.constantFrom(...fieldPaths), fc.jsonValue(), (path, value) => {
        const event = structuredClone(routed) as unknown as Record<string, unknown>;
        let node = event;
        for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
        node[path[path.length - 1]] = value;
        const first = checkContactEvent(event);
        expect(first.errors.every((e) => e.path.startsWith('$'))).toBe(true);
        const again = checkContactEvent(first.canonical);
        expect(again.ok).toBe(first.ok);
        expect(again.canonical).toBe(first.canonical);
      }),
      { numRuns: 300 },
    );
  });

  it('property: never throws on any JSON value as a whole event', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(typeof checkContactEvent(value).ok).toBe('boolean');
      }),
    );
  });
});

describe('envelope', () => {
  it('warns, without rejecting, when source or detail-type are not those of Amazon Connect', () => {
    const result = checkContactEvent({ ...base, source: 'custom.replay', 'detail-type': 'Replayed' });
    expect(result.ok).toBe(true);
    expect(result.warnings.map((w) => [w.path, w.expected, w.found])).toEqual([
      ['$.source', 'aws.connect', '"custom.replay"'],
      ['$["detail-type"]', 'Amazon Connect Contact Event', '"Replayed"'],
    ]);
  });
});

describe('isContactEvent', () => {
  it('tells Amazon Connect events from others', () => {
    expect(isContactEvent(base)).toBe(true);
    expect(isContactEvent({ ...base, source: 'aws.ec2' })).toBe(false);
    expect(isContactEvent({ Source: 'aws.connect' })).toBe(true);
    expect(isContactEvent(null)).toBe(false);
    expect(isContactEvent('aws.connect')).toBe(false);
  });
});

function readJsonText(file: string): string {
  return readFileSync(`${FIXTURE_DIR}${file}`, 'utf8');
}
