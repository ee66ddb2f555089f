import { describe, expect, it } from 'vitest';
import { formatDuration, formatStamp, parseDuration, parseStamp } from '../../../src/episodes/time.js';

describe('parseStamp', () => {
  it.each([
    ['0:00', 0],
    ['2:11', 131],
    ['15:38', 938],
    ['1:01:46', 3706],
    ['01:44:17', 6257],
    ['00:02:04', 124],
  ])('reads %s as %i seconds', (text, seconds) => {
    expect(parseStamp(text)).toBe(seconds);
  });

  it.each(['0:0', '60:43', '1:60:00', '1:00:60', ':30', '1:2:3', 'abc', ''])(
    'refuses the malformed stamp %j',
    (text) => {
      expect(parseStamp(text)).toBeNull();
    },
  );
});

describe('formatStamp', () => {
  it('writes minutes below an hour and hours past it', () => {
    expect(formatStamp(0)).toBe('0:00');
    expect(formatStamp(938)).toBe('15:38');
    expect(formatStamp(3706)).toBe('1:01:46');
  });

  it('round-trips every stamp it writes', () => {
    for (const seconds of [0, 59, 60, 3599, 3600, 3661, 35999])
      expect(parseStamp(formatStamp(seconds))).toBe(seconds);
  });
});

describe('parseDuration', () => {
  it('reads the forms pages write', () => {
    expect(parseDuration('1 hr 41 min')).toBe(6060);
    expect(parseDuration('1h 49m')).toBe(6540);
    expect(parseDuration('41 min')).toBe(2460);
    expect(parseDuration('1:41:00')).toBe(6060);
  });

  it('says null when there is no duration', () => {
    expect(parseDuration('Listen to Episode')).toBeNull();
  });

  it('formats for people', () => {
    expect(formatDuration(6540)).toBe('1h 49m');
    expect(formatDuration(2460)).toBe('41m');
  });
});
