import { describe, expect, it } from 'vitest';
import { type SectionContent, alignSection, alignSections } from '../../../src/episodes/alignSections.js';

/** Order as evidence: a part between parts at chapters X ≤ Z belongs to a chapter in [X, Z]. */

const chapters = [
  { title: 'Welcome and housekeeping' },
  { title: 'Oyster reefs and water quality' },
  { title: 'Removing the mill dams' },
  { title: 'Storm surge and salt marshes' },
  { title: 'Listener mail about crab traps' },
];
const part = (title: string, summary: string, bullets: string[] = []): SectionContent => ({
  title,
  summary,
  bullets,
});

const reefs = part('Oyster reefs clean the bay', 'Oyster reefs filter water and improve water quality.');
const dams = part(
  'The mill dams come out',
  'Removing two mill dams reopened the river; the dams held sediment.',
);
const marsh = part('Salt marshes blunt the storm', 'Salt marshes absorb storm surge and protect towns.');
const mail = part('Crab traps in the mailbag', 'Listener mail asked about lost crab traps.');
/** Said in the dams chapter, but its words are the reefs chapter's: oysters and water quality. */
const oystersBelowDams = part(
  'What the dams meant for oysters',
  'Below the old mill dams, oyster reefs and water quality suffered from the trapped sediment; oysters need clean water.',
  ['Oyster reefs downstream recovered once the water cleared.'],
);

describe('alignSections: order as evidence', () => {
  it('by content alone, the misled part goes to the earlier chapter it shares words with', () => {
    expect(alignSection(oystersBelowDams, chapters).chapter).toBe(1);
  });

  it('a part between parts at chapters 2 and 3 goes to a chapter in [2, 3], not back to 1', () => {
    const aligned = alignSections([reefs, dams, oystersBelowDams, marsh, mail], chapters);
    expect(aligned.map((a) => a.chapter)).toEqual([1, 2, 2, 3, 4]);
  });

  it('does not fire when the part alone covers its chapter: the page moved that topic', () => {
    // No other part is about the reefs: the page listed them late, and content says where they are,
    // though the part also mentions storms (chapter 3, which its neighbours allow).
    const reefsAndStorms = part(
      'Oyster reefs clean the bay',
      'Oyster reefs filter water and improve water quality; a reef also softens a storm.',
    );
    const aligned = alignSections([dams, marsh, reefsAndStorms, mail], chapters);
    expect(aligned.map((a) => a.chapter)).toEqual([2, 3, 1, 4]);
  });

  it('does not fire when the neighbours themselves are out of order', () => {
    const aligned = alignSections([reefs, marsh, oystersBelowDams, dams, mail], chapters);
    expect(aligned[2]?.chapter).toBe(1);
  });

  it('places a part that matched nothing by the clear best of the chapters its neighbours allow', () => {
    const vague = part('After the mill', 'The river ran free again.');
    expect(alignSection(vague, chapters).chapter).toBeNull();
    expect(alignSections([reefs, vague, marsh], chapters).map((a) => a.chapter)).toEqual([1, 2, 3]);
    // Outside any pair of neighbours, it stays unplaced: no time rather than a guess.
    expect(alignSections([reefs, marsh, vague], chapters)[2]?.chapter).toBeNull();
  });
});
