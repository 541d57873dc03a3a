import { validationError } from '../../server/aws-error.js';
import type { BusContext } from '../context.js';
import type { Ingestor } from '../ingestor.js';
import { asInput, type Input, requiredArray, requiredString } from '../input.js';

export function putEvents(ingestor: Ingestor, input: Input) {
  return ingestor.putEvents(requiredArray(input, 'Entries', 1, 10));
}

function parseJsonMember(input: Input, name: string): unknown {
  const text = requiredString(input, name);
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw validationError(`Parameter ${name} is not valid.`, { cause });
  }
}

const REQUIRED_EVENT_FIELDS = ['id', 'account', 'source', 'time', 'region', 'detail-type'];

export function testEventPattern(ctx: BusContext, input: Input) {
  const event = parseJsonMember(input, 'Event');
  const pattern = requiredString(input, 'EventPattern');
  const fields = asInput(event);
  const missing = REQUIRED_EVENT_FIELDS.filter((f) => fields[f] === undefined);
  if (missing.length > 0) {
    throw validationError(
      `Parameter Event is not valid. Reason: missing required field(s) ${missing.join(', ')}.`,
    );
  }
  ctx.patterns.validate(pattern);
  return { Result: ctx.patterns.test(pattern, event) };
}
