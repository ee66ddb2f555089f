import { decodeHTML } from 'entities';
import type { TranscriptCue } from '../../episodes/schema.js';
import { type TranscriptRead, finishCues, linesOf, noCues, parseTimecode, squash } from './cues.js';

/**
 * WebVTT (`.vtt`): the `WEBVTT` header (its text, if any, is the title), then blocks separated by
 * blank lines: `NOTE`, `STYLE` and `REGION` blocks are skipped; a cue is an optional identifier, a
 * timing line `start --> end` with optional cue settings, and payload lines. The speaker is the first
 * voice tag (`<v Name>`, `<v.loud Name>`); other tags (`<c>`, `<i>`, `<b>`, `<ruby>`, inline
 * timestamps) are stripped and entities decoded.
 */

const TIMING = /^(\S+)\s+-->\s+(\S+)(?:\s+.*)?$/;
const VOICE = /<v(?:\.[\w.-]+)?\s+([^>]+)>/;

export function readWebVtt(file: string, text: string): TranscriptRead {
  const lines = linesOf(text);
  const header = /^WEBVTT(?:[ \t]+(.*))?$/.exec(lines[0] ?? '');
  if (!header) {
    return {
      cues: [],
      title: null,
      problems: [
        { file, line: 1, message: 'expected a WebVTT file to begin with "WEBVTT"', severity: 'error' },
      ],
    };
  }
  const title = squash((header[1] ?? '').replace(/^-\s*/, '')) || null;
  const problems: TranscriptRead['problems'] = [];
  const found: (TranscriptCue & { line: number })[] = [];

  let i = 1;
  while (i < lines.length) {
    // One block: from here to the next blank line.
    while (i < lines.length && (lines[i] ?? '').trim() === '') i++;
    const from = i;
    while (i < lines.length && (lines[i] ?? '').trim() !== '') i++;
    const block = lines.slice(from, i);
    if (block.length === 0 || /^(NOTE|STYLE|REGION)(\s|$)/.test(block[0] ?? '')) continue;
    const timingAt = block.findIndex((line) => line.includes('-->'));
    if (timingAt < 0 || timingAt > 1) continue; // header metadata lines, or text with no timing
    const timing = TIMING.exec((block[timingAt] ?? '').trim());
    const start = timing ? parseTimecode(timing[1] ?? '') : null;
    const end = timing ? parseTimecode(timing[2] ?? '') : null;
    if (start === null || end === null) {
      problems.push({
        file,
        line: from + timingAt + 1,
        message: `malformed cue timing "${(block[timingAt] ?? '').trim()}": expected "00:01:02.500 --> 00:01:05.000"`,
        severity: 'warning',
      });
      continue;
    }
    const payload = block.slice(timingAt + 1).join('\n');
    found.push({
      start,
      end,
      speaker: squash(decodeHTML(VOICE.exec(payload)?.[1] ?? '')) || null,
      text: squash(decodeHTML(payload.replace(/<[^>]*>/g, ' '))),
      line: from + timingAt + 1,
    });
  }
  const cues = finishCues(file, found, problems);
  if (cues.length === 0)
    problems.push(noCues(file, 'cues such as "00:00:01.000 --> 00:00:04.000" then text'));
  return { cues, title, problems };
}
