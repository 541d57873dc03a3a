/** The event bus: ingest, the EventBridge API over rules and targets, routing and delivery. */
export { Bus, type BusOptions, targetKey } from './bus.js';
export { type BusConfig, BusConfigSchema, ConfigError, loadBusConfig, parseBusConfig } from './config.js';
export type { EntryResult, IngestResult } from './ingestor.js';
export { endpointArn } from './target-resolver.js';
