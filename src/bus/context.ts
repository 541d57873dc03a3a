import type { BusIdentity } from './arns.js';
import type { PatternEngine } from './pattern-engine.js';
import type { Registry } from './registry.js';
import type { TargetResolver } from './target-resolver.js';

/** What every API operation works with; owned by the Bus. */
export interface BusContext {
  readonly identity: BusIdentity;
  readonly registry: Registry;
  readonly patterns: PatternEngine;
  readonly resolver: TargetResolver;
  readonly now: () => number;
  readonly newId: () => string;
}
