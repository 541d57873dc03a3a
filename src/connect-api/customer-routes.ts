import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { invalidParameter } from './errors.js';
import { type ApiContext, addOperation } from './operation.js';
import { validator } from './validate.js';

/** The customer's side: an inbound call to a flow, a queued caller asking for a callback. */
export function customerRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const { engine } = ctx;
  const instanceId = engine.center.instanceId;

  addOperation(
    app,
    ctx,
    {
      method: 'POST',
      url: '/emulator/inbound-voice',
      body: validator(Type.Object({ ContactFlowId: Type.String({ minLength: 1 }) })),
    },
    ({ body }) => ({
      ContactId: engine.startInboundVoiceContact({ instanceId, contactFlowId: body.ContactFlowId }).contactId,
    }),
  );

  addOperation(
    app,
    ctx,
    {
      method: 'POST',
      url: '/emulator/contacts/:ContactId/callback',
      params: validator(Type.Object({ ContactId: Type.String({ minLength: 1 }) })),
      body: validator(Type.Object({ DelaySeconds: Type.Optional(Type.Integer({ minimum: 0 })) })),
    },
    ({ params, body }) => ({
      ContactId: engine.requestCallback({
        instanceId,
        contactId: params.ContactId,
        delaySeconds: body.DelaySeconds,
      }).contactId,
    }),
  );
}

/** Moves the virtual clock: only for an instance that no runner paces (tests, scripted demos). */
export function clockRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const { clock } = ctx.engine;
  addOperation(
    app,
    ctx,
    {
      method: 'GET',
      url: '/emulator/clock',
    },
    () => ({ Now: new Date(clock.now()).toISOString() }),
  );
  addOperation(
    app,
    ctx,
    {
      method: 'POST',
      url: '/emulator/clock/advance',
      body: validator(Type.Object({ Seconds: Type.Number({ minimum: 0, maximum: 90 * 86_400 }) })),
    },
    ({ body }) => {
      if (!Number.isFinite(body.Seconds)) throw invalidParameter('Seconds must be a finite number');
      clock.runUntil(clock.now() + Math.round(body.Seconds * 1000));
      return { Now: new Date(clock.now()).toISOString() };
    },
  );
}
