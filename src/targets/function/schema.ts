import { type Static, Type } from '@sinclair/typebox';

export const FunctionTargetSpecSchema = Type.Object(
  {
    kind: Type.Literal('function'),
    module: Type.String({
      minLength: 1,
      description: 'Path of a JavaScript or TypeScript module (TypeScript needs `tsx` installed).',
      examples: ['./functions/on-contact.js'],
    }),
    handler: Type.Optional(
      Type.String({
        default: 'handler',
        description: 'Name of the exported function, called as (event, context).',
      }),
    ),
    timeoutMs: Type.Optional(
      Type.Integer({ minimum: 1, default: 3000, description: 'Time allowed per invocation, in ms.' }),
    ),
    memoryMb: Type.Optional(
      Type.Integer({ minimum: 16, default: 256, description: 'Heap limit of each isolate, in MB.' }),
    ),
    concurrency: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 64,
        default: 2,
        description: 'Isolates running invocations at once.',
      }),
    ),
  },
  { description: 'Runs an exported handler, Lambda-style, in an isolated child process.' },
);
export type FunctionTargetSpec = Static<typeof FunctionTargetSpecSchema>;
