import { ValidationException } from './errors.js';
import {
  type InputTransformer,
  MAX_INPUT_PATHS,
  MAX_PATH_LENGTH,
  MAX_TEMPLATE_LENGTH,
  PREDEFINED_PLACEHOLDERS,
  type TargetInputConfig,
} from './input-config.js';
import { parseJsonPath } from './json-path.js';
import { type CompiledTemplate, compileTemplate, fillTemplate } from './template.js';

const KEY = /^[A-Za-z0-9_-]+$/;

/** Checks a target's input as PutTargets does; throws {@link ValidationException} with the reason. */
export function validateTargetInput(target: TargetInputConfig): void {
  const id = target.Id ?? '';
  const given = [target.Input, target.InputPath, target.InputTransformer].filter((x) => x !== undefined);
  if (given.length > 1) {
    throw new ValidationException(
      `Only one of Input, InputPath, or InputTransformer must be provided for target ${id}.`,
    );
  }
  if (target.Input !== undefined && !isJson(target.Input)) {
    throw new ValidationException(`Input for target ${id} is not a valid JSON text.`);
  }
  if (target.InputPath !== undefined) checkPath(target.InputPath, `InputPath for target ${id}`);
  if (target.InputTransformer) validateInputTransformer(target.InputTransformer, id);
}

/** Checks an InputTransformer as PutTargets does; throws {@link ValidationException} with the reason. */
export function validateInputTransformer(transformer: InputTransformer, targetId = ''): void {
  const map = transformer.InputPathsMap ?? {};
  const keys = Object.keys(map);
  if (keys.length > MAX_INPUT_PATHS) {
    throw new ValidationException(
      `InputPathsMap of target ${targetId} has ${keys.length} entries; at most ${MAX_INPUT_PATHS} are allowed.`,
    );
  }
  for (const key of keys) checkKey(key, targetId);
  for (const [key, path] of Object.entries(map))
    checkPath(path, `InputPathsMap key ${key} of target ${targetId}`);
  checkTemplate(transformer.InputTemplate, new Set(keys), targetId);
}

function checkKey(key: string, targetId: string): void {
  if ((PREDEFINED_PLACEHOLDERS as readonly string[]).includes(key) || key.startsWith('aws.')) {
    throw new ValidationException(`InputTransformer for target ${targetId} uses the reserved key ${key}.`);
  }
  if (!KEY.test(key) || key.length > MAX_PATH_LENGTH) {
    throw new ValidationException(
      `InputPathsMap key ${JSON.stringify(key)} of target ${targetId} must match [A-Za-z0-9_-]+ and be at most ${MAX_PATH_LENGTH} characters.`,
    );
  }
}

function checkPath(path: string, what: string): void {
  const parsed =
    path.length > MAX_PATH_LENGTH ? { error: 'longer than 256 characters' } : parseJsonPath(path);
  if ('error' in parsed) {
    throw new ValidationException(`${what} is not a valid JSON path: ${path} (${parsed.error}).`);
  }
}

function checkTemplate(template: unknown, keys: Set<string>, targetId: string): void {
  if (typeof template !== 'string' || template.length < 1 || template.length > MAX_TEMPLATE_LENGTH) {
    throw new ValidationException(
      `InputTemplate of target ${targetId} must be 1 to ${MAX_TEMPLATE_LENGTH} characters long.`,
    );
  }
  const compiled = compileTemplate(template, new Set([...keys, ...PREDEFINED_PLACEHOLDERS]));
  if (compiled.json) checkJsonTemplate(compiled, targetId);
}

/** A JSON template must be JSON once filled, and a placeholder may not be an object key. */
function checkJsonTemplate(compiled: CompiledTemplate, targetId: string): void {
  const marker = '\u2063placeholder\u2063';
  const filled = fillTemplate(compiled, () => marker);
  let parsed: unknown;
  try {
    parsed = JSON.parse(filled);
  } catch (cause) {
    throw new ValidationException(`InputTemplate for target ${targetId} is not a valid JSON text.`, {
      cause,
    });
  }
  if (hasKeyContaining(parsed, marker)) {
    throw new ValidationException(
      `InputTemplate for target ${targetId} contains a placeholder as a JSON key.`,
    );
  }
}

function hasKeyContaining(value: unknown, marker: string): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((v) => hasKeyContaining(v, marker));
  return Object.entries(value).some(([k, v]) => k.includes(marker) || hasKeyContaining(v, marker));
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
