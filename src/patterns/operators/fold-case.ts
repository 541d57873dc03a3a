/**
 * The case folding behind every `equals-ignore-case` form. Lower-casing the whole string (rather than
 * comparing character by character) keeps the rule simple to state: two strings are equal ignoring case
 * when their lower-case forms are equal, and a prefix matches when the lower-case value starts with the
 * lower-case prefix.
 */
export function foldCase(value: string): string {
  return value.toLowerCase();
}
