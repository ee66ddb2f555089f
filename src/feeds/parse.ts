import { decodeHTML } from 'entities';
import { XMLValidator } from 'fast-xml-parser';
import { type AtomFeed, type RssFeed, parseFeed } from 'feedsmith';
import { FeedError } from './error.js';

/**
 * A feed's XML as the items podqa imports. feedsmith reads RSS 2.0, Atom and their iTunes and
 * Podcasting 2.0 tags on fast-xml-parser with entity expansion off; before it runs, a document that
 * declares entities (the "billion laughs" bomb, external entities) is refused outright, and
 * malformed XML is refused with its line.
 */

/** A feed reduced to what an episode needs; every text field trimmed, absent ones null. */
export interface ParsedFeed {
  format: 'rss' | 'atom';
  /** The show: the channel's title. */
  title: string | null;
  image: string | null;
  author: string | null;
  items: FeedItem[];
}

export interface FeedItem {
  /** 1-based position in the feed, to name an item that has no usable title. */
  position: number;
  /** The item's `guid` (Atom `id`), else its enclosure or link: what identifies it across imports. */
  guid: string | null;
  title: string | null;
  link: string | null;
  /** The publication time as written (RFC 822 or ISO 8601). */
  published: string | null;
  /** `itunes:duration` in seconds (written as seconds, m:ss or h:mm:ss). */
  duration: number | null;
  /** `itunes:episode`. */
  number: number | null;
  image: string | null;
  author: string | null;
  /** The longest of description, `content:encoded`, `itunes:summary` (HTML or text). */
  description: string | null;
  enclosure: { url: string; type: string | null } | null;
  /** The `podcast:chapters` JSON file's URL. */
  chaptersUrl: string | null;
  transcripts: { url: string; type: string }[];
  people: { name: string; role: string }[];
}

/** Reads a feed's XML; throws `FeedError` naming the source and what was wrong. */
export function parseFeedXml(xml: string, source: string): ParsedFeed {
  refuseEntityDeclarations(xml, source);
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new FeedError(`${source}:${valid.err.line}: malformed XML: ${valid.err.msg}`);
  }
  let parsed: ReturnType<typeof parseFeed<string>>;
  try {
    parsed = parseFeed<string>(xml);
  } catch (err) {
    throw new FeedError(`${source}: not an RSS 2.0 or Atom feed (${(err as Error).message})`);
  }
  if (parsed.format === 'rss') return fromRss(parsed.feed);
  if (parsed.format === 'atom') return fromAtom(parsed.feed);
  throw new FeedError(`${source}: a ${parsed.format.toUpperCase()} feed; expected RSS 2.0 or Atom`);
}

/**
 * Entities are never expanded; a document that declares any is refused before parsing, so a bomb
 * or an external entity costs one scan of the prolog.
 */
function refuseEntityDeclarations(xml: string, source: string): void {
  const root = xml.search(/<[A-Za-z_]/);
  const prolog = root < 0 ? xml : xml.slice(0, root);
  if (/<!ENTITY/i.test(prolog)) {
    throw new FeedError(
      `${source}: the feed declares XML entities (<!ENTITY>); refused, as entity declarations are never expanded`,
    );
  }
}

const text = (value: string | undefined | null): string | null => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};
/** An Atom text construct: `type="html"` text is markup whose entities are still escaped once. */
const atomText = (construct: { value?: string; type?: string } | undefined): string | null =>
  construct?.type === 'html'
    ? text(decodeHTML((construct.value ?? '').replace(/<[^>]+>/g, '')))
    : text(construct?.value);
const longest = (...values: (string | undefined)[]): string | null =>
  values.reduce<string | null>((best, value) => {
    const t = text(value);
    return t !== null && t.length > (best?.length ?? 0) ? t : best;
  }, null);
const count = (value: number | undefined): number | null =>
  value !== undefined && Number.isFinite(value) && value >= 0 ? Math.round(value) : null;

function fromRss(feed: RssFeed.Feed<string>): ParsedFeed {
  return {
    format: 'rss',
    title: text(feed.title),
    image: text(feed.itunes?.image) ?? text(feed.image?.url),
    author: text(feed.itunes?.author),
    items: (feed.items ?? []).map((item, i) => {
      const enclosure = item.enclosures?.find((e) => text(e.url) !== null);
      return {
        position: i + 1,
        guid: text(item.guid?.value) ?? text(enclosure?.url) ?? text(item.link),
        title: text(item.title) ?? text(item.itunes?.title),
        link: text(item.link),
        published: text(item.pubDate) ?? text(item.dc?.dates?.[0]),
        duration: count(item.itunes?.duration),
        number: count(item.itunes?.episode),
        image: text(item.itunes?.image),
        author: text(item.itunes?.author),
        description: longest(item.description, item.content?.encoded, item.itunes?.summary),
        enclosure: enclosure?.url ? { url: enclosure.url.trim(), type: text(enclosure.type) } : null,
        chaptersUrl: text(item.podcast?.chapters?.url),
        transcripts: (item.podcast?.transcripts ?? []).flatMap((t) => {
          const [url, type] = [text(t.url), text(t.type)];
          return url && type ? [{ url, type: type.toLowerCase() }] : [];
        }),
        people: (item.podcast?.persons ?? []).flatMap((p) => {
          const name = text(p.display);
          return name ? [{ name, role: text(p.role)?.toLowerCase() ?? 'host' }] : [];
        }),
      };
    }),
  };
}

function fromAtom(feed: AtomFeed.Feed<string>): ParsedFeed {
  return {
    format: 'atom',
    title: atomText(feed.title),
    image: text(feed.itunes?.image) ?? text(feed.logo) ?? text(feed.icon),
    author: text(feed.itunes?.author) ?? text(feed.authors?.[0]?.name),
    items: (feed.entries ?? []).map((entry, i) => {
      const enclosure = entry.links?.find((l) => l.rel === 'enclosure' && text(l.href) !== null);
      const link = entry.links?.find((l) => (l.rel ?? 'alternate') === 'alternate' && text(l.href) !== null);
      return {
        position: i + 1,
        guid: text(entry.id) ?? text(enclosure?.href) ?? text(link?.href),
        title: atomText(entry.title) ?? text(entry.itunes?.title),
        link: text(link?.href),
        published: text(entry.published) ?? text(entry.updated),
        duration: count(entry.itunes?.duration),
        number: count(entry.itunes?.episode),
        image: text(entry.itunes?.image),
        author: text(entry.itunes?.author) ?? text(entry.authors?.[0]?.name),
        description: longest(entry.content?.value, entry.summary?.value, entry.itunes?.summary),
        enclosure: enclosure?.href ? { url: enclosure.href.trim(), type: text(enclosure.type) } : null,
        chaptersUrl: null,
        transcripts: [],
        people: [],
      };
    }),
  };
}
