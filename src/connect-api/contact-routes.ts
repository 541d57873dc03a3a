import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { InvalidRequestError, type RoutingCriteriaInput } from '../emulator/index.js';
import { contactNotFound, limitExceeded } from './errors.js';
import { type ApiContext, addOperation } from './operation.js';
import * as S from './schemas.js';
import { validator } from './validate.js';
import { camelKeys, timestampMs } from './wire.js';

/** The calls on a contact: Stop, Transfer, the Update* calls, Pause/Resume, Monitor, tags, DescribeContact. */
export function contactRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const { engine } = ctx;

  addOperation(
    app,
    ctx,
    {
      method: 'POST',
      url: '/contact/stop',
      body: validator(S.StopContactBody),
    },
    ({ body: b }) => {
      const ref = { instanceId: b.InstanceId, contactId: b.ContactId };
      try {
        engine.stopContact({
          ...ref,
          disconnectReason: b.DisconnectReason && { code: b.DisconnectReason.Code },
        });
      } catch (error) {
        throw stopError(error, () => engine.describeContact(ref));
      }
    },
  );

  addOperation(
    app,
    ctx,
    {
      method: 'POST',
      url: '/contact/transfer',
      idempotent: 'TransferContact',
      body: validator(S.TransferContactBody),
      invalidAs: 'InvalidRequestException',
    },
    ({ body: b }) => {
      const out = engine.transferContact({
        instanceId: b.InstanceId,
        contactId: b.ContactId,
        contactFlowId: b.ContactFlowId,
        queueId: b.QueueId,
        userId: b.UserId,
      });
      return { ContactId: out.contactId, ContactArn: out.contactArn };
    },
  );

  addOperation(
    app,
    ctx,
    {
      method: 'POST',
      url: '/contact/attributes',
      body: validator(S.UpdateContactAttributesBody),
    },
    ({ body: b }) =>
      engine.updateContactAttributes({
        instanceId: b.InstanceId,
        initialContactId: b.InitialContactId,
        attributes: b.Attributes,
      }),
  );

  addOperation(
    app,
    ctx,
    {
      method: 'POST',
      url: '/contact/schedule',
      body: validator(S.UpdateContactScheduleBody),
    },
    ({ body: b }) =>
      engine.updateContactSchedule({
        instanceId: b.InstanceId,
        contactId: b.ContactId,
        scheduledTime: timestampMs(b.ScheduledTime, 'ScheduledTime'),
      }),
  );

  addOperation(
    app,
    ctx,
    {
      method: 'POST',
      url: '/contact/pause',
      body: validator(S.PauseResumeBody),
    },
    ({ body: b }) => {
      try {
        engine.pauseContact({
          instanceId: b.InstanceId,
          contactId: b.ContactId,
          contactFlowId: b.ContactFlowId,
        });
      } catch (error) {
        throw pauseError(error);
      }
    },
  );

  addOperation(
    app,
    ctx,
    {
      method: 'POST',
      url: '/contact/resume',
      body: validator(S.PauseResumeBody),
    },
    ({ body: b }) =>
      engine.resumeContact({
        instanceId: b.InstanceId,
        contactId: b.ContactId,
        contactFlowId: b.ContactFlowId,
      }),
  );

  addOperation(
    app,
    ctx,
    {
      method: 'POST',
      url: '/contacts/:InstanceId/:ContactId/routing-data',
      params: validator(S.ContactParams),
      body: validator(S.UpdateContactRoutingDataBody),
    },
    ({ params: p, body: b }) =>
      engine.updateContactRoutingData({
        instanceId: p.InstanceId,
        contactId: p.ContactId,
        queueTimeAdjustmentSeconds: b.QueueTimeAdjustmentSeconds,
        queuePriority: b.QueuePriority,
        routingCriteria: b.RoutingCriteria && routingCriteria(b.RoutingCriteria),
      }),
  );

  addOperation(
    app,
    ctx,
    {
      method: 'POST',
      url: '/contact/monitor',
      idempotent: 'MonitorContact',
      body: validator(S.MonitorContactBody),
    },
    ({ body: b }) => {
      // The supervisor joins silently; AllowedMonitorCapabilities says what they may do later, not what they do now.
      const out = engine.monitorContact({
        instanceId: b.InstanceId,
        contactId: b.ContactId,
        userId: b.UserId,
      });
      return { ContactId: out.contactId, ContactArn: out.contactArn };
    },
  );

  addOperation(
    app,
    ctx,
    {
      method: 'POST',
      url: '/contact/tags',
      body: validator(S.TagContactBody),
    },
    ({ body: b }) => engine.tagContact({ instanceId: b.InstanceId, contactId: b.ContactId, tags: b.Tags }),
  );

  addOperation(
    app,
    ctx,
    {
      method: 'DELETE',
      url: '/contact/tags/:InstanceId/:ContactId',
      params: validator(S.ContactParams),
      query: validator(
        Type.Object({ TagKeys: Type.Array(S.TagKey, { minItems: 1, maxItems: S.MAX_TAGS }) }),
        {
          coerce: true,
        },
      ),
    },
    ({ params: p, query: q }) =>
      engine.untagContact({ instanceId: p.InstanceId, contactId: p.ContactId, tagKeys: q.TagKeys }),
  );

  addOperation(
    app,
    ctx,
    {
      method: 'GET',
      url: '/contacts/:InstanceId/:ContactId',
      params: validator(S.ContactParams),
    },
    ({ params: p }) => {
      const { State: _state, ...contact } = engine.describeContact({
        instanceId: p.InstanceId,
        contactId: p.ContactId,
      });
      return { Contact: contact };
    },
  );
}

function routingCriteria(
  input: NonNullable<S.UpdateContactRoutingDataBody['RoutingCriteria']>,
): RoutingCriteriaInput {
  return camelKeys({ Steps: input.Steps ?? [] }) as RoutingCriteriaInput;
}

/** StopContact on a call that has already ended is ContactNotFoundException, as the service answers for voice. */
function stopError(error: unknown, describe: () => { State: string; Channel: string }): unknown {
  if (!(error instanceof InvalidRequestError)) return error;
  const { State, Channel } = describe();
  const ended = State === 'ENDED' || State === 'ACW';
  return ended && Channel === 'VOICE' ? contactNotFound(error.message, error) : error;
}

/** The eleventh pause: the task's pause limit is exceeded. */
function pauseError(error: unknown): unknown {
  if (error instanceof InvalidRequestError && /at most 10/.test(error.message)) {
    return limitExceeded(error.message, error);
  }
  return error;
}
