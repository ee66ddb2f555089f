import { describe, expect, it } from 'vitest';
import {
  catalogueSpeakers,
  orderByIntent,
  readIntent,
  speakersInSteps,
} from '../../../src/answers/intent.js';
import type { Episode } from '../../../src/episodes/schema.js';
import type { SearchHit } from '../../../src/index/EpisodeIndex.js';
import type { Passage } from '../../../src/passages/passage.js';
import { episodeOf } from '../../support/episode.js';

const episode = (id: string, people: string[]): Episode =>
  episodeOf({ id, duration: 3600, people: people.map((name) => ({ name, role: 'host' })) });
const episodes = [episode('reefs', ['Maren Holt', 'Ivo Brandt']), episode('ferries', ['Ivo Brandt'])];
const hit = (
  episodeId: string,
  start: number | null,
  text: string,
  kind: Passage['kind'] = 'transcript',
): SearchHit => ({
  passage: {
    id: `${episodeId}#${kind}-${start}`,
    episodeId,
    episodeTitle: episodeId,
    kind,
    section: null,
    text,
    start,
    end: start,
    approximate: false,
    url: null,
  },
  episodeId,
  doc: 0,
  score: 1,
  coverage: 1,
  terms: [],
});
const byId = (id: string) => episodes.find((e) => e.id === id);
const ids = (hits: SearchHit[]) => hits.map((h) => h.passage.id);

describe('orderByIntent', () => {
  const speakers = catalogueSpeakers(episodes, []);

  it('puts passages in the part of the episode asked about first, in their lexical order', () => {
    const hits = [
      hit('reefs', 600, 'a'),
      hit('reefs', 3500, 'b'),
      hit('reefs', null, 'c', 'summary'),
      hit('reefs', 3300, 'd'),
    ];
    const intent = readIntent('the permit fight near the end', speakers);
    expect(intent.text).toBe('the permit fight');
    expect(ids(orderByIntent(hits, intent, byId))).toEqual([
      'reefs#transcript-3500',
      'reefs#transcript-3300',
      'reefs#transcript-600',
      'reefs#summary-null',
    ]);
  });

  it('puts what the speaker said first, then their episodes, and never searches their name', () => {
    const hits = [
      hit('ferries', 100, 'Ivo: the ferry permits again'),
      hit('reefs', 200, 'Welcome, I am here with Maren Holt. Ivo: hi'),
      hit('reefs', 900, 'Maren: the permits for the reef'),
    ];
    const intent = readIntent('what did Maren think about permits', speakers);
    expect(intent.text).toBe('what did think about permits');
    expect(ids(orderByIntent(hits, intent, byId))).toEqual([
      'reefs#transcript-900',
      'reefs#transcript-200',
      'ferries#transcript-100',
    ]);
  });

  it('does not put the list of who is on the episode, or a summary naming everyone on it, first', () => {
    const hits = [
      hit('reefs', null, 'Reefs. Hosts: Maren Holt, Ivo Brandt.', 'people'),
      hit('reefs', null, 'Maren and Ivo on the reef permits.', 'summary'),
      hit('reefs', null, 'Maren argues the permits come too late.', 'summary'),
      hit('reefs', 900, 'the permits for the reef'),
    ];
    const intent = readIntent('what did Maren think about permits', speakers);
    expect(orderByIntent(hits, intent, byId).map((h) => h.passage.text)).toEqual([
      'Maren argues the permits come too late.',
      'Maren and Ivo on the reef permits.',
      'the permits for the reef',
      'Reefs. Hosts: Maren Holt, Ivo Brandt.',
    ]);
  });

  it('keeps the name searched when their transcripts never label who speaks, and learns their nickname there', () => {
    const cue = (text: string, speaker: string | null = null) => ({ start: 0, end: 5, speaker, text });
    const unlabelled = episodeOf({
      id: 'harbour',
      people: [{ name: 'Oz Lind', role: 'host' }],
      transcript: [cue('Thank you, Ozzy. Brandy for everyone.')],
    });
    const [oz] = catalogueSpeakers([unlabelled], []);
    expect(oz?.forms).toContain('ozzy');
    expect(readIntent('what did ozzy think about the ferry', [oz!]).text).toBe(
      'what did ozzy think about the ferry',
    );
    const labelled = episodeOf({ ...unlabelled, transcript: [cue('Thank you, Ozzy.', 'June')] });
    const [heard] = catalogueSpeakers([labelled], []);
    expect(readIntent('what did ozzy think about the ferry', [heard!]).text).toBe(
      'what did think about the ferry',
    );
  });

  it('makes the speakers a step per episode with people, to the same speakers as at once', () => {
    const cue = { start: 0, end: 5, speaker: null, text: 'Thanks, Ozzy.' };
    const catalogue = [
      episodeOf({ id: 'a', people: [{ name: 'Oz Lind', role: 'host' }], transcript: [cue] }),
      episodeOf({ id: 'b', people: [] }),
      episodeOf({ id: 'c', people: [{ name: 'Maren Holt', role: 'guest' }] }),
    ];
    const steps = speakersInSteps(catalogue, []);
    let yields = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) yields++;
    expect(yields).toBe(2);
    expect(step.value).toEqual(catalogueSpeakers(catalogue, []));
    expect(step.value.find((s) => s.name === 'Oz Lind')?.forms).toContain('ozzy');
  });

  it('reads an episode named by number apart from its position and speaker', () => {
    const numbered = [
      { id: 'reefs', title: 'E7: Oyster reefs', number: null },
      { id: 'ferries', title: 'E8: Ferries', number: null },
    ];
    const intent = readIntent('what did Maren think near the end of ep 7', speakers, numbered);
    expect(intent).toMatchObject({ text: 'what did think of', episodes: ['reefs'] });
    expect(intent.part).not.toBeNull();
    expect(intent.speakers.map((speaker) => speaker.name)).toEqual(['Maren Holt']);
    expect(readIntent('oyster reefs', speakers, numbered).episodes).toEqual([]);
  });

  it('keeps the lexical order when the question names no part and no speaker', () => {
    const hits = [hit('reefs', 3500, 'a'), hit('reefs', 10, 'b')];
    expect(orderByIntent(hits, readIntent('oyster reefs', speakers), byId)).toEqual(hits);
  });
});
