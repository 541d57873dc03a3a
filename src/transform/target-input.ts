import {
  type InputRenderer,
  type InputTransformer,
  PREDEFINED_PLACEHOLDERS,
  type RenderContext,
  type TargetInputConfig,
} from './input-config.js';
import { evaluateJsonPath, type JsonPath, parseJsonPath } from './json-path.js';
import { compileTemplate, renderValue } from './template.js';
import { validateTargetInput } from './validate.js';

/**
 * Compiles a target's input once, to render many events: the bus caches the renderer per target.
 * Throws {@link ValidationException} for what PutTargets refuses.
 */
export function compileTargetInput(target: TargetInputConfig): InputRenderer {
  validateTargetInput(target);
  if (target.Input !== undefined) {
    const input = target.Input;
    return () => input;
  }
  if (target.InputPath !== undefined) {
    const path = parseJsonPath(target.InputPath) as JsonPath;
    return (event) => JSON.stringify(evaluateJsonPath(path, event) ?? null);
  }
  if (target.InputTransformer) return compileTransformer(target.InputTransformer);
  return (event) => JSON.stringify(event);
}

/** Renders what `target` receives for `event`: the event, `Input`, `InputPath` or `InputTransformer`. */
export function renderTargetInput(event: object, target: TargetInputConfig, context: RenderContext): string {
  return compileTargetInput(target)(event, context);
}

type Getter = (event: object, context: RenderContext) => unknown;
type Part = string | { get: Getter; asJson: boolean };

function compileTransformer(transformer: InputTransformer): InputRenderer {
  const paths = new Map<string, JsonPath>();
  for (const [key, source] of Object.entries(transformer.InputPathsMap ?? {})) {
    paths.set(key, parseJsonPath(source) as JsonPath);
  }
  const template = compileTemplate(
    transformer.InputTemplate,
    new Set([...paths.keys(), ...PREDEFINED_PLACEHOLDERS]),
  );
  // Resolve each placeholder to its getter once, so rendering is one pass of string concatenation.
  const parts: Part[] = template.segments.map((segment) =>
    typeof segment === 'string'
      ? segment
      : { get: getter(segment.name, paths), asJson: template.json && !segment.quoted },
  );
  return (event, context) => {
    let out = '';
    for (const part of parts)
      out += typeof part === 'string' ? part : renderValue(part.get(event, context), part.asJson);
    return out;
  };
}

function getter(name: string, paths: Map<string, JsonPath>): Getter {
  const path = paths.get(name);
  if (path) return (event) => evaluateJsonPath(path, event);
  switch (name) {
    case 'aws.events.rule-arn':
      return (_e, context) => context.ruleArn;
    case 'aws.events.rule-name':
      return (_e, context) => context.ruleName;
    case 'aws.events.event.ingestion-time':
      return (_e, context) => context.ingestionTime;
    case 'aws.events.event.json':
      return (event) => event;
    default:
      return (event) => {
        const { detail: _detail, ...rest } = event as Record<string, unknown>;
        return rest;
      };
  }
}
