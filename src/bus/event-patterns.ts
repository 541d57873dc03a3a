import {
  compilePattern,
  InvalidEventPatternError,
  RuleMatcher,
  testEventPattern,
} from '../patterns/index.js';
import { AwsError } from '../server/aws-error.js';
import type { CompiledRules, PatternEngine } from './pattern-engine.js';

function asAwsError(error: unknown): unknown {
  if (error instanceof InvalidEventPatternError) {
    return new AwsError('InvalidEventPatternException', error.message, 400, { cause: error });
  }
  return error;
}

/** The pattern engine of this package, with its errors answered as EventBridge answers them. */
export const eventPatterns: PatternEngine = {
  validate(pattern) {
    try {
      compilePattern(pattern);
    } catch (error) {
      throw asAwsError(error);
    }
  },
  test(pattern, event) {
    try {
      return testEventPattern(pattern, event as object);
    } catch (error) {
      throw asAwsError(error);
    }
  },
  compile(rules): CompiledRules {
    const matcher = new RuleMatcher();
    for (const rule of rules) matcher.addRule(rule.name, rule.pattern);
    return { match: (json) => matcher.matchJson(json), matchEvent: (event) => matcher.matchEvent(event) };
  },
};
