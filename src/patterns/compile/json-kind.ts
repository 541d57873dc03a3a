/** The JSON type of a parsed value, as used in validation messages and dispatch. */
export type JsonKind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

export function jsonKind(value: unknown): JsonKind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const t = typeof value;
  if (t === 'string' || t === 'number' || t === 'boolean') return t;
  return 'object';
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return jsonKind(value) === 'object';
}
