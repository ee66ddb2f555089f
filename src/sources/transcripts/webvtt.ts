import { decodeHTML } from 'entities';
import type { TranscriptCue } from '../../episodes/schema.js';
import type { SetAsideLine } from '../setAside.js';
import { type TranscriptRead, finishCues, linesOf, parseTimecode, refusedRead, squash } from './cues.js';

/**
 * WebVTT (`.vtt`): the `WEBVTT` header (its text, if any, is the title; `Kind:` / `Language:` lines
 * after it are set aside as `vtt:header`), then blocks separated by empty lines: `NOTE`, `STYLE` and
 * `REGION` blocks are set aside by their rule; a cue is an optional identifier, a timing line
 * `start --> end` with optional cue settings, and payload lines. The speaker is the first voice tag
 * (`<v Name>`, `<v.loud Name>`); other tags (`<c>`, `<i>`, `<b>`, `<ruby>`, inline timestamps) are
 * stripped and entities decoded.
 *
 * YouTube's automatic captions, as yt-dlp saves them, roll: each cue repeats the line before it above
 * its new words (tagged word by word, `<00:00:01.234><c> word</c>`), and a 10 ms cue between them
 * repeats the line just said. In such a file a line repeating the one before is set aside as
 * `caption:repeat`, so every sentence is indexed once, at the cue where it was first said.
 */

const TIMING = /^(\S+)\s+-->\s+(\S+)(?:\s+.*)?$/;
const VOICE = /<v(?:\.[\w.-]+)?\s+([^>]+)>/;
/** An inline word timestamp or class tag: only rolling captions write them. */
const WORD_TAG = /<\d{1,2}:\d{2}(?::\d{2})?\.\d{3}>|<c[.>]/;

/**
 * Captions that roll: word tags, or the 10 ms cues that only repeat a line. Captions typed by a
 * person (`Kind: captions` too) may say "Yeah." twice in a row, and both are kept.
 */
function isRolling(text: string): boolean {
  if (WORD_TAG.test(text)) return true;
  for (const [, from, to] of text.matchAll(/^(\S+)\s+-->\s+(\S+)/gm)) {
    const start = parseTimecode(from ?? '');
    const end = parseTimecode(to ?? '');
    if (start !== null && end !== null && end - start <= REPEAT_CUE_SECONDS) return true;
  }
  return false;
}

/** A cue this short shows nothing new: rolling captions' repeat of the line just said. */
const REPEAT_CUE_SECONDS = 0.02;

export function readWebVtt(file: string, text: string): TranscriptRead {
  const lines = linesOf(text);
  const header = /^WEBVTT(?:[ \t]+(.*))?$/.exec(lines[0] ?? '');
  if (!header)
    return refusedRead({
      file,
      line: 1,
      message: 'expected a WebVTT file to begin with "WEBVTT"',
      severity: 'error',
    });
  const title = squash((header[1] ?? '').replace(/^-\s*/, '')) || null;
  const problems: TranscriptRead['problems'] = [];
  const setAside: SetAsideLine[] = [];
  const aside = (at: number, rule: string) => {
    const said = squash(lines[at] ?? '');
    if (said !== '') setAside.push({ file, line: at + 1, rule, text: said });
  };
  aside(0, 'vtt:header');
  const rolling = isRolling(text);
  // Rolling captions put a line holding one space inside a cue: only an empty line ends a block there.
  const ends = (line: string) => (rolling ? line === '' : line.trim() === '');
  const found: (TranscriptCue & { line: number })[] = [];
  let lastSaid = '';

  let i = 1;
  // The header's own lines (`Kind: captions`, `Language: en`) run to the first blank line.
  for (; i < lines.length && !ends(lines[i] ?? ''); i++) aside(i, 'vtt:header');
  while (i < lines.length) {
    while (i < lines.length && ends(lines[i] ?? '')) i++;
    const from = i;
    while (i < lines.length && !ends(lines[i] ?? '')) i++;
    if (i === from) continue;
    const block = (at: number) => lines[from + at] ?? '';
    const kind = /^(NOTE|STYLE|REGION)(\s|$)/.exec(block(0))?.[1];
    if (kind !== undefined) {
      for (let k = from; k < i; k++) aside(k, `vtt:${kind.toLowerCase()}`);
      continue;
    }
    const timingAt = block(0).includes('-->') ? 0 : block(1).includes('-->') ? 1 : -1;
    if (timingAt < 0) {
      // Text with no timing above it cannot be placed: named, never dropped in silence.
      for (let k = from; k < i; k++) aside(k, 'vtt:untimed');
      continue;
    }
    const timing = TIMING.exec(block(timingAt).trim());
    const start = timing ? parseTimecode(timing[1] ?? '') : null;
    const end = timing ? parseTimecode(timing[2] ?? '') : null;
    if (start === null || end === null) {
      problems.push({
        file,
        line: from + timingAt + 1,
        message: `malformed cue timing "${block(timingAt).trim()}": expected "00:01:02.500 --> 00:01:05.000"`,
        severity: 'warning',
      });
      for (let k = from + timingAt + 1; k < i; k++) aside(k, 'vtt:bad-timing');
      continue;
    }
    const payload: string[] = [];
    for (let k = from + timingAt + 1; k < i; k++) {
      const said = squash(decodeHTML((lines[k] ?? '').replace(/<[^>]*>/g, '')));
      if (said === '') continue;
      if (rolling && said === lastSaid) {
        aside(k, 'caption:repeat');
        continue;
      }
      payload.push(lines[k] ?? '');
      lastSaid = said;
    }
    const words = payload.join('\n');
    found.push({
      start,
      end,
      speaker: squash(decodeHTML(VOICE.exec(words)?.[1] ?? '')) || null,
      // Tags are removed, not spaced (`<b>Pip</b>,` is `Pip,`); a word tag's space is inside it.
      text: squash(decodeHTML(words.replace(/<[^>]*>/g, ''))),
      line: from + timingAt + 1,
    });
  }
  const cues = finishCues(file, found, problems, 'cues such as "00:00:01.000 --> 00:00:04.000" then text');
  return { cues, title, problems, setAside };
}
