import { XMLParser } from 'fast-xml-parser';
import type { TranscriptCue } from '../../episodes/schema.js';
import type { SetAsideLine } from '../setAside.js';
import { type TranscriptRead, finishCues, parseTimecode, refusedRead, squash } from './cues.js';

/**
 * TTML (`.ttml`, Apple Podcasts' transcripts): each `<p begin end ttm:agent>` under `<body>` is a cue;
 * its words are the text of its spans (Apple writes one timed span per word, so timed spans are
 * joined with spaces). A speaker is named when `<ttm:agent xml:id>` in the head gives it a
 * `<ttm:name>`; a bare id (`SPEAKER_1`) names no one. `<ttm:title>` is the title. Text in the body
 * outside any timed `<p>` is set aside as `ttml:untimed`.
 */

type XmlNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({
  ignoreAttributes: false,
  preserveOrder: true,
  trimValues: false,
  processEntities: true,
  attributeNamePrefix: '',
});

/** `12.5s`, `1500ms`, `2m`, `12.5` (seconds), `00:01:02.500`, or `00:01:02:12` (frames dropped). */
export function parseTtmlTime(text: string | undefined): number | null {
  if (text === undefined) return null;
  const offset = /^(\d+(?:\.\d+)?)(h|m|s|ms)?$/.exec(text.trim());
  if (offset) {
    const scale = { h: 3600, m: 60, s: 1, ms: 0.001 }[offset[2] ?? 's'] ?? 1;
    return Number(offset[1]) * scale;
  }
  return parseTimecode(text.trim().replace(/^(\d+:\d{2}:\d{2}):\d+$/, '$1'));
}

const tagOf = (node: XmlNode) => Object.keys(node).find((key) => key !== ':@') ?? '';
const childrenOf = (node: XmlNode) => (node[tagOf(node)] as XmlNode[] | undefined) ?? [];
const localName = (tag: string) => tag.slice(tag.indexOf(':') + 1);

/** The text under a node; a timed element (a word) is set apart by spaces. */
function textOf(node: XmlNode): string {
  const tag = tagOf(node);
  if (tag === '#text') return String(node['#text'] ?? '');
  if (localName(tag) === 'br') return ' ';
  const inner = childrenOf(node).map(textOf).join('');
  return node[':@']?.begin !== undefined ? ` ${inner} ` : inner;
}

function* walk(nodes: readonly XmlNode[]): Generator<XmlNode> {
  for (const node of nodes) {
    yield node;
    if (tagOf(node) !== '#text') yield* walk(childrenOf(node));
  }
}

export function readTtml(file: string, text: string): TranscriptRead {
  let document: XmlNode[];
  try {
    document = parser.parse(text.replace(/^\uFEFF/, '')) as XmlNode[];
  } catch (err) {
    return refusedRead({
      file,
      line: null,
      message: `invalid XML: ${(err as Error).message}`,
      severity: 'error',
    });
  }
  const all = [...walk(document)];
  const named = new Map<string, string>();
  for (const node of all.filter((n) => localName(tagOf(n)) === 'agent')) {
    const id = node[':@']?.['xml:id'];
    const name = childrenOf(node).find((child) => localName(tagOf(child)) === 'name');
    if (id !== undefined && name) named.set(id, squash(textOf(name)));
  }
  const titleNode = all.find((n) => localName(tagOf(n)) === 'title');
  const body = all.find((n) => localName(tagOf(n)) === 'body');
  const problems: TranscriptRead['problems'] = [];
  const setAside: SetAsideLine[] = [];
  const found: (TranscriptCue & { line: null })[] = [];
  const read = (nodes: readonly XmlNode[]) => {
    for (const node of nodes) {
      const tag = localName(tagOf(node));
      const said = squash(textOf(node)).replace(/\s+([,.;:!?…])/g, '$1');
      if (tag === 'p' && parseTtmlTime(node[':@']?.begin) !== null) {
        const agent = node[':@']?.['ttm:agent'];
        found.push({
          start: parseTtmlTime(node[':@']?.begin),
          end: parseTtmlTime(node[':@']?.end),
          speaker: (agent && named.get(agent)) || null,
          text: said,
          line: null,
        });
      } else if (tag === 'p' || tag === '#text') {
        if (said !== '') setAside.push({ file, line: null, rule: 'ttml:untimed', text: said });
      } else read(childrenOf(node));
    }
  };
  read(body ? childrenOf(body) : []);
  const cues = finishCues(
    file,
    found,
    problems,
    '<tt><body><div><p begin="1.5s" end="4s">text</p></div></body></tt> (TTML)',
  );
  return { cues, title: titleNode ? squash(textOf(titleNode)) || null : null, problems, setAside };
}
