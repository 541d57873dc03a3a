import { type Static, Type } from '@sinclair/typebox';

export const FileTargetSpecSchema = Type.Object(
  {
    kind: Type.Literal('file'),
    path: Type.String({
      minLength: 1,
      description: 'NDJSON file events are appended to, one line each; missing folders are created.',
      examples: ['./data/out/contacts.ndjson'],
    }),
  },
  { description: 'Appends each event as one line of a local NDJSON file, flushed to disk before success.' },
);
export type FileTargetSpec = Static<typeof FileTargetSpecSchema>;
