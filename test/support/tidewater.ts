import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EpisodeDocument } from '../../src/episodes/schema.js';

/**
 * "The Tidewater Hour", a fictional show written for podqa's tests: episodes with publisher chapters,
 * a summary section per chapter, and an hour-long transcript per episode that talks about the same
 * topics in the same words — the catalogue where transcripts could crowd summaries out.
 */

export interface Topic {
  chapter: string;
  section: string;
  summary: string;
  bullets: [string, string];
  /** A listener's question that the section answers. */
  question: string;
  /** What the hosts say about it, reused through the chapter's stretch of transcript. */
  said: string[];
}

export const EPISODES: { id: string; title: string; topics: Topic[] }[] = [
  {
    id: 'tidewater-01',
    title: 'Tidewater Hour 1: Reefs and rivers',
    topics: [
      {
        chapter: 'Oyster reefs',
        section: 'Oyster reefs clean the bay',
        summary: 'Restored oyster reefs filter the bay water and shelter young fish.',
        bullets: [
          'One adult oyster filters about fifty gallons of water a day.',
          'Reef restoration doubled juvenile fish counts.',
        ],
        question: 'how much water does an oyster filter',
        said: [
          'Oysters filter the water, that is the whole point of the reef.',
          'An oyster can filter a lot of water in a day, people underestimate it.',
          'The reef is where the small fish hide.',
        ],
      },
      {
        chapter: 'River dams',
        section: 'Removing the old mill dams',
        summary: 'Taking out two mill dams reopened the river to migrating herring.',
        bullets: [
          'Herring returned upstream within two seasons.',
          'Sediment behind the dams was moved before removal.',
        ],
        question: 'what happened to herring after the dams came out',
        said: [
          'The dams on that river were built for mills two centuries ago.',
          'When a dam comes out the river changes fast.',
          'Fish run upstream again once the river is open.',
        ],
      },
      {
        chapter: 'Storm surge',
        section: 'Marshes blunt storm surge',
        summary: 'Salt marshes absorb storm surge and protect the towns behind them.',
        bullets: [
          'A wide marsh lowered flood heights in the last hurricane.',
          'Towns are paying to keep marshes from eroding.',
        ],
        question: 'do marshes protect towns from hurricane flooding',
        said: [
          'The storm pushed the water right over the road.',
          'A marsh takes the energy out of a surge.',
          'Towns behind the marsh flooded less, that is what the gauges showed.',
        ],
      },
      {
        chapter: 'Listener mail',
        section: 'Listeners ask about crab traps',
        summary: 'Ghost crab traps keep catching crabs for years after they are lost.',
        bullets: [
          'Volunteers pulled four hundred lost traps last winter.',
          'New traps have panels that dissolve.',
        ],
        question: 'why are lost crab traps a problem',
        said: [
          'We got a lot of mail about crab traps this week.',
          'A lost trap keeps fishing, nobody checks it.',
          'The crabs in a trap attract more crabs.',
        ],
      },
    ],
  },
  {
    id: 'tidewater-02',
    title: 'Tidewater Hour 2: Boats and birds',
    topics: [
      {
        chapter: 'Ferry electrification',
        section: 'The electric ferry pilot',
        summary: 'The harbor ferry switched to batteries and cut its fuel bill by two thirds.',
        bullets: [
          'Charging happens during the ten minute turnaround.',
          'Riders noticed the quiet more than anything.',
        ],
        question: 'how much fuel did the electric ferry save',
        said: [
          'The ferry runs on batteries now, it charges at the dock.',
          'Fuel was the biggest cost for the ferry.',
          'People say the ferry is so quiet now.',
        ],
      },
      {
        chapter: 'Heron rookery',
        section: 'Herons return to the island',
        summary: 'A heron rookery came back to the island after the rats were removed.',
        bullets: ['Forty nests were counted this spring.', 'Rat removal took three years of trapping.'],
        question: 'why did the herons come back to the island',
        said: [
          'The herons nest in the tall pines on the island.',
          'Rats were eating the eggs, that was the problem.',
          'Now you can hear the rookery from the boat.',
        ],
      },
      {
        chapter: 'Harbor dredging',
        section: 'Dredging and the shipping channel',
        summary: 'The channel dredging plan moves spoil onto eroding islands instead of dumping it offshore.',
        bullets: [
          'The spoil rebuilt twelve acres of island.',
          'Dredging waits until the birds leave in autumn.',
        ],
        question: 'where does the dredged sand from the channel go',
        said: [
          'They dredge the channel so the ships can get in.',
          'The sand has to go somewhere after dredging.',
          'Putting the sand on the islands is cheaper than hauling it.',
        ],
      },
      {
        chapter: 'Sailing school',
        section: 'A sailing school for kids',
        summary: 'A free sailing school teaches harbor kids to sail and to read the weather.',
        bullets: ['Two hundred kids learned to sail last summer.', 'Instructors are former students.'],
        question: 'who teaches at the kids sailing school',
        said: [
          'The kids learn to sail in little boats first.',
          'Reading the weather is half of sailing.',
          'Some kids come back to teach the next summer.',
        ],
      },
    ],
  },
  {
    id: 'tidewater-03',
    title: 'Tidewater Hour 3: Water and work',
    topics: [
      {
        chapter: 'Seaweed farming',
        section: 'Kelp farms as a second income',
        summary: 'Fishermen grow kelp in winter as a second income between seasons.',
        bullets: [
          'A kelp line yields a ton of seaweed per season.',
          'Kelp takes up nitrogen from the water.',
        ],
        question: 'why are fishermen growing kelp in winter',
        said: [
          'Kelp grows in the cold months, so the timing works.',
          'A fisherman needs income in winter.',
          'The seaweed goes to food and fertilizer.',
        ],
      },
      {
        chapter: 'Septic upgrades',
        section: 'Septic systems and nitrogen',
        summary: 'Old septic systems leak nitrogen that feeds algae blooms in the coves.',
        bullets: [
          'The county pays half of a septic upgrade.',
          'Algae blooms fell in the coves that upgraded.',
        ],
        question: 'what causes the algae blooms in the coves',
        said: [
          'Septic tanks near the water are a big source.',
          'Nitrogen feeds the algae, it is that simple.',
          'The coves turn green in August.',
        ],
      },
      {
        chapter: 'Working waterfront',
        section: 'Keeping the working waterfront',
        summary: 'Zoning keeps the waterfront for boatyards instead of condos.',
        bullets: ['Three boatyards were saved by the new zoning.', 'Condo developers sued and lost.'],
        question: 'how did the town save its boatyards from condos',
        said: [
          'The waterfront used to be all boatyards.',
          'Condos pay more for the land than a boatyard can.',
          'Without zoning the boatyards would be gone.',
        ],
      },
      {
        chapter: 'Tide gauges',
        section: 'Reading sea level from tide gauges',
        summary: 'A century of tide gauge records shows the sea rising faster since 1990.',
        bullets: ['The gauge has run since 1921.', 'The rate since 1990 is twice the old rate.'],
        question: 'is sea level rising faster according to tide gauges',
        said: [
          'The tide gauge at the pier is a hundred years old.',
          'Sea level goes up and down with the tide, you average it.',
          'The line on the chart bends up around 1990.',
        ],
      },
    ],
  },
];

/** Talk that matches no question: most of an hour of conversation is not about the topic words. */
const FILLER = [
  'Yeah, I think that is right.',
  'We should say a word about the weather this week, it was something.',
  'Thanks to everyone who wrote in.',
  'I was out on the boat on Saturday morning and it was calm.',
  'That reminds me of a story my grandfather told.',
  'Let me push back on that a little.',
  'Okay, fair enough, go on.',
  'You know, the numbers on that surprised me.',
];
const HOSTS = ['Maren', 'Ivo'];
const CHAPTER_SECONDS = 15 * 60;
const CUE_SECONDS = 5;

const stamp = (seconds: number) => {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.000`;
};

/** An hour of WebVTT: each chapter's quarter hour, its topic words said every few cues, filler between. */
export function transcriptOf(topics: readonly Topic[]): string {
  const lines = ['WEBVTT', ''];
  topics.forEach((topic, t) => {
    for (let k = 0; k < CHAPTER_SECONDS / CUE_SECONDS; k++) {
      const at = t * CHAPTER_SECONDS + k * CUE_SECONDS;
      const text = k % 3 === 0 ? topic.said[(k / 3) % topic.said.length] : FILLER[k % FILLER.length];
      lines.push(`${stamp(at)} --> ${stamp(at + CUE_SECONDS)}`, `<v ${HOSTS[k % 7 < 4 ? 0 : 1]}>${text}`, '');
    }
  });
  return lines.join('\n');
}

export function documentOf(episode: (typeof EPISODES)[number]): EpisodeDocument {
  return {
    id: episode.id,
    title: episode.title,
    show: 'The Tidewater Hour',
    number: null,
    published: '2025-03-01',
    duration: episode.topics.length * CHAPTER_SECONDS,
    people: [],
    videoUrl: null,
    audioUrl: `https://example.com/${episode.id}.mp3`,
    image: null,
    insights: null,
    chapters: episode.topics.map((topic, t) => ({ title: topic.chapter, start: t * CHAPTER_SECONDS })),
    sections: episode.topics.map((topic) => ({
      kind: 'analysis' as const,
      title: topic.section,
      summary: topic.summary,
      bullets: [...topic.bullets],
      start: null,
      end: null,
    })),
    links: [],
  };
}

/** A data directory holding the show: `<id>.json` and `<id>.vtt` per episode, as the feed importer writes them. */
export function tidewaterDataDir(withTranscripts: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'podqa-tidewater-'));
  mkdirSync(join(dir, 'episodes'));
  writeFileSync(join(dir, 'aliases.json'), JSON.stringify({ groups: [] }));
  for (const episode of EPISODES) {
    writeFileSync(join(dir, 'episodes', `${episode.id}.json`), JSON.stringify(documentOf(episode), null, 2));
    if (withTranscripts)
      writeFileSync(join(dir, 'episodes', `${episode.id}.vtt`), transcriptOf(episode.topics));
  }
  return dir;
}
