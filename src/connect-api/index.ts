/** The Amazon Connect API and the emulator's agent API over HTTP, as a Fastify plugin. */
export type { ConnectEngine } from './connect-engine.js';
export { ConnectApiError } from './errors.js';
export type { ContactEventSink, RawRequest } from './operation.js';
export { type ConnectApiOptions, connectApiPlugin } from './plugin.js';
