import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FeedError } from '../../../src/feeds/error.js';
import { parseFeedXml } from '../../../src/feeds/parse.js';

const NS =
  'xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:podcast="https://podcastindex.org/namespace/1.0"';

const rss = (items: string, channel = '') =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" ${NS}><channel><title>Made-Up Show &amp; Friends</title>${channel}${items}</channel></rss>`;

const refusal = (xml: string) => {
  try {
    parseFeedXml(xml, 'feed.xml');
  } catch (err) {
    expect(err).toBeInstanceOf(FeedError);
    return (err as Error).message;
  }
  throw new Error('expected the feed to be refused');
};

describe('parseFeedXml: RSS 2.0 with iTunes and Podcasting 2.0 tags', () => {
  const feed = parseFeedXml(
    rss(
      `<item>
        <title>Episode One: chips &amp; power</title>
        <guid isPermaLink="false">show-ep-1</guid>
        <pubDate>Fri, 06 Sep 2024 07:22:00 GMT</pubDate>
        <itunes:duration>1:02:03</itunes:duration>
        <itunes:episode>12</itunes:episode>
        <itunes:image href="https://podcast.example/ep1.jpg"/>
        <itunes:author>Ann Host</itunes:author>
        <enclosure url="https://podcast.example/ep1.mp3" type="audio/mpeg" length="100"/>
        <description><![CDATA[<p>(0:00) Intro (4:10) Chips</p>]]></description>
        <podcast:chapters url="https://podcast.example/ep1.chapters.json" type="application/json+chapters"/>
        <podcast:transcript url="https://podcast.example/ep1.txt" type="text/plain"/>
        <podcast:transcript url="https://podcast.example/ep1.vtt" type="text/vtt"/>
        <podcast:person role="guest">Bo Guest</podcast:person>
        <podcast:person>Ann Host</podcast:person>
      </item>
      <item><title>Two</title><guid>show-ep-2</guid><itunes:duration>754</itunes:duration></item>
      <item><title>Three</title><link>https://podcast.example/3</link><itunes:duration>12:34</itunes:duration></item>`,
      '<itunes:image href="https://podcast.example/show.jpg"/><itunes:author>Show Makers</itunes:author>',
    ),
    'feed.xml',
  );

  it('reads the show and its artwork', () => {
    expect(feed).toMatchObject({
      format: 'rss',
      title: 'Made-Up Show & Friends',
      image: 'https://podcast.example/show.jpg',
      author: 'Show Makers',
    });
  });

  it('reads every field an episode needs from an item', () => {
    expect(feed.items[0]).toEqual({
      position: 1,
      guid: 'show-ep-1',
      title: 'Episode One: chips & power',
      link: null,
      published: 'Fri, 06 Sep 2024 07:22:00 GMT',
      duration: 3723,
      number: 12,
      image: 'https://podcast.example/ep1.jpg',
      author: 'Ann Host',
      description: '<p>(0:00) Intro (4:10) Chips</p>',
      enclosure: { url: 'https://podcast.example/ep1.mp3', type: 'audio/mpeg' },
      chaptersUrl: 'https://podcast.example/ep1.chapters.json',
      transcripts: [
        { url: 'https://podcast.example/ep1.txt', type: 'text/plain' },
        { url: 'https://podcast.example/ep1.vtt', type: 'text/vtt' },
      ],
      people: [
        { name: 'Bo Guest', role: 'guest' },
        { name: 'Ann Host', role: 'host' },
      ],
    });
  });

  it('reads itunes:duration as seconds, m:ss or h:mm:ss', () => {
    expect(feed.items.map((item) => item.duration)).toEqual([3723, 754, 754]);
  });

  it('identifies an item without a guid by its link', () => {
    expect(feed.items[2]?.guid).toBe('https://podcast.example/3');
  });
});

describe('parseFeedXml: Atom', () => {
  it('reads entries, their enclosure link and their summary', () => {
    const feed = parseFeedXml(
      `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Show</title><id>urn:show</id><updated>2024-02-03T00:00:00Z</updated>
      <entry><title type="html">First &amp;amp; &lt;b&gt;best&lt;/b&gt; entry</title><id>urn:show:1</id><updated>2024-02-03T00:00:00Z</updated><published>2024-02-01T10:00:00Z</published>
      <link rel="enclosure" href="https://podcast.example/a.mp3" type="audio/mpeg"/><link href="https://podcast.example/a"/>
      <summary>(0:00) Intro (2:00) More</summary></entry></feed>`,
      'atom.xml',
    );
    expect(feed.title).toBe('Atom Show');
    expect(feed.items[0]).toMatchObject({
      guid: 'urn:show:1',
      title: 'First & best entry',
      published: '2024-02-01T10:00:00Z',
      link: 'https://podcast.example/a',
      enclosure: { url: 'https://podcast.example/a.mp3', type: 'audio/mpeg' },
      description: '(0:00) Intro (2:00) More',
    });
  });
});

describe('parseFeedXml refuses what is not a safe, well-formed feed', () => {
  it('refuses malformed XML with its line', () => {
    expect(refusal(rss('<item>\n<title>Broken</item>'))).toMatch(/^feed\.xml:3: malformed XML: .*title/);
  });

  it('refuses an entity bomb without expanding it', () => {
    const levels = Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join(
      '',
    );
    const bomb = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "ha">${levels}]>${rss('<item><title>&l9;</title><guid>x</guid></item>').replace(/^<\?xml[^>]*>\n/, '')}`;
    expect(refusal(bomb)).toBe(
      'feed.xml: the feed declares XML entities (<!ENTITY>); refused, as entity declarations are never expanded',
    );
  });

  it('refuses an external entity', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><title>&secret;</title></channel></rss>`;
    expect(refusal(xxe)).toMatch(/declares XML entities/);
  });

  it('refuses a document that is not RSS or Atom', () => {
    expect(refusal('<html><body><p>hello</p></body></html>')).toMatch(
      /^feed\.xml: not an RSS 2\.0 or Atom feed/,
    );
  });
});

describe('parseFeedXml on arbitrary input', () => {
  const sample = rss(
    '<item><title>One &amp; two</title><guid>g1</guid><description><![CDATA[<p>(0:00) Intro</p>]]></description></item>',
  );
  it('returns a feed or throws FeedError, never anything else', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          // A real feed cut, spliced and salted, as a broken server or proxy might deliver it.
          fc
            .tuple(fc.nat(sample.length), fc.nat(sample.length), fc.string({ maxLength: 20 }))
            .map(
              ([from, to, salt]) =>
                sample.slice(0, Math.min(from, to)) + salt + sample.slice(Math.max(from, to)),
            ),
        ),
        (xml) => {
          try {
            const feed = parseFeedXml(xml, 'feed.xml');
            expect(Array.isArray(feed.items)).toBe(true);
          } catch (err) {
            expect(err).toBeInstanceOf(FeedError);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
