import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';

/** A target of a rule, in PutTargets' shape. */
export interface TargetState {
  Id: string;
  Arn: string;
  RoleArn?: string;
  Input?: string;
  InputPath?: string;
  InputTransformer?: { InputPathsMap?: Record<string, string>; InputTemplate: string };
  RetryPolicy?: { MaximumRetryAttempts?: number; MaximumEventAgeInSeconds?: number };
  DeadLetterConfig?: { Arn?: string };
  HttpParameters?: {
    PathParameterValues?: string[];
    HeaderParameters?: Record<string, string>;
    QueryStringParameters?: Record<string, string>;
  };
}

export interface RuleState {
  Name: string;
  Arn: string;
  EventPattern?: string;
  State: 'ENABLED' | 'DISABLED';
  Description?: string;
  RoleArn?: string;
  Targets: TargetState[];
}

export interface ConnectionState {
  Name: string;
  ConnectionArn: string;
  ConnectionState: 'AUTHORIZED';
  AuthorizationType: 'API_KEY' | 'BASIC' | 'OAUTH_CLIENT_CREDENTIALS';
  /** Kept with its secrets: the data folder holds them as the secrets store of the real service does. */
  AuthParameters: Record<string, unknown>;
  Description?: string;
  CreationTime: number;
  LastModifiedTime: number;
}

export interface ApiDestinationState {
  Name: string;
  ApiDestinationArn: string;
  ApiDestinationState: 'ACTIVE';
  ConnectionArn: string;
  InvocationEndpoint: string;
  HttpMethod: string;
  InvocationRateLimitPerSecond: number;
  Description?: string;
  CreationTime: number;
  LastModifiedTime: number;
}

interface Snapshot {
  rules: RuleState[];
  connections: ConnectionState[];
  apiDestinations: ApiDestinationState[];
}

/**
 * The rules, targets, connections and API destinations of the bus. Every change is written to one JSON
 * file (atomically: a synced temporary file renamed over the old one) before it is announced, so what the
 * API answered survives a restart.
 */
export class Registry {
  readonly rules = new Map<string, RuleState>();
  readonly connections = new Map<string, ConnectionState>();
  readonly apiDestinations = new Map<string, ApiDestinationState>();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly file?: string) {
    if (file && existsSync(file)) this.restore(JSON.parse(readFileSync(file, 'utf8')) as Snapshot);
  }

  private restore(snapshot: Snapshot): void {
    for (const rule of snapshot.rules ?? []) this.rules.set(rule.Name, rule);
    for (const c of snapshot.connections ?? []) this.connections.set(c.Name, c);
    for (const d of snapshot.apiDestinations ?? []) this.apiDestinations.set(d.Name, d);
  }

  private batchDepth = 0;
  private dirty = false;

  /** Persists the current state, then tells listeners (the router and the delivery engine). */
  commit(): void {
    if (this.batchDepth > 0) {
      this.dirty = true;
      return;
    }
    if (this.file) this.persist(this.file);
    for (const listener of this.listeners) listener();
  }

  /**
   * Runs many changes (a config file) as one: persisted and announced once, at the end. When they fail
   * nothing is persisted; the caller discards this registry.
   */
  batch<T>(changes: () => T): T {
    this.batchDepth++;
    let result: T;
    try {
      result = changes();
    } catch (error) {
      this.batchDepth--;
      this.dirty = false;
      throw error;
    }
    this.batchDepth--;
    if (this.batchDepth === 0 && this.dirty) {
      this.dirty = false;
      this.commit();
    }
    return result;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  sortedRules(): RuleState[] {
    return [...this.rules.values()].sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0));
  }

  connectionByArn(arn: string): ConnectionState | undefined {
    for (const c of this.connections.values()) if (c.ConnectionArn === arn) return c;
    return undefined;
  }

  apiDestinationByArn(arn: string): ApiDestinationState | undefined {
    for (const d of this.apiDestinations.values()) if (d.ApiDestinationArn === arn) return d;
    return undefined;
  }

  private persist(file: string): void {
    const snapshot: Snapshot = {
      rules: [...this.rules.values()],
      connections: [...this.connections.values()],
      apiDestinations: [...this.apiDestinations.values()],
    };
    mkdirSync(dirname(file), { recursive: true });
    const temporary = `${file}.tmp`;
    const fd = openSync(temporary, 'w', 0o600);
    try {
      writeSync(fd, JSON.stringify(snapshot, null, 2));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
  }
}
