import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { loadFixtures } from './fixtures/fixtures.test-helpers.js';
import { contactEventJsonSchema } from './index.js';

describe('contactEventJsonSchema', () => {
  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(contactEventJsonSchema))).toEqual(contactEventJsonSchema);
  });

  it('lets another validator accept every canonical fixture and reject a broken event', () => {
    const validate = new Ajv({ strict: false }).compile(contactEventJsonSchema);
    const events = [...loadFixtures('seed-'), ...loadFixtures('quirk-')].flatMap((f) =>
      Array.isArray(f.canonical) ? f.canonical : [f.canonical],
    );
    for (const event of events) expect(validate(event), JSON.stringify(validate.errors)).toBe(true);
    const broken = structuredClone(events[0]) as { detail: { contactId: string } };
    broken.detail.contactId = 'x'.repeat(257);
    expect(validate(broken)).toBe(false);
  });

  it('lists the documented values of the open enumerations', () => {
    const detail = (
      contactEventJsonSchema as { properties: { detail: { properties: Record<string, object> } } }
    ).properties.detail;
    expect(detail.properties.channel).toMatchObject({ 'x-known-values': ['VOICE', 'CHAT', 'TASK', 'EMAIL'] });
  });
});
