import { describe, expect, it } from 'vitest';
import { loadAwsErrors, loadConformanceCases } from './conformance.test-helpers.js';
import { compilePattern, InvalidEventPatternError, RuleMatcher, testEventPattern } from './index.js';

const cases = loadConformanceCases();
const awsErrors = loadAwsErrors();

describe('EventBridge conformance cases', () => {
  it('loads every case of the shared suite', () => {
    expect(cases.length).toBe(156);
  });

  describe.each(cases)('$name', (c) => {
    if (c.outcome === 'invalid') {
      it('is rejected with InvalidEventPatternException', () => {
        let error: unknown;
        try {
          compilePattern(c.pattern);
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(InvalidEventPatternError);
        expect((error as InvalidEventPatternError).code).toBe('InvalidEventPatternException');
        const aws = awsErrors[c.name];
        if (aws) expect((error as InvalidEventPatternError).message).toBe(aws.message);
        expect(() => new RuleMatcher().addRule('r', c.pattern)).toThrow(InvalidEventPatternError);
      });
      return;
    }
    const want = c.outcome === 'match';
    it(`${want ? 'matches' : 'does not match'} through testEventPattern (parsed and text)`, () => {
      expect(testEventPattern(c.pattern, c.event as object)).toBe(want);
      expect(testEventPattern(c.pattern, c.eventJson)).toBe(want);
    });
    it(`${want ? 'matches' : 'does not match'} through RuleMatcher (matchEvent and matchJson)`, () => {
      const m = new RuleMatcher();
      m.addRule('other', { 'no-such-field': ['x'] });
      m.addRule('rule', c.pattern);
      expect(m.matchEvent(c.event)).toEqual(want ? ['rule'] : []);
      expect(m.matchJson(c.eventJson)).toEqual(want ? ['rule'] : []);
    });
  });
});
