/** The HTTP server of the bus: EventBridge JSON 1.1 API, /ingest, /healthz, SigV4 and ingest credentials. */
export { type AuthConfig, Authenticator, InsecureListenError, isLoopbackHost } from './auth.js';
export { AwsError } from './aws-error.js';
export { tuneCollectorForServing } from './collector.js';
export { type RunningServer, type StartOptions, startServer } from './start.js';
