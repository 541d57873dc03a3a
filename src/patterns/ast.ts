/**
 * The validated form of an event pattern. Nested pattern objects are flattened into dot-joined field paths
 * (EventBridge treats `{"a":{"b":..}}` and `{"a.b":..}` alike), so every engine only ever sees paths.
 */
export type Scalar = string | number | boolean | null;

/** A numeric interval; an absent bound is unbounded. `=` is the closed interval [v, v]. */
export interface NumericRange {
  readonly lower?: number;
  readonly lowerOpen: boolean;
  readonly upper?: number;
  readonly upperOpen: boolean;
}

/** An IPv4 or IPv6 block: the address as bytes and how many leading bits must agree. */
export interface CidrBlock {
  readonly text: string;
  readonly bytes: Uint8Array;
  readonly bits: number;
}

export type AnythingBut =
  | { readonly of: 'values'; readonly values: ReadonlyArray<string | number> }
  | {
      readonly of: 'prefix' | 'suffix' | 'equals-ignore-case' | 'wildcard';
      readonly values: readonly string[];
    };

export type Matcher =
  | { readonly kind: 'exact'; readonly value: Scalar }
  | { readonly kind: 'prefix'; readonly value: string; readonly ignoreCase: boolean }
  | { readonly kind: 'suffix'; readonly value: string; readonly ignoreCase: boolean }
  | { readonly kind: 'equals-ignore-case'; readonly value: string }
  | { readonly kind: 'wildcard'; readonly value: string }
  | { readonly kind: 'numeric'; readonly range: NumericRange }
  | { readonly kind: 'exists'; readonly value: boolean }
  | { readonly kind: 'cidr'; readonly block: CidrBlock }
  | { readonly kind: 'anything-but'; readonly not: AnythingBut };

/** One field test: the field at `path` must satisfy at least one of `matchers`. */
export interface FieldTest {
  readonly path: string;
  readonly matchers: readonly Matcher[];
}

/**
 * A pattern: every field test holds AND, for each `$or` group, at least one of its branches holds.
 * Branch paths are absolute (already prefixed with the path of the object that held the `$or`).
 */
export interface PatternTree {
  readonly fields: readonly FieldTest[];
  readonly ors: ReadonlyArray<readonly PatternTree[]>;
}
