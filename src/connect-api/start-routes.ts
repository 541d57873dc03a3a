import type { FastifyInstance } from 'fastify';
import type { SegmentAttributes } from '../emulator/event-types.js';
import { invalidParameter } from './errors.js';
import { type ApiContext, addOperation } from './operation.js';
import * as S from './schemas.js';
import { validator } from './validate.js';
import { segmentAttributes, timestampMs } from './wire.js';

/** The calls that start a contact: StartOutboundVoiceContact, StartChatContact, StartTaskContact. */
export function startRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const { engine } = ctx;

  addOperation(
    app,
    ctx,
    {
      method: 'PUT',
      url: '/contact/outbound-voice',
      idempotent: 'StartOutboundVoiceContact',
      body: validator(S.StartOutboundVoiceContactBody),
    },
    ({ body: b }) => {
      const { contactId } = engine.startOutboundVoiceContact({
        instanceId: b.InstanceId,
        contactFlowId: b.ContactFlowId,
        destinationPhoneNumber: b.DestinationPhoneNumber,
        queueId: b.QueueId,
        attributes: b.Attributes,
        campaignId: b.CampaignId,
        trafficType: b.TrafficType,
        answerMachineDetectionConfig: b.AnswerMachineDetectionConfig && {
          enableAnswerMachineDetection: b.AnswerMachineDetectionConfig.EnableAnswerMachineDetection,
        },
        relatedContactId: b.RelatedContactId,
        name: b.Name,
        description: b.Description,
      });
      return { ContactId: contactId };
    },
  );

  addOperation(
    app,
    ctx,
    {
      method: 'PUT',
      url: '/contact/chat',
      idempotent: 'StartChatContact',
      body: validator(S.StartChatContactBody),
    },
    ({ body: b }) => {
      const out = engine.startChatContact({
        instanceId: b.InstanceId,
        contactFlowId: b.ContactFlowId,
        participantDetails: { displayName: b.ParticipantDetails.DisplayName },
        attributes: b.Attributes,
        segmentAttributes: segmentAttributes<SegmentAttributes>(b.SegmentAttributes),
        relatedContactId: b.RelatedContactId,
      });
      return {
        ContactId: out.contactId,
        ParticipantId: out.participantId,
        ParticipantToken: out.participantToken,
      };
    },
  );

  addOperation(
    app,
    ctx,
    {
      method: 'PUT',
      url: '/contact/task',
      idempotent: 'StartTaskContact',
      body: validator(S.StartTaskContactBody),
    },
    ({ body: b }) => {
      const { contactId } = engine.startTaskContact({
        instanceId: b.InstanceId,
        contactFlowId: taskFlow(b),
        name: b.Name,
        description: b.Description,
        attributes: b.Attributes,
        scheduledTime:
          b.ScheduledTime === undefined ? undefined : timestampMs(b.ScheduledTime, 'ScheduledTime'),
        previousContactId: b.PreviousContactId,
        relatedContactId: b.RelatedContactId,
        segmentAttributes: segmentAttributes<SegmentAttributes>(b.SegmentAttributes),
      });
      return { ContactId: contactId };
    },
  );
}

/** The emulator runs tasks by flow; task templates and quick connects are not modelled. */
function taskFlow(b: S.StartTaskContactBody): string {
  const others = [b.TaskTemplateId && 'TaskTemplateId', b.QuickConnectId && 'QuickConnectId'].filter(Boolean);
  // The service needs exactly one way to find the task's flow, and refuses a call that gives more.
  if (b.ContactFlowId && others.length > 0) {
    throw invalidParameter(
      `give only one of ContactFlowId, ${others.join(', ')}: each names the flow to run`,
    );
  }
  if (b.ContactFlowId) return b.ContactFlowId;
  if (others.length > 0) {
    throw invalidParameter(
      'the emulator starts tasks by ContactFlowId; TaskTemplateId and QuickConnectId are not supported',
    );
  }
  throw invalidParameter(
    "1 validation error detected: Value null at 'ContactFlowId' failed to satisfy constraint: Member must not be null",
  );
}
