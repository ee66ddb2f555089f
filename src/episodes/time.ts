/**
 * Timestamps on an episode's clock: parsing what pages write, formatting what people read.
 * Pure functions; a stamp that is not well formed parses to null rather than to a guess.
 */

/** `m:ss`, `mm:ss`, `h:mm:ss` or `hh:mm:ss`; minutes and seconds below 60 unless hours lead. */
const STAMP = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/** Seconds for a stamp such as `1:02:03` or `15:38`, or null when it is malformed (`0:0`, `60:43`). */
export function parseStamp(text: string): number | null {
  const match = STAMP.exec(text.trim());
  if (!match) return null;
  const [, a, b, c] = match;
  const first = Number(a);
  const second = Number(b);
  if (c === undefined) {
    // m:ss — an hour or more must be written h:mm:ss.
    if (first >= 60 || second >= 60) return null;
    return first * 60 + second;
  }
  const third = Number(c);
  if (second >= 60 || third >= 60) return null;
  return first * 3600 + second * 60 + third;
}

/** `1:02:03` past an hour, `2:05` below; the form YouTube and podcast apps show. */
export function formatStamp(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

/** `1h 49m` style, for durations. */
export function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.round((seconds % 3600) / 60);
  if (h === 0) return `${m}m`;
  return m === 0 ? `${h}h` : `${h}h ${m}m`;
}

const DURATION_PART = /(\d+)\s*(h|hr|hrs|hours?|m|min|mins|minutes?|s|sec|secs|seconds?)\b/gi;

/**
 * Seconds for a written duration: `1 hr 41 min`, `1h 49m`, `41 min`, `1:41:00`; null when the text
 * holds no duration.
 */
export function parseDuration(text: string): number | null {
  const stamp = parseStamp(text);
  if (stamp !== null) return stamp;
  let total = 0;
  let found = false;
  for (const [, amount, unit] of text.matchAll(DURATION_PART)) {
    const u = (unit ?? '').toLowerCase();
    const factor = u.startsWith('h') ? 3600 : u.startsWith('m') ? 60 : 1;
    total += Number(amount) * factor;
    found = true;
  }
  return found ? total : null;
}

/** `1:01:46`, `≈1:01:46` when approximate, or `–` when unknown: how a moment is shown everywhere. */
export function formatMoment(start: number | null, approximate: boolean): string {
  if (start === null) return '–';
  return `${approximate ? '≈' : ''}${formatStamp(start)}`;
}
