export type { AppendListener, AppendResult, EventLog, LogEntry, LogRecord } from './event-log.js';
export { EventLogClosedError } from './event-log.js';
export { SqliteEventLog, type SqliteEventLogOptions } from './sqlite-event-log.js';
