/**
 * InputTemplate substitution with EventBridge's semantics. A template whose text starts with `{` or `[`
 * is a JSON template: a placeholder outside a JSON string becomes the value as JSON (strings quoted,
 * a missing value `null`); inside a JSON string it becomes the value's text, unescaped as EventBridge
 * does (objects and arrays as JSON text, a missing value nothing). Any other template (typically a quoted
 * string) is text: each placeholder becomes the value's text. Placeholders that name no variable stay
 * as they are.
 */

export type TemplateSegment = string | { name: string; quoted: boolean };

export interface CompiledTemplate {
  readonly json: boolean;
  readonly segments: readonly TemplateSegment[];
}

const PLACEHOLDER = /^<([A-Za-z0-9_.-]+)>/;

/**
 * Splits a template into literal text and the placeholders of `names`. A JSON template loses its
 * whitespace outside strings here, once, so that filled templates come out minified, as EventBridge
 * sends them, without parsing each result.
 */
export function compileTemplate(template: string, names: ReadonlySet<string>): CompiledTemplate {
  const json = /^\s*[{[]/.test(template);
  const segments: TemplateSegment[] = [];
  let literal = '';
  let inString = false;
  for (let i = 0; i < template.length; i++) {
    const ch = template[i];
    const match = ch === '<' ? PLACEHOLDER.exec(template.slice(i)) : null;
    if (match && names.has(match[1])) {
      if (literal) segments.push(literal);
      literal = '';
      segments.push({ name: match[1], quoted: json && inString });
      i += match[0].length - 1;
      continue;
    }
    if (json && !inString && (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r')) continue;
    literal += ch;
    if (!json) continue;
    if (ch === '\\' && inString) {
      literal += template[i + 1] ?? '';
      i++;
    } else if (ch === '"') {
      inString = !inString;
    }
  }
  if (literal) segments.push(literal);
  return { json, segments };
}

/** Fills a compiled template; `lookup` answers `undefined` for a variable whose path matched nothing. */
export function fillTemplate(compiled: CompiledTemplate, lookup: (name: string) => unknown): string {
  let out = '';
  for (const segment of compiled.segments) {
    if (typeof segment === 'string') out += segment;
    else out += renderValue(lookup(segment.name), compiled.json && !segment.quoted);
  }
  return out;
}

/** A placeholder's text: JSON outside JSON strings, plain text elsewhere; nothing for a missing value. */
export function renderValue(value: unknown, asJson: boolean): string {
  if (asJson) return value === undefined ? 'null' : JSON.stringify(value);
  if (value === undefined || value === null) return value === null ? 'null' : '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
