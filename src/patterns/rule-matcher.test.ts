import { describe, expect, it } from 'vitest';
import { InvalidEventPatternError, RuleMatcher } from './index.js';

const voice = { detail: { channel: ['VOICE'] } };
const chat = { detail: { channel: ['CHAT'] } };
const event = { detail: { channel: 'VOICE' } };

describe('RuleMatcher', () => {
  it('reports every matching rule once', () => {
    const m = new RuleMatcher();
    m.addRule('voice', voice);
    m.addRule('chat', chat);
    m.addRule('any', { detail: { channel: [{ exists: true }] } });
    m.addRule('or', {
      $or: [{ detail: { channel: ['VOICE'] } }, { detail: { channel: [{ prefix: 'VO' }] } }],
    });
    expect(m.matchEvent(event).sort()).toEqual(['any', 'or', 'voice']);
    expect(m.matchJson(JSON.stringify(event)).sort()).toEqual(['any', 'or', 'voice']);
  });

  it('replaces a rule added again under the same name', () => {
    const m = new RuleMatcher();
    m.addRule('r', voice);
    m.addRule('r', chat);
    expect(m.size).toBe(1);
    expect(m.matchEvent(event)).toEqual([]);
    expect(m.matchEvent({ detail: { channel: 'CHAT' } })).toEqual(['r']);
  });

  it('removes rules, and reports whether they existed', () => {
    const m = new RuleMatcher();
    m.addRule('r', voice);
    m.addRule('s', voice);
    expect(m.removeRule('r')).toBe(true);
    expect(m.removeRule('r')).toBe(false);
    expect(m.matchEvent(event)).toEqual(['s']);
    expect(m.removeRule('s')).toBe(true);
    expect(m.matchEvent(event)).toEqual([]);
    expect(m.matchJson(JSON.stringify(event))).toEqual([]);
  });

  it('leaves the rules unchanged when an added pattern is invalid', () => {
    const m = new RuleMatcher();
    m.addRule('r', voice);
    expect(() => m.addRule('r', { detail: { channel: 'VOICE' } })).toThrow(InvalidEventPatternError);
    expect(m.matchEvent(event)).toEqual(['r']);
  });

  it('stays correct across many rules sharing predicates, as rules come and go', () => {
    const m = new RuleMatcher();
    for (let i = 0; i < 300; i++) {
      m.addRule(`q${i}`, {
        source: ['aws.connect'],
        detail: { queue: [`q-${i}`], channel: ['VOICE', 'CHAT'] },
      });
    }
    const e = (q: number, channel = 'VOICE') => ({
      source: 'aws.connect',
      detail: { queue: `q-${q}`, channel },
    });
    expect(m.matchEvent(e(7))).toEqual(['q7']);
    expect(m.matchEvent(e(7, 'TASK'))).toEqual([]);
    for (let i = 0; i < 300; i += 2) m.removeRule(`q${i}`);
    expect(m.matchEvent(e(8))).toEqual([]);
    expect(m.matchJson(JSON.stringify(e(9)))).toEqual(['q9']);
  });

  it('confirms exact-value conditions from any value of the field, also after rules sharing them leave', () => {
    const m = new RuleMatcher();
    m.addRule('a', { detail: { queue: ['q-1'], channel: ['VOICE', 'CHAT'] } });
    m.addRule('b', { detail: { queue: ['q-2'], channel: ['CHAT'] } });
    expect(m.matchEvent({ detail: { queue: 'q-1', channel: ['TASK', 'CHAT'] } })).toEqual(['a']);
    expect(m.matchEvent({ detail: { queue: 'q-2', channel: 'VOICE' } })).toEqual([]);
    m.removeRule('a');
    m.removeRule('b');
    m.addRule('c', { detail: { queue: ['q-2'], channel: ['CHAT'] } });
    expect(m.matchEvent({ detail: { queue: 'q-2', channel: ['chat', 'CHAT'] } })).toEqual(['c']);
    expect(m.matchJson('{"detail":{"queue":"q-2","channel":"VOICE"}}')).toEqual([]);
  });

  it('checks rules whose every condition holds on absent fields against every event', () => {
    const m = new RuleMatcher();
    m.addRule('no-agent', { detail: { agentInfo: [{ exists: false }] } });
    expect(m.matchEvent({ detail: {} })).toEqual(['no-agent']);
    expect(m.matchJson('{"version":"0"}')).toEqual(['no-agent']);
    expect(m.matchEvent({ detail: { agentInfo: 'a' } })).toEqual([]);
  });

  it('matches no rule for an event that is not an object', () => {
    const m = new RuleMatcher();
    m.addRule('r', { a: [{ exists: false }] });
    for (const e of [null, 1, 'x', [{}]]) expect(m.matchEvent(e)).toEqual([]);
  });
});
