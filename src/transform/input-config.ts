/** What a PutTargets target says about its input: at most one of the three. */
export interface TargetInputConfig {
  Id?: string;
  Input?: string;
  InputPath?: string;
  InputTransformer?: InputTransformer;
}

export interface InputTransformer {
  InputPathsMap?: Record<string, string>;
  InputTemplate: string;
}

/** The values of the predefined placeholders. */
export interface RenderContext {
  ruleArn: string;
  ruleName: string;
  /** ISO 8601 time the bus received the event. */
  ingestionTime: string;
}

/** Renders the input of one target for one event. */
export type InputRenderer = (event: object, context: RenderContext) => string;

export const PREDEFINED_PLACEHOLDERS = [
  'aws.events.rule-arn',
  'aws.events.rule-name',
  'aws.events.event',
  'aws.events.event.ingestion-time',
  'aws.events.event.json',
] as const;

export const MAX_INPUT_PATHS = 100;
export const MAX_TEMPLATE_LENGTH = 8192;
export const MAX_PATH_LENGTH = 256;
