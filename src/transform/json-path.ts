/**
 * The JSONPath subset EventBridge evaluates in InputPath and InputPathsMap: `$`, dot-notation members
 * (letters, digits, `-`, `_`, `/`, `:`, `@` and similar), array indices `[n]` and wildcards (`.*`, `[*]`).
 * Bracket-quoted members (`['a']`), filters, slices and recursive descent (`..`) are not supported,
 * as in EventBridge.
 */

type Step = { kind: 'member'; name: string } | { kind: 'index'; index: number } | { kind: 'wildcard' };

export interface JsonPath {
  readonly source: string;
  readonly steps: readonly Step[];
  /** A path with a wildcard yields an array of every match; any other yields one value. */
  readonly multi: boolean;
}

const MEMBER = /^[^.[\]\s'"*<>]+/;
const INDEX = /^\[(\d+)\]/;

/** Parses a path; answers the reason when it is not in the supported subset. */
export function parseJsonPath(source: string): JsonPath | { error: string } {
  if (!source.startsWith('$')) return { error: 'must start with $' };
  const steps: Step[] = [];
  let rest = source.slice(1);
  while (rest.length > 0) {
    const step = nextStep(rest);
    if ('error' in step) return step;
    steps.push(step.step);
    rest = rest.slice(step.length);
  }
  return { source, steps, multi: steps.some((s) => s.kind === 'wildcard') };
}

function nextStep(rest: string): { step: Step; length: number } | { error: string } {
  if (rest.startsWith('[*]')) return { step: { kind: 'wildcard' }, length: 3 };
  const index = INDEX.exec(rest);
  if (index) return { step: { kind: 'index', index: Number(index[1]) }, length: index[0].length };
  if (!rest.startsWith('.')) return { error: `unexpected ${JSON.stringify(rest[0])}` };
  if (rest.startsWith('.*')) return { step: { kind: 'wildcard' }, length: 2 };
  const member = MEMBER.exec(rest.slice(1));
  if (!member) return { error: `empty or invalid member name after ${JSON.stringify('.')}` };
  return { step: { kind: 'member', name: member[0] }, length: member[0].length + 1 };
}

/** Evaluates a path; `undefined` when nothing matches. */
export function evaluateJsonPath(path: JsonPath, root: unknown): unknown {
  if (!path.multi) return evaluateSingle(path.steps, root);
  let current: unknown[] = [root];
  for (const step of path.steps) {
    current = current.flatMap((value) => apply(step, value));
    if (current.length === 0) break;
  }
  if (path.multi) return current.length > 0 ? current : undefined;
  return current[0];
}

/** The common case, without wildcards: one walk, no arrays allocated. */
function evaluateSingle(steps: readonly Step[], root: unknown): unknown {
  let value = root;
  for (const step of steps) {
    if (value === null || typeof value !== 'object') return undefined;
    if (step.kind === 'index') {
      if (!Array.isArray(value) || step.index >= value.length) return undefined;
      value = value[step.index];
    } else if (step.kind === 'member') {
      if (Array.isArray(value) || !Object.hasOwn(value, step.name)) return undefined;
      value = (value as Record<string, unknown>)[step.name];
    }
  }
  return value;
}

function apply(step: Step, value: unknown): unknown[] {
  if (value === null || typeof value !== 'object') return [];
  if (step.kind === 'wildcard') return Array.isArray(value) ? value : Object.values(value);
  if (step.kind === 'index')
    return Array.isArray(value) && step.index < value.length ? [value[step.index]] : [];
  if (Array.isArray(value) || !Object.hasOwn(value, step.name)) return [];
  return [(value as Record<string, unknown>)[step.name]];
}
