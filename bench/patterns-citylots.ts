import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The shared city-lots workload, read in place from `../shared/bench-data/`. */
const DATA_DIR = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../../shared/bench-data');
export const REPEAT = 550;

/** The excerpt's lines repeated 550 times: 212,300 lines of about 560 characters. */
export function loadCitylotsLines(): string[] {
  const excerpt = readFileSync(path.join(DATA_DIR, 'citylots-excerpt.jlines'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
  const lines: string[] = [];
  for (let i = 0; i < REPEAT; i++) for (const line of excerpt) lines.push(line);
  return lines;
}

export function loadRuleSets(): Record<string, object[]> {
  return JSON.parse(readFileSync(path.join(DATA_DIR, 'citylots-rulesets.json'), 'utf8'));
}

/**
 * Per-rule match counts the reference engine reports on the 212,300 lines (bench-data/README.md);
 * rules not listed match nothing.
 */
const ANYTHING_BUT = { r0: 212300, r1: 211750, r2: 8250, r4: 212300 };
export const EXPECTED_COUNTS: Record<string, Record<string, number>> = {
  EXACT_RULES: {},
  WILDCARD_RULES: {},
  PREFIX_RULES: {},
  PREFIX_EQUALS_IGNORE_CASE_RULES: {},
  SUFFIX_RULES: { r0: 7700 },
  SUFFIX_EQUALS_IGNORE_CASE_RULES: { r0: 7700 },
  EQUALS_IGNORE_CASE_RULES: { r0: 6600, r1: 16500, r2: 129800, r4: 204050 },
  ANYTHING_BUT_RULES: ANYTHING_BUT,
  ANYTHING_BUT_IGNORE_CASE_RULES: ANYTHING_BUT,
  ANYTHING_BUT_PREFIX_RULES: ANYTHING_BUT,
  ANYTHING_BUT_SUFFIX_RULES: { r0: 212300, r1: 211750, r2: 8250, r4: 211750 },
  ANYTHING_BUT_WILDCARD_RULES: { r0: 212300, r1: 212300, r2: 212300, r3: 212300, r4: 212300 },
  NUMERIC_RULES: {},
  COMPLEX_ARRAYS_RULES: {},
  QUAMINA_CITYLOTS: { r2: 1100, r3: 550 },
  NUMERIC_STANDIN: { r0: 12650, r1: 4400 },
};

/** Reference engines' events/s on a 2-core machine (bench-data/README.md). */
export const REFERENCE_EPS: Record<string, { eventRuler?: number; quamina?: number }> = {
  EXACT_RULES: { eventRuler: 477_000, quamina: 1_660_000 },
  PREFIX_RULES: { eventRuler: 452_000, quamina: 1_468_000 },
  WILDCARD_RULES: { eventRuler: 428_000, quamina: 1_222_000 },
  EQUALS_IGNORE_CASE_RULES: { eventRuler: 324_000, quamina: 974_000 },
  ANYTHING_BUT_RULES: { eventRuler: 249_000, quamina: 544_000 },
  SUFFIX_RULES: { eventRuler: 488_000 },
  PREFIX_EQUALS_IGNORE_CASE_RULES: { eventRuler: 529_000 },
  ANYTHING_BUT_WILDCARD_RULES: { eventRuler: 296_000 },
  QUAMINA_CITYLOTS: { eventRuler: 169_000, quamina: 215_000 },
  NUMERIC_STANDIN: { eventRuler: 55_000 },
};
