/**
 * What the bus needs from the pattern language: checking a pattern, testing one event, and a matcher of
 * all enabled rules built aside and swapped in one step when rules change.
 */
export interface PatternEngine {
  /** Throws an AwsError `InvalidEventPatternException` with the reason when the pattern is invalid. */
  validate(pattern: string): void;
  test(pattern: string, event: unknown): boolean;
  compile(rules: ReadonlyArray<{ readonly name: string; readonly pattern: string }>): CompiledRules;
}

export interface CompiledRules {
  /** Names of the rules whose pattern matches the event, given as JSON text. */
  match(json: string): string[];
  /** The same for the event as an object (what `JSON.parse` of the text gives). */
  matchEvent(event: object): string[];
}
