import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Contact } from '../emulator/contact.js';
import type { Agent } from '../emulator/index.js';
import type { ConnectEngine } from './connect-engine.js';
import { resourceNotFound } from './errors.js';
import { type ApiContext, addOperation } from './operation.js';
import { validator } from './validate.js';

const AgentParams = validator(Type.Object({ AgentId: Type.String({ minLength: 1 }) }));
const AgentContactParams = validator(
  Type.Object({ AgentId: Type.String({ minLength: 1 }), ContactId: Type.String({ minLength: 1 }) }),
);

/** What an agent does in the contact control panel, one route per action. */
const ACTIONS = {
  accept: 'accept',
  hold: 'hold',
  resume: 'resumeHold',
  end: 'end',
  'complete-acw': 'completeAfterContactWork',
} as const satisfies Record<string, keyof ConnectEngine>;

/**
 * The emulator's agent API (not part of Amazon Connect): lets a test play the agent of a `manual` agent
 * (accept, hold, resume, end, complete after-contact work), set its status, dial out, and see its contacts.
 */
export function agentRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const { engine } = ctx;
  const instanceId = engine.center.instanceId;
  const agent = (ref: string): Agent => {
    const a = engine.center.findAgent(ref);
    if (!a) throw resourceNotFound(`agent ${ref} does not exist`);
    return a;
  };

  addOperation(
    app,
    ctx,
    {
      method: 'GET',
      url: '/emulator/agents',
    },
    () => ({ Agents: [...engine.center.agents.values()].map(agentView) }),
  );

  addOperation(
    app,
    ctx,
    {
      method: 'GET',
      url: '/emulator/agents/:AgentId',
      params: AgentParams,
    },
    ({ params }) => ({ Agent: agentView(agent(params.AgentId)) }),
  );

  addOperation(
    app,
    ctx,
    {
      method: 'GET',
      url: '/emulator/agents/:AgentId/contacts',
      params: AgentParams,
    },
    ({ params }) => ({ Contacts: [...agent(params.AgentId).contacts].map(contactView) }),
  );

  addOperation(
    app,
    ctx,
    {
      method: 'PUT',
      url: '/emulator/agents/:AgentId/status',
      params: AgentParams,
      body: validator(
        Type.Object({ Status: Type.Union([Type.Literal('Available'), Type.Literal('Offline')]) }),
      ),
    },
    ({ params, body }) =>
      engine.setAgentStatus({ instanceId, userId: agent(params.AgentId).id, agentStatusId: body.Status }),
  );

  addOperation(
    app,
    ctx,
    {
      method: 'POST',
      url: '/emulator/agents/:AgentId/outbound',
      params: AgentParams,
      body: validator(
        Type.Object({ DestinationPhoneNumber: Type.String({ pattern: '^\\+[1-9]\\d{1,14}$' }) }),
      ),
    },
    ({ params, body }) => {
      const { contactId } = engine.startAgentOutbound({
        instanceId,
        userId: agent(params.AgentId).id,
        destinationPhoneNumber: body.DestinationPhoneNumber,
      });
      return { ContactId: contactId };
    },
  );

  /** The agent's own contact, or ResourceNotFoundException: an agent acts only on what it holds. */
  const own = (agentRef: string, contactId: string): string => {
    const a = agent(agentRef);
    if (![...a.contacts].some((c) => c.id === contactId)) {
      throw resourceNotFound(`contact ${contactId} is not with agent ${a.username}`);
    }
    return contactId;
  };

  for (const [action, method] of Object.entries(ACTIONS)) {
    addOperation(
      app,
      ctx,
      {
        method: 'POST',
        url: `/emulator/agents/:AgentId/contacts/:ContactId/${action}`,
        params: AgentContactParams,
      },
      ({ params }) => engine[method]({ instanceId, contactId: own(params.AgentId, params.ContactId) }),
    );
  }

  addOperation(
    app,
    ctx,
    {
      method: 'POST',
      url: '/emulator/agents/:AgentId/contacts/:ContactId/external',
      params: AgentContactParams,
      body: validator(Type.Object({ TalkSeconds: Type.Optional(Type.Number({ minimum: 0 })) })),
    },
    ({ params, body }) => {
      const contactId = own(params.AgentId, params.ContactId);
      engine.addExternalParticipant({ instanceId, contactId, talkSeconds: body.TalkSeconds });
    },
  );
}

function agentView(a: Agent) {
  return {
    Id: a.id,
    Arn: a.arn,
    Username: a.username,
    Status: a.available ? 'Available' : 'Offline',
    Control: a.control,
    ContactCount: a.contacts.size,
  };
}

function contactView(c: Contact) {
  return {
    ContactId: c.id,
    Arn: c.arn,
    Channel: c.channel,
    InitiationMethod: c.method,
    State: c.state,
    QueueId: c.queue?.id,
    OnHold: c.holdStartMs !== undefined,
    Paused: c.paused,
  };
}
