/**
 * The same text, made flat. V8 keeps a concatenation as a tree of its parts, and a tree copied into many
 * lines of output is walked again each time; converting the text to a number flattens it in place, once.
 */
export function flat(text: string): string {
  Number(text);
  return text;
}
