import { type Static, Type } from '@sinclair/typebox';

/**
 * Config of API destinations, connections and a target's HTTP parameters, in the shapes of EventBridge's
 * CreateApiDestination, CreateConnection and PutTargets (`HttpParameters`), so that API input is used as is.
 */

const Parameter = Type.Object(
  {
    Key: Type.String({ minLength: 1, maxLength: 512, description: 'Header, query or body parameter name.' }),
    Value: Type.String({ maxLength: 512, description: 'Its value.' }),
    IsValueSecret: Type.Optional(
      Type.Boolean({ default: false, description: 'Kept out of Describe answers and logs when true.' }),
    ),
  },
  { examples: [{ Key: 'x-tenant', Value: 'acme', IsValueSecret: false }] },
);

export const ConnectionHttpParametersSchema = Type.Object(
  {
    HeaderParameters: Type.Optional(Type.Array(Parameter, { maxItems: 100, description: 'Headers to add.' })),
    QueryStringParameters: Type.Optional(
      Type.Array(Parameter, { maxItems: 100, description: 'Query string parameters to add.' }),
    ),
    BodyParameters: Type.Optional(
      Type.Array(Parameter, {
        maxItems: 100,
        description: 'Keys added to a JSON object body (form fields of an OAuth token request).',
      }),
    ),
  },
  { description: 'Extra parameters sent with every call (or with every token request, for OAuth).' },
);
export type ConnectionHttpParameters = Static<typeof ConnectionHttpParametersSchema>;

export const ConnectionConfigSchema = Type.Object(
  {
    Name: Type.Optional(Type.String({ description: 'The connection name.', examples: ['crm'] })),
    AuthorizationType: Type.Union(
      [Type.Literal('API_KEY'), Type.Literal('BASIC'), Type.Literal('OAUTH_CLIENT_CREDENTIALS')],
      { description: 'How each call authenticates.' },
    ),
    AuthParameters: Type.Object(
      {
        ApiKeyAuthParameters: Type.Optional(
          Type.Object(
            {
              ApiKeyName: Type.String({ minLength: 1, description: 'Header name.', examples: ['x-api-key'] }),
              ApiKeyValue: Type.String({ minLength: 1, description: 'Header value (secret).' }),
            },
            { description: 'For API_KEY: the header sent with every call.' },
          ),
        ),
        BasicAuthParameters: Type.Optional(
          Type.Object(
            {
              Username: Type.String({ minLength: 1, description: 'Basic auth user name.' }),
              Password: Type.String({ minLength: 1, description: 'Basic auth password (secret).' }),
            },
            { description: 'For BASIC: the credentials of the Authorization header.' },
          ),
        ),
        OAuthParameters: Type.Optional(
          Type.Object(
            {
              AuthorizationEndpoint: Type.String({
                description: 'Token endpoint (HTTPS, or HTTP to a loopback or private address).',
                examples: ['https://auth.example.com/oauth2/token'],
              }),
              HttpMethod: Type.Union([Type.Literal('GET'), Type.Literal('POST'), Type.Literal('PUT')], {
                description: 'Method of the token request.',
              }),
              ClientParameters: Type.Object(
                {
                  ClientID: Type.String({ minLength: 1, description: 'OAuth client id.' }),
                  ClientSecret: Type.String({ minLength: 1, description: 'OAuth client secret (secret).' }),
                },
                { description: 'The client credentials, sent to the token endpoint as HTTP Basic.' },
              ),
              OAuthHttpParameters: Type.Optional(ConnectionHttpParametersSchema),
            },
            { description: 'For OAUTH_CLIENT_CREDENTIALS: where and how to get tokens.' },
          ),
        ),
        InvocationHttpParameters: Type.Optional(ConnectionHttpParametersSchema),
      },
      { description: 'The parameters of the chosen AuthorizationType, and extra call parameters.' },
    ),
  },
  {
    description: 'Authorization of calls to API destinations (CreateConnection).',
    examples: [
      {
        AuthorizationType: 'API_KEY',
        AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: 'secret' } },
      },
    ],
  },
);
export type ConnectionConfig = Static<typeof ConnectionConfigSchema>;

/** Methods an API destination may use: every method but CONNECT and TRACE. */
export const API_DESTINATION_METHODS = ['POST', 'GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'DELETE'] as const;

export const ApiDestinationConfigSchema = Type.Object(
  {
    Name: Type.Optional(
      Type.String({ description: 'The API destination name.', examples: ['crm-contacts'] }),
    ),
    InvocationEndpoint: Type.String({
      description:
        'URL called for each event. Each `*` is replaced by the next of the target PathParameterValues. ' +
        'HTTPS, or HTTP to a loopback or private address.',
      examples: ['https://crm.example.com/contacts/*/events'],
    }),
    HttpMethod: Type.Union(
      API_DESTINATION_METHODS.map((m) => Type.Literal(m)),
      { description: 'Method of each call.', examples: ['POST'] },
    ),
    InvocationRateLimitPerSecond: Type.Optional(
      Type.Integer({ minimum: 1, default: 300, description: 'Most calls per second to this destination.' }),
    ),
    TimeoutMs: Type.Optional(
      Type.Integer({ minimum: 1, default: 5000, description: 'Time allowed for each call, in ms.' }),
    ),
    MaxRateLimitWaitMs: Type.Optional(
      Type.Integer({
        minimum: 0,
        default: 1000,
        description: 'How long a call may wait for the rate limit before it fails retryably (throttled).',
      }),
    ),
  },
  { description: 'An HTTP endpoint events are sent to (CreateApiDestination).' },
);
export type ApiDestinationConfig = Static<typeof ApiDestinationConfigSchema>;

export const HttpParametersSchema = Type.Object(
  {
    PathParameterValues: Type.Optional(
      Type.Array(Type.String(), {
        description:
          'Values for the `*` of the endpoint, in order; `$.` values are JSONPaths into the event.',
      }),
    ),
    HeaderParameters: Type.Optional(
      Type.Record(Type.String(), Type.String(), {
        description: 'Headers to add; a value starting with $. is a JSONPath into the original event.',
      }),
    ),
    QueryStringParameters: Type.Optional(
      Type.Record(Type.String(), Type.String(), {
        description:
          'Query parameters to add; a value starting with $. is a JSONPath into the original event.',
      }),
    ),
  },
  { description: "A target's own HTTP parameters (PutTargets HttpParameters)." },
);
export type HttpParameters = Static<typeof HttpParametersSchema>;

export const ApiDestinationTargetSpecSchema = Type.Object({
  kind: Type.Literal('api-destination'),
  destination: ApiDestinationConfigSchema,
  connection: ConnectionConfigSchema,
  httpParameters: Type.Optional(HttpParametersSchema),
});
export type ApiDestinationTargetSpec = Static<typeof ApiDestinationTargetSpecSchema>;
