import type { Contact } from './contact.js';
import type { ContactEventDetail, EventType, UpdatedProperty } from './event-types.js';

/**
 * The `detail` of one event: the contact as it stands now. Only fields the contact has reached are
 * present (absent, not null or a placeholder); nested objects are the contact's own, which are replaced
 * and never mutated, so the event keeps them as they were.
 */
export function contactDetail(
  c: Contact,
  instanceArn: string,
  eventType: EventType,
  updatedProperties?: UpdatedProperty[],
): ContactEventDetail {
  const d = {
    eventType,
    contactId: c.id,
    channel: c.channel,
    instanceArn,
    initiationMethod: c.method,
    // Campaign calls: INITIATED keeps the moment of creation, later events the call's start.
    initiationTimestamp:
      eventType === 'INITIATED' && c.firstInitiationIso ? c.firstInitiationIso : c.initiationIso,
  } as ContactEventDetail;
  if (c.initialContactId) d.initialContactId = c.initialContactId;
  if (c.previousContactId) d.previousContactId = c.previousContactId;
  if (c.relatedContactId) d.relatedContactId = c.relatedContactId;
  if (c.connectedToSystemIso) d.connectedToSystemTimestamp = c.connectedToSystemIso;
  if (c.disconnectIso) d.disconnectTimestamp = c.disconnectIso;
  if (c.scheduledIso) d.scheduledTimestamp = c.scheduledIso;
  if (updatedProperties) d.updatedProperties = updatedProperties;
  if (c.queueInfo) d.queueInfo = c.queueInfo;
  if (c.agentInfo) d.agentInfo = c.agentInfo;
  if (c.greeting) d.customerVoiceActivity = c.greeting;
  if (c.campaign) d.campaign = c.campaign;
  if (c.amdStatus) d.answeringMachineDetectionStatus = c.amdStatus;
  if (c.disconnectReason) d.disconnectReason = c.disconnectReason;
  d.tags = c.tags;
  if (c.segmentAttributes) d.segmentAttributes = c.segmentAttributes;
  if (c.contactLens) d.contactLens = c.contactLens;
  if (c.routingCriteria) d.routingCriteria = c.routingCriteria;
  if (c.stateTransitions) d.stateTransitions = c.stateTransitions;
  return d;
}
