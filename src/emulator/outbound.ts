import type { Agent, Flow } from './center.js';
import type { Contact } from './contact.js';
import { Engine } from './engine.js';
import { iso } from './time.js';

/**
 * Calls the center places: API and campaign outbound (with or without answering machine detection) and an
 * agent's own outbound dial. The behaviour's dialer decides how each call goes.
 */
export class OutboundEngine extends Engine {
  /**
   * StartOutboundVoiceContact. Campaign calls move their initiationTimestamp from the INITIATED moment to
   * the moment the call starts; with detection on, CONNECTED_TO_SYSTEM carries the AMD status.
   */
  protected dialOut(c: Contact, flow: Flow, amd: boolean): void {
    c.state = 'DIALING';
    c.flow = flow;
    const outcome = this.behavior.dial(c, amd);
    this.emit(c, 'INITIATED');
    const startMs = c.campaignId ? (outcome.startMs ?? 1000) : 0;
    c.timer = this.clock.after(startMs, () => {
      if (c.campaignId) {
        c.firstInitiationIso = c.initiationIso;
        c.initiationMs = this.clock.now();
        c.initiationIso = iso(c.initiationMs);
      }
      c.timer = this.clock.after(outcome.ringMs, () => {
        if (outcome.disconnectReason) {
          c.disconnectReason = outcome.disconnectReason;
          this.disconnect(c, outcome.disconnectReason);
        } else if (!amd) this.answeredWithoutDetection(c, flow, outcome.answered);
        else
          this.mediaDetected(
            c,
            flow,
            outcome.amdStatus ?? 'HUMAN_ANSWERED',
            outcome.greetingMs,
            outcome.mediaMs,
          );
      });
    });
  }

  private answeredWithoutDetection(c: Contact, flow: Flow, answered: boolean): void {
    if (!answered) {
      this.disconnect(c, 'NOT_ANSWERED');
      return;
    }
    c.connectedToSystemIso = iso(this.clock.now());
    this.emit(c, c.campaignId ? 'AMD_DISABLED' : 'CONNECTED_TO_SYSTEM');
    c.outcome = c.campaignId ? 'AMD_DISABLED' : undefined;
    this.runFlow(c, flow);
  }

  private mediaDetected(
    c: Contact,
    flow: Flow,
    status: NonNullable<Contact['amdStatus']>,
    greetingMs = 0,
    mediaMs = 0,
  ): void {
    const media = this.clock.now();
    c.connectedToSystemIso = iso(media);
    c.amdStatus = status;
    c.outcome = status;
    const greets =
      status === 'HUMAN_ANSWERED' || status === 'VOICEMAIL_BEEP' || status === 'VOICEMAIL_NO_BEEP';
    c.timer = this.clock.after(greets ? greetingMs : 0, () => {
      if (greets) {
        // Keys in the order `EventJsonWriter` writes them.
        c.greeting = { greetingStartTimestamp: iso(media), greetingEndTimestamp: iso(media + greetingMs) };
      }
      this.emit(c, 'CONNECTED_TO_SYSTEM');
      if (status === 'HUMAN_ANSWERED') this.runFlow(c, flow);
      else c.timer = this.clock.after(mediaMs, () => this.disconnect(c, status));
    });
  }

  /** The agent dials from the contact control panel: OUTBOUND, agentInfo from the start, no queueInfo. */
  protected agentDial(c: Contact, agent: Agent): void {
    c.state = 'DIALING';
    c.agent = agent;
    this.occupy(agent, c);
    c.connectedToAgentMs = c.initiationMs;
    c.connectedToAgentIso = c.initiationIso;
    this.updateAgentInfo(c);
    this.emit(c, 'INITIATED');
    const outcome = this.behavior.dial(c, false);
    c.timer = this.clock.after(outcome.ringMs, () => {
      if (!outcome.answered || outcome.disconnectReason) {
        c.state = 'CONNECTED';
        this.disconnect(c, 'NOT_ANSWERED');
        return;
      }
      c.state = 'CONNECTED';
      c.connectedToSystemIso = iso(this.clock.now());
      this.emit(c, 'CONNECTED_TO_SYSTEM');
      if (agent.control === 'auto') this.play(c, this.behavior.handle(c, agent));
    });
  }
}
