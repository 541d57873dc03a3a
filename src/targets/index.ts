/**
 * Targets of the event bus: where a matched event goes. Each target is created from a serialisable spec,
 * delivers one rendered event per call and classifies the result so the delivery engine knows whether to
 * retry, wait (Retry-After), dead-letter or disable.
 */
import { createApiDestinationTarget } from './api-destination/api-destination-target.js';
import { readsEvent } from './api-destination/request.js';
import type { ApiDestinationTargetSpec } from './api-destination/schema.js';
import { TargetConfigError } from './errors.js';
import { createFileTarget } from './file/file-target.js';
import type { FileTargetSpec } from './file/schema.js';
import { createFunctionTarget } from './function/function-target.js';
import type { FunctionTargetSpec } from './function/schema.js';
import type { Target, TargetOptions } from './target.js';
import type { WebhookTargetSpec } from './webhook/schema.js';
import { createWebhookTarget } from './webhook/webhook-target.js';

export type {
  ApiDestinationConfig,
  ApiDestinationTargetSpec,
  ConnectionConfig,
  ConnectionHttpParameters,
  HttpParameters,
} from './api-destination/schema.js';
export {
  API_DESTINATION_METHODS,
  ApiDestinationConfigSchema,
  ApiDestinationTargetSpecSchema,
  ConnectionConfigSchema,
  HttpParametersSchema,
} from './api-destination/schema.js';
export { type Clock, ManualClock, systemClock, type TimerHandle } from './clock.js';
export { TargetConfigError } from './errors.js';
export { FileTargetSpecSchema } from './file/schema.js';
export { FunctionTargetSpecSchema } from './function/schema.js';
export { ErrorCodes } from './http/classify.js';
export { isLoopbackOrPrivateHost } from './http/endpoint-policy.js';
export { createHttpPool, type HttpPoolOptions } from './http/http-pool.js';
export { RateLimiters } from './http/rate-limiters.js';
export { parseRetryAfter } from './http/retry-after.js';
export { TargetSpecSchema } from './spec-schema.js';
export type { DeliveryFailure, DeliveryOutcome, DeliveryRequest, Target, TargetOptions } from './target.js';
export { WebhookTargetSpecSchema } from './webhook/schema.js';
export {
  decodeSecret,
  signatureHeaders,
  verifyWebhook,
  WebhookVerificationError,
} from './webhook/signing.js';
export type {
  ApiDestinationTargetSpec as ApiDestinationSpec,
  FileTargetSpec,
  FunctionTargetSpec,
  WebhookTargetSpec,
};

/** Every kind of target, as a serialisable spec (see {@link TargetSpecSchema} for the JSON Schema). */
export type TargetSpec = ApiDestinationTargetSpec | WebhookTargetSpec | FileTargetSpec | FunctionTargetSpec;

/**
 * True when deliveries to this target need the original event beside the rendered body: an API
 * destination whose HTTP parameters are JSONPaths (`$.detail.contactId`).
 */
export function needsOriginalEvent(spec: TargetSpec): boolean {
  return spec.kind === 'api-destination' && readsEvent(spec.httpParameters);
}

/** Builds the target a spec describes. Throws {@link TargetConfigError} when the spec cannot work. */
export function createTarget(spec: TargetSpec, options: TargetOptions = {}): Target {
  switch (spec.kind) {
    case 'api-destination':
      return createApiDestinationTarget(spec, options);
    case 'webhook':
      return createWebhookTarget(spec, options);
    case 'file':
      return createFileTarget(spec);
    case 'function':
      return createFunctionTarget(spec, options);
    default:
      throw new TargetConfigError(`unknown target kind ${JSON.stringify((spec as { kind?: unknown }).kind)}`);
  }
}
