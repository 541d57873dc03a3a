/** What a target receives: the event, a constant, a JSONPath into it, or an InputTransformer's output. */
export { ValidationException } from './errors.js';
export {
  type InputRenderer,
  type InputTransformer,
  MAX_INPUT_PATHS,
  MAX_TEMPLATE_LENGTH,
  PREDEFINED_PLACEHOLDERS,
  type RenderContext,
  type TargetInputConfig,
} from './input-config.js';
export { evaluateJsonPath, type JsonPath, parseJsonPath } from './json-path.js';
export { compileTargetInput, renderTargetInput } from './target-input.js';
export { validateInputTransformer, validateTargetInput } from './validate.js';
