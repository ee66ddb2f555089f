import type { TranscriptCue } from '../../episodes/schema.js';
import type { SetAsideLine } from '../setAside.js';
import { type TranscriptRead, finishCues, linesOf, parseTimecode, splitSpeaker, squash } from './cues.js';

/**
 * What `whisper` and `whisper.cpp` print as they transcribe, saved to a file:
 * `[00:00:00.000 --> 00:00:02.760]   All right, welcome back.` (`[00:02.760 --> …]` under an hour).
 * A line without a stamp continues the cue above it (a wrapped line), unless it is one of the tools'
 * own log lines (`main: processing …`, `whisper_print_timings: …`, `Detected language: English`, a
 * progress bar), which is set aside as `console:log`; so is anything before the first cue.
 */

const CODE = String.raw`(?:\d{1,3}:)?\d{1,2}:\d{2}[.,]\d{1,3}`;
export const CONSOLE_CUE = new RegExp(String.raw`^\[\s*(${CODE})\s*-->\s*(${CODE})\s*\]\s*(.*)$`);
/** `name: …` where the name is an identifier (`main`, `whisper_print_timings`), a `Detect…` line, or a progress bar. */
const LOG_LINE = /^(?:[a-z_][a-z0-9_]*:\s|Detect(?:ing|ed) language|\d+%\|)/;
/** whisper.cpp's diarization mark at a cue's end: a change of speaker, not words said. */
const SPEAKER_TURN = /\s*\[SPEAKER_TURN\]\s*$/;

export function readConsoleTranscript(file: string, text: string): TranscriptRead {
  const problems: TranscriptRead['problems'] = [];
  const setAside: SetAsideLine[] = [];
  const found: (TranscriptCue & { line: number })[] = [];
  linesOf(text).forEach((raw, i) => {
    const line = squash(raw);
    if (line === '') return;
    const cue = CONSOLE_CUE.exec(line);
    const open = found.at(-1);
    if (cue) {
      const said = splitSpeaker((cue[3] ?? '').replace(SPEAKER_TURN, ''));
      found.push({
        start: parseTimecode(cue[1] ?? '') ?? 0,
        end: parseTimecode(cue[2] ?? ''),
        speaker: said.speaker,
        text: squash(said.text),
        line: i + 1,
      });
    } else if (open && !LOG_LINE.test(line)) {
      open.text = squash(`${open.text} ${line}`);
    } else {
      setAside.push({ file, line: i + 1, rule: 'console:log', text: line });
    }
  });
  const cues = finishCues(
    file,
    found,
    problems,
    'lines such as "[00:00:00.000 --> 00:00:02.760]   text" (Whisper)',
  );
  return { cues, title: null, problems, setAside };
}
