import { randomBytes } from 'node:crypto';
import type { AskOptions } from '../answers/schema.js';
import { BOUNDS, LIMITS } from './limits.js';

/** A question asked, kept so "More results" can page through the same result set. */
export interface AskedQuestion {
  question: string;
  options: AskOptions;
  perPage: number;
  private: boolean;
}

/**
 * Result sets by a short key, for as long as their interaction token lives (after that, Discord
 * refuses to edit the message anyway). Bounded, oldest dropped first.
 */
export class ResultSets {
  private readonly entries = new Map<string, { asked: AskedQuestion; expires: number }>();

  constructor(
    private readonly ttlMs: number = LIMITS.interactionTokenMs,
    private readonly capacity = 5_000,
    private readonly now: () => number = Date.now,
  ) {}

  add(asked: AskedQuestion): string {
    const key = randomBytes(6).toString('base64url');
    this.entries.set(key, { asked, expires: this.now() + this.ttlMs });
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return key;
  }

  get(key: string): AskedQuestion | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires < this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.asked;
  }
}

/** At most `limit` uses per user in a sliding window. */
export class RateLimiter {
  private readonly uses = new Map<string, number[]>();

  constructor(
    private readonly limit: number = BOUNDS.askPerWindow,
    private readonly windowMs: number = BOUNDS.askWindowMs,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a use; returns 0 when allowed, else the milliseconds until the next use is. */
  take(user: string): number {
    const now = this.now();
    const recent = (this.uses.get(user) ?? []).filter((t) => t > now - this.windowMs);
    if (recent.length >= this.limit) {
      this.uses.set(user, recent);
      return (recent[0] as number) + this.windowMs - now;
    }
    recent.push(now);
    this.uses.set(user, recent);
    return 0;
  }
}
