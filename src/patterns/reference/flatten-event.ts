import type { Scalar } from '../ast.js';
import { ImpreciseNumber } from './parse-json-text.js';

/** A leaf value as the reference sees it. */
export type Leaf = Scalar | ImpreciseNumber;

/**
 * Every leaf value of an event under its dot-joined path. Array elements sit at the path of the array
 * (arrays of arrays flatten too), and objects inside arrays carry on under that path. Written for
 * clarity, not speed: the reference interpreter's view of an event.
 */
export function flattenEvent(event: unknown): Map<string, Leaf[]> {
  const out = new Map<string, Leaf[]>();
  if (event !== null && typeof event === 'object' && !Array.isArray(event)) visit(event, undefined, out);
  return out;
}

function visit(value: unknown, path: string | undefined, out: Map<string, Leaf[]>): void {
  if (Array.isArray(value)) {
    for (const element of value) visit(element, path, out);
  } else if (value !== null && typeof value === 'object' && !(value instanceof ImpreciseNumber)) {
    for (const [key, child] of Object.entries(value)) {
      visit(child, path === undefined ? key : `${path}.${key}`, out);
    }
  } else if (path !== undefined) {
    const list = out.get(path);
    if (list) list.push(value as Leaf);
    else out.set(path, [value as Leaf]);
  }
}
