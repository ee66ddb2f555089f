import { describe, expect, it } from 'vitest';
import { EPISODE_PARTS, inPart, readPosition } from '../../../src/text/position.js';

describe('readPosition', () => {
  it('maps where-in-the-episode phrases to the part they mean and takes them out of the question', () => {
    expect(readPosition('what did they joke about at the very start')).toEqual({
      part: EPISODE_PARTS['very start'],
      rest: 'what did they joke about',
    });
    expect(readPosition('the permit fight near the end of the episode')).toEqual({
      part: EPISODE_PARTS.end,
      rest: 'the permit fight',
    });
    expect(readPosition('In the intro, what was the weather like').part).toBe(EPISODE_PARTS.start);
    expect(readPosition('halfway through they argued about ferries').part).toBe(EPISODE_PARTS.middle);
    expect(readPosition('in the last few minutes who won the bet').part).toBe(EPISODE_PARTS.end);
  });

  it('leaves a question naming no part as it is, including topic words that look like one', () => {
    expect(readPosition('how did the startup end up in court')).toEqual({
      part: null,
      rest: 'how did the startup end up in court',
    });
    expect(readPosition('the opening of the new bridge').part).toBeNull();
  });

  it('places a moment in a part by its share of the episode', () => {
    expect(inPart(EPISODE_PARTS.end, 3400, 3600)).toBe(true);
    expect(inPart(EPISODE_PARTS.end, 1800, 3600)).toBe(false);
    expect(inPart(EPISODE_PARTS['very start'], 60, 3600)).toBe(true);
  });
});
