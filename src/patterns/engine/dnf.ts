import type { FieldTest, PatternTree } from '../ast.js';

/**
 * Expands `$or` into disjunctive normal form: a list of conjunctions, each a list of field tests that
 * must all hold. The engine indexes conjunctions; the reference interpreter keeps the tree. The size is
 * bounded when the pattern is compiled (`countConjunctions`).
 */
export function toConjunctions(tree: PatternTree): FieldTest[][] {
  let result: FieldTest[][] = [[...tree.fields]];
  for (const branches of tree.ors) {
    const expanded = branches.flatMap(toConjunctions);
    const next: FieldTest[][] = [];
    for (const left of result) for (const right of expanded) next.push([...left, ...right]);
    result = next;
  }
  return result;
}

/** How many conjunctions `toConjunctions` would produce, without producing them. */
export function countConjunctions(tree: PatternTree): number {
  let count = 1;
  for (const branches of tree.ors) {
    let sum = 0;
    for (const b of branches) sum += countConjunctions(b);
    count *= sum;
  }
  return count;
}
