/** The event-pattern language: compile patterns, test one event, or match events against many named rules. */
export type {
  AnythingBut,
  CidrBlock,
  FieldTest,
  Matcher,
  NumericRange,
  PatternTree,
  Scalar,
} from './ast.js';
export { CompiledPattern, compilePattern } from './compile-pattern.js';
export { InvalidEventPatternError } from './errors.js';
export { RuleMatcher } from './rule-matcher.js';
export { testEventPattern } from './test-event-pattern.js';
