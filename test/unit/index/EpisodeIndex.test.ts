import { describe, expect, it } from 'vitest';
import { EpisodeIndex, MAX_HITS, MAX_PER_SECTION } from '../../../src/index/EpisodeIndex.js';
import type { Passage } from '../../../src/passages/passage.js';

let n = 0;
const passage = (section: string, text: string, fields: Partial<Passage> = {}): Passage => ({
  id: `p${++n}`,
  episodeId: 'ep',
  episodeTitle: 'Episode',
  kind: 'takeaway',
  section,
  text,
  start: 60,
  end: 120,
  approximate: false,
  url: null,
  ...fields,
});

const corpus = [
  passage('Memory chips', 'High Bandwidth Memory (HBM) is sold out through 2026 at Micron.'),
  passage('Memory chips', 'DRAM prices are rising as memory supply tightens.'),
  passage('Memory chips', 'Memory makers sign supply agreements with price floors.'),
  passage('Memory chips', 'Memory makers sign supply agreements with price floors and caps.'),
  passage('Space', 'Putting datacenters in orbit could be cheaper than on land.'),
  passage('Food', 'Robotic bowls assemble meals for delivery.'),
  passage('Politics', 'The super-founder argument for individual productivity.'),
  passage('Chips', 'Memory and logic chips both constrain scaling.', { episodeId: 'other' }),
];
const index = EpisodeIndex.build(corpus, [['DRAM', 'dynamic memory']]);
const sections = (question: string) => index.search(question).hits.map((hit) => hit.passage.section);
const texts = (question: string) => index.search(question).hits.map((hit) => hit.passage.text);

describe('EpisodeIndex.search', () => {
  it('finds acronyms the text defines, both ways', () => {
    expect(texts('HBM')[0]).toMatch(/^High Bandwidth Memory/);
    expect(texts('high bandwidth memory')[0]).toMatch(/^High Bandwidth Memory/);
  });

  it('ranks passages covering the whole question above those covering part of it', () => {
    expect(texts('memory price floors')[0]).toMatch(/price floors/);
    expect(texts('memory scaling')[0]).toBe('Memory and logic chips both constrain scaling.');
  });

  it('offers at most MAX_HITS passages, however common the word', () => {
    const many = Array.from({ length: MAX_HITS + 50 }, (_, i) =>
      passage(`Section ${i}`, `Memory topic${i} with detail${i} and angle${i}.`),
    );
    expect(EpisodeIndex.build(many).search('memory').hits).toHaveLength(MAX_HITS);
  });

  it('keeps at most two passages of one section, and collapses near-duplicates', () => {
    const found = index.search('memory');
    const perSection = found.hits.filter((hit) => hit.passage.section === 'Memory chips');
    expect(perSection.length).toBeLessThanOrEqual(MAX_PER_SECTION);
    const floors = texts('memory makers supply agreements price floors');
    expect(floors.filter((text) => text.startsWith('Memory makers sign'))).toHaveLength(1);
  });

  it('answers nothing when no passage really matches, instead of guessing', () => {
    expect(index.search('super bowl').hits).toEqual([]);
    expect(index.search('taylor swift concert').hits).toEqual([]);
  });

  it('meets compounds written apart and together', () => {
    expect(sections('data centers in orbit')[0]).toBe('Space');
  });

  it('is fuzzy only for words the corpus does not know, and suggests the right spelling', () => {
    expect(sections('Micorn HBM')[0]).toBe('Memory chips');
    const miss = index.search('orbitt datacentrs');
    expect(miss.hits.length > 0 || miss.suggestions.length > 0).toBe(true);
    expect(index.search('roboticc xylophones').suggestions).toEqual(['robotic xylophones']);
    // A misspelt common word is that word, kept in its place, not a name to keep as typed.
    expect(index.search('wat did they say abuot roboticc').suggestions).toEqual([
      'what did they say about robotic',
    ]);
  });

  it('offers a correction to answer in place only when every word it replaced is no English word', () => {
    // Typos: surely meant otherwise.
    expect(index.search('wat did they say abuot roboticc').correction).toBe(
      'what did they say about robotic',
    );
    // "gold" is English: asked of pages that never say it, it is not "told" (a stopword) nor "hold".
    const gold = index.search('gold prices');
    expect(gold.hits).toEqual([]);
    expect(gold.correction).toBeNull();
    expect(gold.suggestions.every((suggestion) => suggestion.split(' ')[0] !== 'told')).toBe(true);
  });

  it('completes the last word as a prefix', () => {
    expect(sections('robotic bow')[0]).toBe('Food');
  });

  it('marks the matched words in the original text', () => {
    const [hit] = index.search('datacenters orbit').hits;
    expect(hit && index.highlight(hit).map(([s, e]) => hit.passage.text.slice(s, e))).toEqual([
      'datacenters',
      'orbit',
    ]);
  });

  it('searches only the episodes it is given', () => {
    expect(index.search('memory chips').hits.some((hit) => hit.passage.episodeId === 'ep')).toBe(true);
    const inOther = index.search('memory chips', { episodes: new Set(['other']) }).hits;
    expect(inOther.map((hit) => hit.passage.episodeId)).toEqual(['other']);
    expect(index.search('memory chips', { episodes: new Set(['nowhere']) }).hits).toEqual([]);
  });

  it.each([
    ['', /empty/],
    ['the of and what did they say', /no words to search/],
    ['?!… ¿¡ --- ***', /no words to search/],
    ['🙂🚀🔥', /no words to search/],
  ])('says clearly why %j cannot be searched', (question, notice) => {
    const outcome = index.search(question);
    expect(outcome.hits).toEqual([]);
    expect(outcome.notice).toMatch(notice);
  });

  it('survives right-to-left text, regular-expression characters and 6,000 characters', () => {
    for (const question of ['ما هو HBM', '.*+?^${}()|[]\\ memory', `memory ${'x'.repeat(6000)}`]) {
      expect(() => index.search(question)).not.toThrow();
    }
    expect(index.search('.*+?^${}()|[]\\ memory').hits.length).toBeGreaterThan(0);
  });
});

describe('EpisodeIndex.search, for words the pages never use', () => {
  const pages = [
    passage('Ride hailing', 'SoftBank funded Uber competitors across the world.'),
    passage('Ride hailing', 'Uber competitors copied every feature within weeks.'),
    passage('Rates', 'Analysts warn investors about long-term yields.'),
    passage('Kitchens', 'Kalanick outlines robotic kitchens built for delivery.', { kind: 'summary' }),
    passage('Kitchens', 'The Bowl Builder seals each order.'),
    passage('Diner', 'A diner opens downtown.', { kind: 'summary' }),
    passage('Diner', 'A Bowl Builder prototype sits in the diner.'),
    passage('Value', 'The application layer holds lasting value.'),
    passage('Hardware', 'Chips for labs.'),
    passage('Hardware', 'Nvidia sells many GPUs to labs every quarter.'),
    passage('Grid', 'Electric cars need far more power.'),
  ];
  const pagesIndex = EpisodeIndex.build(pages);
  const best = (question: string) => pagesIndex.search(question).hits[0];

  it('reaches them through WordNet, covering less than the word itself', () => {
    const related = best('rivals funded');
    expect(related?.passage.text).toMatch(/^SoftBank funded/);
    expect(best('competitors funded')?.coverage).toBeGreaterThan(related?.coverage ?? 1);
  });

  it('reads an English word as meant, not as a typo of a word the pages use', () => {
    expect(pagesIndex.search('Warren Buffett investors').hits).toEqual([]);
    expect(best('Kalanik robotic')?.passage.section).toBe('Kitchens');
  });

  it("credits a takeaway with what its section's summary says, for less than saying it itself", () => {
    const coverage = (section: string) =>
      pagesIndex.search('robotic bowl builder').hits.find((hit) => hit.passage.section === section)
        ?.coverage ?? 0;
    expect(coverage('Kitchens')).toBeGreaterThan(coverage('Diner'));
    expect(coverage('Kitchens')).toBeLessThan(1);
  });

  it('weighs a common English word less than a rare one', () => {
    // Three words the pages lack against two they have: answered only because the three are common.
    expect(best('people make money at the application layer')?.passage.section).toBe('Value');
    expect(pagesIndex.search('quantum entanglement at the application layer').hits).toEqual([]);
  });

  it("ranks a passage using the question's own word above its synonyms", () => {
    expect(pagesIndex.search('GPUs for labs').hits.map((hit) => hit.passage.text)).toEqual([
      'Nvidia sells many GPUs to labs every quarter.',
      'Chips for labs.',
    ]);
  });

  it('meets an irregular form of a word the pages use as the word itself', () => {
    const answer = best('who sold GPUs');
    expect(answer?.passage.text).toMatch(/^Nvidia sells/);
    expect(answer?.coverage).toBe(1);
  });

  it('reads a WordNet phrase as one topic: its words alone are other topics', () => {
    const phraseIndex = EpisodeIndex.build([
      passage('Business', 'Radical policies could hurt the business climate.'),
      passage('Models', 'Companies use a mix of open models.'),
      passage('Rates', 'Bond yields rose again.'),
    ]);
    const first = (question: string) => phraseIndex.search(question).hits[0]?.passage.section;
    expect(first('business climate policies')).toBe('Business');
    expect(phraseIndex.search('climate change policies').hits).toEqual([]);
    expect(first('fusion companies')).toBe('Models');
    expect(phraseIndex.search('nuclear fusion companies').hits).toEqual([]);
  });

  it('reads a WordNet phrase as one topic even when the pages use both words, apart', () => {
    const apart = EpisodeIndex.build([
      passage('Kitchens', 'CloudKitchens links Apple Health data to meals.'),
      passage('Chips', 'Engineers code directly in PTX.'),
      passage('Climate', 'The climate will change.'),
    ]);
    expect(apart.search('cloudkitchens health data').hits[0]?.passage.section).toBe('Kitchens');
    expect(apart.search('cloudkitchens health code violations').hits).toEqual([]);
  });

  it("counts a two-word name matched whole as two of the question's words", () => {
    const names = EpisodeIndex.build(
      [passage('Guests', 'Travis Kalanick joins the show.'), passage('Food', 'Robotic kitchens cook meals.')],
      [['Travis Kalanick', 'TK']],
    );
    expect(names.search('Travis Kalanick as a guest').hits.map((hit) => hit.passage.section)).toEqual([
      'Guests',
    ]);
  });

  it('meets an amount asked without its currency sign', () => {
    const amounts = EpisodeIndex.build([
      passage('Micron', 'Revenue grew from $9B to $42B in a year.'),
      passage('Food', 'Robotic kitchens cook meals.'),
    ]);
    expect(amounts.search('revenue 9b to 42b').hits[0]).toMatchObject({ coverage: 1 });
    expect(amounts.search('revenue 9b to 42b').hits[0]?.terms).toEqual(
      expect.arrayContaining(['$9b', '$42b']),
    );
  });

  it('answers nothing about a name the pages never mention', () => {
    expect(pagesIndex.search('BYD electric cars').hits).toEqual([]);
    expect(best('cheap electric cars')?.passage.section).toBe('Grid');
  });
});

describe('EpisodeIndex.warm', () => {
  const questions = ['HBM', 'memory supply', 'memroy makers', 'robot', 'what about dynamic memory', 'zzqx'];
  const answers = (of: EpisodeIndex) =>
    questions.map((question) => {
      const { hits, ...rest } = of.search(question);
      return {
        ...rest,
        hits: hits.map(({ passage, score, coverage, terms }) => ({ passage, score, coverage, terms })),
      };
    });

  it('leaves every answer as it was, and works on an index with no passages', async () => {
    const cold = EpisodeIndex.build(corpus, [['DRAM', 'dynamic memory']]);
    const before = answers(cold);
    await cold.warm();
    expect(answers(cold)).toEqual(before);
    const empty = EpisodeIndex.build([]);
    await empty.warm();
    expect(empty.search('memory').hits).toEqual([]);
  });

  it('answers questions asked while it warms', async () => {
    const warming = EpisodeIndex.build(corpus, [['DRAM', 'dynamic memory']]);
    const done = warming.warm();
    expect(warming.search('HBM').hits[0]?.passage.text).toMatch(/^High Bandwidth Memory/);
    await done;
  });
});
