import { randomBytes } from 'node:crypto';
import { LIMITS } from './limits.js';

/**
 * Values by a short random key, so a button's custom id (≤ 100 characters) carries the key and the
 * value comes back exactly, whatever its length. Kept as long as the interaction token lives (after
 * that, Discord refuses to edit the message anyway); bounded, oldest dropped first.
 */
export class ExpiringKeys<T> {
  private readonly entries = new Map<string, { value: T; expires: number }>();

  constructor(
    private readonly ttlMs: number = LIMITS.interactionTokenMs,
    private readonly capacity = 5_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new key (8 characters) for the value. */
  add(value: T): string {
    const key = randomBytes(6).toString('base64url');
    this.entries.set(key, { value, expires: this.now() + this.ttlMs });
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return key;
  }

  get(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires < this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }
}

/** At most `limit` uses per user in a sliding window. */
export class RateLimiter {
  private readonly uses = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
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
