/**
 * Podcast feeds made up for the bench and the tests (never a real show's text): RSS 2.0 with the
 * iTunes and Podcasting 2.0 tags, each item with a CDATA description holding inline chapter stamps.
 */

export interface SyntheticItem {
  guid: string;
  title: string;
  /** RFC 822 date. */
  pubDate?: string;
  /** As `itunes:duration` writes it: seconds, m:ss or h:mm:ss. */
  duration?: string;
  episode?: number;
  /** HTML or text; wrapped in CDATA. */
  description?: string;
  enclosureUrl?: string | null;
  /** Extra raw XML inside the item (podcast:transcript, podcast:chapters, podcast:person…). */
  extra?: string;
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function rssFeed(show: string, items: readonly SyntheticItem[]): string {
  const body = items.map((item) => {
    const parts = [
      `<title>${escapeXml(item.title)}</title>`,
      `<guid isPermaLink="false">${escapeXml(item.guid)}</guid>`,
      item.pubDate ? `<pubDate>${item.pubDate}</pubDate>` : '',
      item.duration ? `<itunes:duration>${item.duration}</itunes:duration>` : '',
      item.episode === undefined ? '' : `<itunes:episode>${item.episode}</itunes:episode>`,
      item.description ? `<description><![CDATA[${item.description}]]></description>` : '',
      item.enclosureUrl
        ? `<enclosure url="${escapeXml(item.enclosureUrl)}" type="audio/mpeg" length="1000"/>`
        : '',
      item.extra ?? '',
    ];
    return `    <item>\n      ${parts.filter(Boolean).join('\n      ')}\n    </item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:podcast="https://podcastindex.org/namespace/1.0">
  <channel>
    <title>${escapeXml(show)}</title>
    <itunes:author>The Synthetic Hosts</itunes:author>
    <itunes:image href="https://podcast.example/art.jpg"/>
${body.join('\n')}
  </channel>
</rss>
`;
}

const TOPICS = [
  'memory bandwidth and the price of accelerators',
  'power contracts for new data centres',
  'tariffs on chips and the supply of wafers',
  'open weights against closed models',
  'interest rates and venture funding',
  'robots on factory floors',
  'the bond market and the deficit',
  'satellite internet in rural towns',
];

/** `n` items, newest first, one a week back from 2025-06-06, each with stamps and a few paragraphs. */
export function syntheticItems(n: number): SyntheticItem[] {
  return Array.from({ length: n }, (_, i) => {
    const topic = (k: number) => TOPICS[(i + k) % TOPICS.length] ?? '';
    const date = new Date(Date.UTC(2025, 5, 6) - i * 7 * 86_400_000);
    return {
      guid: `synthetic-show-${n - i}`,
      title: `E${n - i}: ${topic(0)}`,
      pubDate: date.toUTCString(),
      duration: `1:${String(10 + (i % 50)).padStart(2, '0')}:05`,
      episode: n - i,
      enclosureUrl: `https://podcast.example/audio/${n - i}.mp3`,
      description: [
        `<p>This week the hosts argue about ${topic(0)}, then turn to ${topic(1)}.</p>`,
        `<p>(0:00) Intro (2:41) ${topic(0)} (19:05) ${topic(1)} (37:12) ${topic(2)} (58:30) ${topic(3)}</p>`,
        `<p>They also ask what ${topic(4)} means for listeners, and whether ${topic(5)} will last.</p>`,
        '<p>Follow the show: https://podcast.example/follow</p>',
      ].join('\n'),
    };
  });
}
