import { describe, expect, it } from 'vitest';
import { EpisodeIndex } from '../../../src/index/EpisodeIndex.js';
import type { Passage } from '../../../src/passages/passage.js';

const passage = (i: number, section: string, text: string): Passage => ({
  id: `harbour#transcript-${i}`,
  episodeId: 'harbour',
  episodeTitle: 'Harbour',
  kind: 'transcript',
  section,
  text,
  start: i * 60,
  end: i * 60 + 60,
  approximate: false,
  url: null,
});

describe('questions in listeners’ forms find the words the hosts said', () => {
  const index = EpisodeIndex.build([
    passage(0, 'The sea wall', 'The sea wall gets built next spring, once the council signs.'),
    passage(1, 'Layoffs', 'Quillmark laid off four hundred people on a Friday call.'),
    passage(
      2,
      'The recall',
      'Voltrane bought back three hundred thousand cars; a bit of a coin toss, honestly.',
    ),
    passage(3, 'Football', 'In the seventy-first minute the keeper saved a penalty.'),
    passage(4, 'The trip', 'She took the call in a hot tub, and the photo was everywhere.'),
    passage(5, 'The lighthouse', 'The keeper wrote his last entry in the logbook.'),
    passage(6, 'Books', 'The keeper kept a book and a log of every ship.'),
  ]);
  const first = (question: string) => index.search(question).hits[0]?.passage.id ?? null;

  it('an English compound asked as one word meets the two the hosts said', () => {
    expect(first('when does the seawall get built')).toBe('harbour#transcript-0');
  });

  it('so does a word English knows only as two ("hot tub" asked as "hottub")', () => {
    expect(first('the senators hottub photo')).toBe('harbour#transcript-4');
  });

  it('and two words asked of a corpus that writes their English compound meet it ("log book")', () => {
    expect(first('what did the keeper write in the log book')).toBe('harbour#transcript-5');
  });

  it('but a word English lacks is not cut into two that happen to exist', () => {
    expect(first('what about bitcoin')).toBeNull();
  });

  it('amounts, ordinals, phrasal verbs and irregular forms in any form', () => {
    expect(first('how many ppl got layoffs at quillmark')).toBe('harbour#transcript-1');
    expect(first('300k cars recalled')).toBe('harbour#transcript-2');
    expect(first('who did voltrane buy back')).toBe('harbour#transcript-2');
    expect(first('71st minute penalty')).toBe('harbour#transcript-3');
  });
});
