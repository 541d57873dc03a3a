import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationException } from './errors.js';
import { renderTargetInput } from './target-input.js';
import { validateInputTransformer, validateTargetInput } from './validate.js';

/** The example event of EventBridge's input transformation guide. */
const EVENT = {
  version: '0',
  id: '7bf73129-1428-4cd3-a780-95db273d1602',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '123456789012',
  time: '2015-11-11T21:29:54Z',
  region: 'us-east-1',
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111'],
  detail: { 'instance-id': 'i-0123456789', state: 'RUNNING', tags: [{ k: 'a' }, { k: 'b' }], count: 3 },
};
const CONTEXT = {
  ruleArn: 'arn:aws:events:us-east-2:123456789012:rule/example',
  ruleName: 'example',
  ingestionTime: '2015-11-11T21:29:55Z',
};
const PATHS = { instance: '$.detail.instance-id', state: '$.detail.state' };

function transform(InputTemplate: string, InputPathsMap: Record<string, string> = PATHS): string {
  return renderTargetInput(EVENT, { InputTransformer: { InputPathsMap, InputTemplate } }, CONTEXT);
}

describe('input selection', () => {
  it('sends the whole event by default', () => {
    expect(JSON.parse(renderTargetInput(EVENT, {}, CONTEXT))).toEqual(EVENT);
  });

  it('sends Input as given', () => {
    expect(renderTargetInput(EVENT, { Input: '{"fixed": true}' }, CONTEXT)).toBe('{"fixed": true}');
  });

  it('sends the part InputPath selects, null when it selects nothing', () => {
    expect(renderTargetInput(EVENT, { InputPath: '$.detail.state' }, CONTEXT)).toBe('"RUNNING"');
    expect(renderTargetInput(EVENT, { InputPath: '$.detail.tags[1]' }, CONTEXT)).toBe('{"k":"b"}');
    expect(renderTargetInput(EVENT, { InputPath: '$.detail.tags[*].k' }, CONTEXT)).toBe('["a","b"]');
    expect(renderTargetInput(EVENT, { InputPath: '$' }, CONTEXT)).toBe(JSON.stringify(EVENT));
    expect(renderTargetInput(EVENT, { InputPath: '$.detail.missing' }, CONTEXT)).toBe('null');
  });
});

describe('InputTransformer, as in the EventBridge guide', () => {
  it('fills a string template', () => {
    expect(transform('"instance <instance> is in <state>"')).toBe('"instance i-0123456789 is in RUNNING"');
  });

  it('keeps escaped quotes of a string template', () => {
    expect(transform('"instance \\"<instance>\\" is in <state>"')).toBe(
      '"instance \\"i-0123456789\\" is in RUNNING"',
    );
  });

  it('quotes string values placed outside quotes in a JSON template, and minifies', () => {
    expect(transform('{\n  "instance" : <instance>,\n  "state": <state>\n}')).toBe(
      '{"instance":"i-0123456789","state":"RUNNING"}',
    );
  });

  it('inserts text inside JSON strings', () => {
    const out = transform(
      '{"instance": <instance>, "state": "<state>", "status": "instance \\"<instance>\\" is in <state>"}',
    );
    expect(JSON.parse(out)).toEqual({
      instance: 'i-0123456789',
      state: 'RUNNING',
      status: 'instance "i-0123456789" is in RUNNING',
    });
  });

  it('mixes variables with static JSON', () => {
    expect(
      JSON.parse(transform('{"instance": <instance>, "state": [9, <state>, true], "Transformed": "Yes"}')),
    ).toEqual({
      instance: 'i-0123456789',
      state: [9, 'RUNNING', true],
      Transformed: 'Yes',
    });
  });

  it('keeps numbers, objects and arrays as JSON values', () => {
    const out = transform('{"n": <n>, "tags": <tags>, "first": <first>}', {
      n: '$.detail.count',
      tags: '$.detail.tags',
      first: '$.detail.tags[0]',
    });
    expect(JSON.parse(out)).toEqual({ n: 3, tags: [{ k: 'a' }, { k: 'b' }], first: { k: 'a' } });
  });

  it('fills the predefined placeholders', () => {
    const out = JSON.parse(
      transform(
        '{"ruleArn": <aws.events.rule-arn>, "ruleName": <aws.events.rule-name>, "at": <aws.events.event.ingestion-time>, ' +
          '"original": <aws.events.event>, "whole": <aws.events.event.json>}',
        {},
      ),
    );
    const { detail: _d, ...withoutDetail } = EVENT;
    expect(out).toEqual({
      ruleArn: CONTEXT.ruleArn,
      ruleName: 'example',
      at: CONTEXT.ingestionTime,
      original: withoutDetail,
      whole: EVENT,
    });
    expect(transform('"<aws.events.rule-name> triggered"', {})).toBe('"example triggered"');
  });

  it('gives null outside quotes and nothing inside quotes for a path that matches nothing', () => {
    expect(JSON.parse(transform('{"a": <gone>, "b": "x<gone>y"}', { gone: '$.detail.nothing' }))).toEqual({
      a: null,
      b: 'xy',
    });
    expect(transform('"value: <gone>."', { gone: '$.nothing' })).toBe('"value: ."');
  });

  it('leaves placeholders that name no variable as they are', () => {
    expect(transform('"a <b> c"', {})).toBe('"a <b> c"');
  });

  it('does not escape values inside strings, as EventBridge does not', () => {
    const event = { detail: { quote: 'say "hi"' } };
    const out = renderTargetInput(
      event,
      { InputTransformer: { InputPathsMap: { q: '$.detail.quote' }, InputTemplate: '{"m": "<q>"}' } },
      CONTEXT,
    );
    expect(out).toBe('{"m":"say "hi""}');
  });

  it('always yields valid JSON for values outside quotes (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const out = renderTargetInput(
          { detail: { v: value } },
          { InputTransformer: { InputPathsMap: { v: '$.detail.v' }, InputTemplate: '{"v": <v>}' } },
          CONTEXT,
        );
        expect(JSON.parse(out)).toEqual(JSON.parse(JSON.stringify({ v: value })));
      }),
    );
  });
});

describe('validation as PutTargets does it', () => {
  const ok = { InputPathsMap: PATHS, InputTemplate: '{"i": <instance>}' };

  it('accepts the guide examples', () => {
    expect(() => validateInputTransformer(ok)).not.toThrow();
    expect(() =>
      validateInputTransformer({ InputPathsMap: PATHS, InputTemplate: '"<instance> is <state>"' }),
    ).not.toThrow();
  });

  it.each([
    ['an empty template', { InputTemplate: '' }],
    ['a template over 8192 characters', { InputTemplate: `"${'x'.repeat(8191)}"` }],
    [
      'more than 100 variables',
      {
        InputPathsMap: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`v${i}`, '$.a'])),
        InputTemplate: '"x"',
      },
    ],
    ['a reserved variable name', { InputPathsMap: { 'aws.events.rule-arn': '$.a' }, InputTemplate: '"x"' }],
    ['a bad variable name', { InputPathsMap: { 'a b': '$.a' }, InputTemplate: '"x"' }],
    ['a path not starting with $', { InputPathsMap: { a: 'detail.a' }, InputTemplate: '"x"' }],
    ['bracket notation', { InputPathsMap: { a: "$['detail']" }, InputTemplate: '"x"' }],
    ['recursive descent', { InputPathsMap: { a: '$..a' }, InputTemplate: '"x"' }],
    ['a JSON template that is not JSON', { InputPathsMap: PATHS, InputTemplate: '{"i": <instance>' }],
    ['a placeholder as a JSON key', { InputPathsMap: PATHS, InputTemplate: '{<instance>: 1}' }],
    ['a placeholder inside a JSON key', { InputPathsMap: PATHS, InputTemplate: '{"<instance>": 1}' }],
  ])('refuses %s', (_what, transformer) => {
    expect(() => validateInputTransformer(transformer as never)).toThrow(ValidationException);
  });

  it('refuses more than one input kind and an Input that is not JSON', () => {
    expect(() => validateTargetInput({ Id: 't1', Input: '{}', InputPath: '$' })).toThrow(/Only one of/);
    expect(() => validateTargetInput({ Id: 't1', Input: 'not json' })).toThrow(
      'Input for target t1 is not a valid JSON text.',
    );
    expect(() => validateTargetInput({ Id: 't1', InputPath: '$.a[' })).toThrow(ValidationException);
  });
});

describe('the examples of docs/targets.md', () => {
  const event = {
    id: 'e-1',
    time: '2026-03-01T10:00:00Z',
    detail: { contactId: 'c-1', channel: 'VOICE', queue: { name: 'Sales' } },
  };
  const InputPathsMap = {
    contact: '$.detail.contactId',
    channel: '$.detail.channel',
    queue: '$.detail.queue',
    agent: '$.detail.agent.id',
  };
  const context = {
    ruleArn: 'arn:aws:events:us-east-1:123456789012:rule/contacts',
    ruleName: 'contacts',
    ingestionTime: '2026-03-01T10:00:00.120Z',
  };
  const render = (InputTemplate: string) =>
    renderTargetInput(event, { InputTransformer: { InputPathsMap, InputTemplate } }, context);

  it.each([
    ['"Contact <contact> on <channel>"', '"Contact c-1 on VOICE"'],
    [
      '{"contact": <contact>, "queue": <queue>, "agent": <agent>}',
      '{"contact":"c-1","queue":{"name":"Sales"},"agent":null}',
    ],
    ['{"text": "contact \\"<contact>\\" (<agent>)"}', '{"text":"contact \\"c-1\\" ()"}'],
    [
      '"<aws.events.rule-name> fired at <aws.events.event.ingestion-time>"',
      '"contacts fired at 2026-03-01T10:00:00.120Z"',
    ],
  ])('%s', (template, expected) => {
    expect(render(template)).toBe(expected);
  });

  it('{"rule": <aws.events.rule-name>, "event": <aws.events.event.json>}', () => {
    expect(JSON.parse(render('{"rule": <aws.events.rule-name>, "event": <aws.events.event.json>}'))).toEqual({
      rule: 'contacts',
      event,
    });
  });
});
