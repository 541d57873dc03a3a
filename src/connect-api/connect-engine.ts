import type { Emulator } from '../emulator/index.js';

/**
 * What the HTTP API needs from the emulated instance: one method per Amazon Connect call and per agent
 * action, the center it serves, its virtual clock and the events it has emitted.
 */
export type ConnectEngine = Pick<
  Emulator,
  | 'center'
  | 'clock'
  | 'takeEvents'
  | 'startOutboundVoiceContact'
  | 'startChatContact'
  | 'startTaskContact'
  | 'startInboundVoiceContact'
  | 'startAgentOutbound'
  | 'requestCallback'
  | 'stopContact'
  | 'transferContact'
  | 'updateContactAttributes'
  | 'updateContactSchedule'
  | 'pauseContact'
  | 'resumeContact'
  | 'updateContactRoutingData'
  | 'tagContact'
  | 'untagContact'
  | 'describeContact'
  | 'monitorContact'
  | 'addExternalParticipant'
  | 'describeInstance'
  | 'listInstances'
  | 'listQueues'
  | 'listContactFlows'
  | 'listUsers'
  | 'listAgentStatuses'
  | 'setAgentStatus'
  | 'accept'
  | 'hold'
  | 'resumeHold'
  | 'end'
  | 'completeAfterContactWork'
>;
