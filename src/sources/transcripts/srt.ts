import { decodeHTML } from 'entities';
import type { TranscriptCue } from '../../episodes/schema.js';
import type { SetAsideLine } from '../setAside.js';
import { type TranscriptRead, finishCues, linesOf, parseTimecode, splitSpeaker, squash } from './cues.js';

/**
 * SubRip (`.srt`): blocks of a counter, `00:00:01,000 --> 00:00:04,000`, and text lines. Formatting
 * tags (`<i>`, `<font …>`) and positioning codes (`{\an8}`) are stripped; a leading `Name:` is the
 * speaker. Counters and timing lines are the cues' structure; text outside a cue (after a malformed
 * timing, or before the first) is set aside as `srt:untimed`.
 */

const TIMING = /^(\S+)\s*-->\s*(\S+)/;

export function readSrt(file: string, text: string): TranscriptRead {
  const lines = linesOf(text);
  const problems: TranscriptRead['problems'] = [];
  const found: (TranscriptCue & { line: number })[] = [];
  const setAside: SetAsideLine[] = [];
  let current: (TranscriptCue & { line: number; lines: string[] }) | null = null;
  const finish = () => {
    if (current) {
      const { lines: textLines, ...cue } = current;
      // Tags are removed, not spaced: `<b>Pip</b>,` is `Pip,`; the lines of a cue are joined by a space.
      const said = splitSpeaker(squash(decodeHTML(textLines.join(' ').replace(/<[^>]*>|\{\\[^}]*\}/g, ''))));
      found.push({ ...cue, speaker: said.speaker, text: said.text });
    }
    current = null;
  };
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line.includes('-->')) {
      finish();
      const timing = TIMING.exec(line);
      const start = timing ? parseTimecode(timing[1] ?? '') : null;
      const end = timing ? parseTimecode(timing[2] ?? '') : null;
      if (start === null || end === null) {
        problems.push({
          file,
          line: i + 1,
          message: `malformed cue timing "${line}": expected "00:01:02,500 --> 00:01:05,000"`,
          severity: 'warning',
        });
        return;
      }
      current = { start, end, speaker: null, text: '', line: i + 1, lines: [] };
    } else if (line === '') {
      finish();
    } else if (current) {
      current.lines.push(line);
    } else if (!/^\d+$/.test(line) || !(lines[i + 1] ?? '').includes('-->')) {
      setAside.push({ file, line: i + 1, rule: 'srt:untimed', text: squash(line) });
    }
  });
  finish();
  const cues = finishCues(
    file,
    found,
    problems,
    'numbered cues with "00:00:01,000 --> 00:00:04,000" then text',
  );
  return { cues, title: null, problems, setAside };
}
