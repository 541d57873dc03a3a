import { compilePattern } from './compile-pattern.js';
import { MatchEngine } from './engine/match-engine.js';

/**
 * Named rules, each an event pattern, compiled together into one index: `matchEvent` (a parsed event)
 * and `matchJson` (raw JSON text, scanned selectively) give the names of the rules an event matches.
 * Every method is synchronous, so a match never observes a half-applied rule change.
 * @example
 * const m = new RuleMatcher();
 * m.addRule('voice', { source: ['aws.connect'], detail: { channel: ['VOICE'] } });
 * m.matchJson('{"source":"aws.connect","detail":{"channel":"VOICE"}}'); // ['voice']
 */
export class RuleMatcher {
  readonly #engine = new MatchEngine();

  /** Adds a rule, replacing any rule of the same name. @throws InvalidEventPatternError */
  addRule(name: string, pattern: string | object): void {
    this.#engine.add(name, compilePattern(pattern).tree);
  }

  /** Removes a rule; returns whether it existed. */
  removeRule(name: string): boolean {
    return this.#engine.remove(name);
  }

  hasRule(name: string): boolean {
    return this.#engine.has(name);
  }

  get size(): number {
    return this.#engine.size;
  }

  /** Names of the rules a parsed event matches (each once, in no particular order). */
  matchEvent(event: unknown): string[] {
    return this.#engine.matchEvent(event);
  }

  /** Names of the rules an event given as JSON text matches; text that is not a JSON object matches none. */
  matchJson(json: string): string[] {
    return this.#engine.matchJson(json);
  }
}
