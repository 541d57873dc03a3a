import { Type } from '@sinclair/typebox';
import { ApiDestinationTargetSpecSchema } from './api-destination/schema.js';
import { FileTargetSpecSchema } from './file/schema.js';
import { FunctionTargetSpecSchema } from './function/schema.js';
import { WebhookTargetSpecSchema } from './webhook/schema.js';

/** JSON Schema of every target spec, discriminated by `kind`. */
export const TargetSpecSchema = Type.Union([
  ApiDestinationTargetSpecSchema,
  WebhookTargetSpecSchema,
  FileTargetSpecSchema,
  FunctionTargetSpecSchema,
]);
