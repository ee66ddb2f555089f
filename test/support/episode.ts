import type { Episode } from '../../src/episodes/schema.js';

/** An episode for a test: a canonical JSON source with nothing known but what the test says. */
export const episodeOf = (fields: Partial<Episode> & Pick<Episode, 'id'>): Episode => ({
  title: `Episode ${fields.id}`,
  source: `${fields.id}.json`,
  format: 'canonical-json',
  show: null,
  number: null,
  published: null,
  duration: null,
  people: [],
  videoUrl: null,
  audioUrl: null,
  image: null,
  insights: null,
  chapters: [],
  sections: [],
  links: [],
  transcript: [],
  ...fields,
});
