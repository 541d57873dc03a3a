import type { AnythingBut } from '../ast.js';
import { foldCase } from '../operators/fold-case.js';
import { parseWildcard, type Wildcard, wildcardMatches } from '../operators/wildcard.js';

/** One anything-but, compiled: which string and number values it excludes. */
export class AnythingButTest {
  readonly #strings: Set<string> | null = null;
  readonly #numbers: Set<number> | null = null;
  readonly #prefixes: readonly string[] = [];
  readonly #suffixes: readonly string[] = [];
  readonly #folded: Set<string> | null = null;
  readonly #wildcards: readonly Wildcard[] = [];

  constructor(not: AnythingBut) {
    switch (not.of) {
      case 'values':
        this.#strings = new Set(not.values.filter((v): v is string => typeof v === 'string'));
        this.#numbers = new Set(not.values.filter((v): v is number => typeof v === 'number'));
        break;
      case 'prefix':
        this.#prefixes = not.values;
        break;
      case 'suffix':
        this.#suffixes = not.values;
        break;
      case 'equals-ignore-case':
        this.#folded = new Set(not.values.map(foldCase));
        break;
      case 'wildcard':
        this.#wildcards = not.values.map(parseWildcard);
        break;
    }
  }

  /** Whether the string `s` is NOT excluded (so the anything-but matches it). */
  acceptsString(s: string): boolean {
    if (this.#strings?.has(s)) return false;
    for (const p of this.#prefixes) if (s.startsWith(p)) return false;
    for (const p of this.#suffixes) if (s.endsWith(p)) return false;
    if (this.#folded?.has(foldCase(s))) return false;
    for (const w of this.#wildcards) if (wildcardMatches(w, s)) return false;
    return true;
  }

  acceptsNumber(n: number): boolean {
    return !this.#numbers?.has(n);
  }

  /** The numbers this anything-but excludes. */
  get excludedNumbers(): number[] {
    return this.#numbers ? [...this.#numbers] : [];
  }

  /** Whether the test reads string contents (a string list or any string operator). */
  get readsStrings(): boolean {
    return this.#numbers === null || (this.#strings?.size ?? 0) > 0;
  }

  get readsNumbers(): boolean {
    return (this.#numbers?.size ?? 0) > 0;
  }
}
