import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { type ApiContext, addOperation } from './operation.js';
import * as S from './schemas.js';
import { validator } from './validate.js';
import { page } from './wire.js';

const pageOnly = (maxResults: number) => validator(Type.Object(S.pageQuery(maxResults)), { coerce: true });
/** An optional query list of fixed values, e.g. `?queueTypes=STANDARD&queueTypes=AGENT`. */
const QueueTypes = Type.Optional(Type.Array(Type.Union([Type.Literal('STANDARD'), Type.Literal('AGENT')])));
const StatusTypes = Type.Optional(
  Type.Array(Type.Union([Type.Literal('ROUTABLE'), Type.Literal('CUSTOM'), Type.Literal('OFFLINE')])),
);

/** The flow types of the API (ContactFlowType), at most 10 in one filter. */
const FlowTypes = Type.Optional(
  Type.Array(
    Type.Union(
      [
        'CONTACT_FLOW',
        'CUSTOMER_QUEUE',
        'CUSTOMER_HOLD',
        'CUSTOMER_WHISPER',
        'AGENT_HOLD',
        'AGENT_WHISPER',
        'OUTBOUND_WHISPER',
        'AGENT_TRANSFER',
        'QUEUE_TRANSFER',
        'CAMPAIGN',
      ].map((t) => Type.Literal(t)),
    ),
    { maxItems: 10 },
  ),
);

/** The read side of the instance (instances, queues, flows, users, agent statuses) and PutUserStatus. */
export function resourceRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const { engine } = ctx;
  const createdTime = new Date(engine.clock.now());
  const instance = (i: ReturnType<typeof engine.listInstances>[number]) => ({
    Id: i.id,
    Arn: i.arn,
    IdentityManagementType: 'CONNECT_MANAGED',
    InstanceAlias: i.instanceAlias,
    CreatedTime: createdTime,
    InstanceStatus: 'ACTIVE',
    InboundCallsEnabled: true,
    OutboundCallsEnabled: true,
    InstanceAccessUrl: `https://${i.instanceAlias}.my.connect.aws`,
  });

  addOperation(
    app,
    ctx,
    {
      method: 'GET',
      url: '/instance',
      query: pageOnly(10),
    },
    ({ query }) => {
      const { items, NextToken } = page(engine.listInstances().map(instance), query);
      return { InstanceSummaryList: items, NextToken };
    },
  );

  addOperation(
    app,
    ctx,
    {
      method: 'GET',
      url: '/instance/:InstanceId',
      params: validator(S.InstanceParams),
    },
    ({ params }) => ({
      Instance: instance(engine.describeInstance({ instanceId: params.InstanceId })),
    }),
  );

  addOperation(
    app,
    ctx,
    {
      method: 'GET',
      url: '/queues-summary/:InstanceId',
      params: validator(S.InstanceParams),
      query: validator(Type.Object({ ...S.pageQuery(1000), queueTypes: QueueTypes }), {
        coerce: true,
      }),
    },
    ({ params, query }) => {
      const queues = engine.listQueues({ instanceId: params.InstanceId, queueTypes: query.queueTypes });
      const summaries = queues.map((q) => ({ Id: q.id, Arn: q.arn, Name: q.name, QueueType: q.queueType }));
      const { items, NextToken } = page(summaries, query);
      return { QueueSummaryList: items, NextToken };
    },
  );

  addOperation(
    app,
    ctx,
    {
      method: 'GET',
      url: '/contact-flows-summary/:InstanceId',
      params: validator(S.InstanceParams),
      query: validator(Type.Object({ ...S.pageQuery(1000), contactFlowTypes: FlowTypes }), { coerce: true }),
    },
    ({ params, query }) => {
      const flows = engine
        .listContactFlows({ instanceId: params.InstanceId })
        .filter((f) => !query.contactFlowTypes || query.contactFlowTypes.includes(f.contactFlowType))
        .map((f) => ({
          Id: f.id,
          Arn: f.arn,
          Name: f.name,
          ContactFlowType: f.contactFlowType,
          ContactFlowState: 'ACTIVE',
          ContactFlowStatus: 'PUBLISHED',
        }));
      const { items, NextToken } = page(flows, query);
      return { ContactFlowSummaryList: items, NextToken };
    },
  );

  addOperation(
    app,
    ctx,
    {
      method: 'GET',
      url: '/users-summary/:InstanceId',
      params: validator(S.InstanceParams),
      query: pageOnly(1000),
    },
    ({ params, query }) => {
      const users = engine
        .listUsers({ instanceId: params.InstanceId })
        .map((u) => ({ Id: u.id, Arn: u.arn, Username: u.username }));
      const { items, NextToken } = page(users, query);
      return { UserSummaryList: items, NextToken };
    },
  );

  addOperation(
    app,
    ctx,
    {
      method: 'GET',
      url: '/agent-status/:InstanceId',
      params: validator(S.InstanceParams),
      query: validator(
        Type.Object({
          ...S.pageQuery(100),
          AgentStatusTypes: StatusTypes,
        }),
        { coerce: true },
      ),
    },
    ({ params, query }) => {
      const statuses = engine
        .listAgentStatuses({ instanceId: params.InstanceId })
        .filter((s) => !query.AgentStatusTypes || (query.AgentStatusTypes as string[]).includes(s.type))
        .map((s) => ({ Id: s.id, Arn: s.arn, Name: s.name, Type: s.type }));
      const { items, NextToken } = page(statuses, query);
      return { AgentStatusSummaryList: items, NextToken };
    },
  );

  addOperation(
    app,
    ctx,
    {
      method: 'PUT',
      url: '/users/:InstanceId/:UserId/status',
      params: validator(S.UserParams),
      body: validator(S.PutUserStatusBody),
    },
    ({ params, body }) =>
      engine.setAgentStatus({
        instanceId: params.InstanceId,
        userId: params.UserId,
        agentStatusId: body.AgentStatusId,
      }),
  );
}
