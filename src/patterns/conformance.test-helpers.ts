import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import JSON5 from 'json5';

/** The EventBridge conformance cases, read in place from the shared folder beside the project. */
export const CASES_DIR = path.resolve(
  fileURLToPath(new URL('.', import.meta.url)),
  '../../../shared/conformance/eventbridge-patterns/cases',
);

export type Outcome = 'match' | 'no-match' | 'invalid';

export interface ConformanceCase {
  readonly name: string;
  /** Pattern as JSON text: the one case with duplicate keys needs the text, not a parsed object. */
  readonly pattern: string;
  readonly event: unknown;
  readonly eventJson: string;
  readonly outcome: Outcome;
}

export function loadAwsErrors(): Record<string, { code: string; message: string }> {
  return JSON.parse(readFileSync(path.join(CASES_DIR, '../aws-errors.json'), 'utf8'));
}

export function loadConformanceCases(): ConformanceCase[] {
  const files = readdirSync(CASES_DIR);
  const cases: ConformanceCase[] = [];
  for (const file of files.filter((f) => f.endsWith('.json5'))) {
    const name = file.slice(0, -'.json5'.length);
    const doc = JSON5.parse(readFileSync(path.join(CASES_DIR, file), 'utf8'));
    cases.push(makeCase(name, JSON.stringify(doc.EventPattern), doc.Event));
  }
  const pair = 'complex_multi_key_event';
  if (files.includes(`${pair}.json`)) {
    const pattern = readFileSync(path.join(CASES_DIR, `${pair}_pattern.json`), 'utf8');
    cases.push(
      makeCase(pair, pattern, JSON.parse(readFileSync(path.join(CASES_DIR, `${pair}.json`), 'utf8'))),
    );
  }
  return cases;
}

function makeCase(name: string, pattern: string, event: unknown): ConformanceCase {
  const outcome: Outcome = name.endsWith('_EXC') ? 'invalid' : name.endsWith('_NEG') ? 'no-match' : 'match';
  return { name, pattern, event, eventJson: JSON.stringify(event), outcome };
}
