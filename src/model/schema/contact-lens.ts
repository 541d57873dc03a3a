import { type Static, Type } from '@sinclair/typebox';
import { OPEN, Opaque } from './primitives.js';

const Strings = (description: string) => Type.Array(Type.String(), { description });

export const RedactionConfigurationSchema = Type.Object(
  {
    behavior: Type.Optional(Type.String({ description: 'Enable or Disable.' })),
    policy: Type.Optional(Type.String({ description: 'For example RedactedAndOriginal.' })),
    entities: Type.Optional(Strings('The entity types redacted, for example EMAIL.')),
    maskMode: Type.Optional(Type.String({ description: 'For example EntityType.' })),
  },
  { ...OPEN, title: 'RedactionConfiguration' },
);

export const ConversationalAnalyticsConfigurationSchema = Type.Object(
  {
    enabled: Type.Optional(Type.Boolean()),
    channelConfiguration: Type.Optional(
      Type.Object(
        { analyticsModes: Type.Optional(Strings('For example RealTime, PostContact.')) },
        { ...OPEN, title: 'ChannelConfiguration' },
      ),
    ),
    languageLocale: Type.Optional(Type.String({ description: 'For example en-US.' })),
    redactionConfiguration: Type.Optional(RedactionConfigurationSchema),
    summaryConfiguration: Type.Optional(Opaque('Contact summary settings.')),
  },
  { ...OPEN, title: 'ConversationalAnalyticsConfiguration' },
);

export const ContactLensSchema = Type.Object(
  {
    conversationalAnalytics: Type.Optional(
      Type.Object(
        { configuration: Type.Optional(ConversationalAnalyticsConfigurationSchema) },
        { ...OPEN, title: 'ConversationalAnalytics' },
      ),
    ),
  },
  { ...OPEN, title: 'ContactLens', description: 'Contact Lens settings, when Contact Lens is enabled.' },
);
export type ContactLens = Static<typeof ContactLensSchema>;
