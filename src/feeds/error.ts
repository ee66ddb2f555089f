/**
 * Why a whole feed cannot be had or read (unreachable, malformed, an entity declaration, not RSS or
 * Atom). Its own module so that naming it does not load the feed parser (feedsmith is about 150 modules).
 */
export class FeedError extends Error {
  override name = 'FeedError';
}
