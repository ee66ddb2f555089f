import { basename, extname, join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { AnswerEngine } from '../answers/engine.js';
import { SOURCE_EXTENSIONS, parseSource } from '../sources/loadEpisodes.js';
import type { Problem } from '../episodes/problem.js';
import { BOUNDS } from './limits.js';

/** What /reindex is given: Discord's description of an uploaded file. */
export interface UploadedFile {
  name: string;
  size: number;
  url: string;
  contentType: string | null;
}

/** A file name safe to write into the episodes directory, or null when none can be made. */
export function safeSourceName(name: string): string | null {
  const base = basename(name.replace(/\\/g, '/'))
    .replace(/[^\w.-]+/g, '-')
    .replace(/^[.-]+/, '')
    .slice(-100);
  const ext = extname(base).toLowerCase();
  if (!base || base.endsWith('.meta.json') || !(SOURCE_EXTENSIONS as readonly string[]).includes(ext))
    return null;
  return base;
}

/**
 * Validates an uploaded episode source and, only when it is good, saves it atomically into the
 * episodes directory. Returns the problems that refused it (nothing written) or the saved name.
 */
export async function acceptUpload(
  file: UploadedFile,
  { dataDir, engine, fetchFile = fetch }: { dataDir: string; engine: AnswerEngine; fetchFile?: typeof fetch },
): Promise<{ saved: string; problems: Problem[] } | { saved: null; problems: Problem[] }> {
  const refuse = (message: string) => ({
    saved: null,
    problems: [{ file: file.name, line: null, message, severity: 'error' as const }],
  });
  const name = safeSourceName(file.name);
  if (!name) return refuse(`expected a file ending in ${SOURCE_EXTENSIONS.join(', ')} (not .meta.json)`);
  if (file.size > BOUNDS.attachmentBytes)
    return refuse(`file is ${file.size} bytes; the limit is ${BOUNDS.attachmentBytes} bytes (2 MB)`);
  if (file.contentType && !/^(text\/|application\/json)/.test(file.contentType))
    return refuse(`file is ${file.contentType}; expected text or JSON`);

  const response = await fetchFile(file.url);
  if (!response.ok || !response.body) return refuse(`could not download the file (HTTP ${response.status})`);
  const content = await readBounded(response.body, BOUNDS.attachmentBytes);
  if (content === null) return refuse(`file is larger than ${BOUNDS.attachmentBytes} bytes (2 MB)`);

  const { episode, problems } = parseSource(name, content);
  const errors = problems.filter((p) => p.severity === 'error');
  if (!episode || errors.length) return { saved: null, problems: errors };
  const clash = engine.episodes().find((e) => e.id === episode.id && e.source !== name);
  if (clash) return refuse(`episode id "${episode.id}" is already used by ${clash.source}`);

  await writeFileAtomic(join(dataDir, 'episodes', name), content);
  return { saved: name, problems };
}

/** Reads a stream up to a limit; null when it is longer (the declared size is not trusted). */
async function readBounded(body: ReadableStream<Uint8Array>, limit: number): Promise<Buffer | null> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
