import type { Attachment } from 'discord.js';
import { BOUNDS } from './limits.js';

/** What the bot is given of an uploaded file. */
export type UploadedFile = Pick<Attachment, 'name' | 'size' | 'url' | 'contentType'>;

const MEGABYTES = `${BOUNDS.attachmentBytes / 1024 / 1024} MB`;

/**
 * Downloads an attachment, refusing before it starts what declares itself too large or not text, and
 * stopping as soon as the bytes exceed the bound (the declared size is not trusted). What the bytes
 * mean is the engine's to judge (`AnswerEngine.addSource`).
 */
export async function downloadAttachment(
  file: UploadedFile,
  fetchFile: typeof fetch = fetch,
): Promise<{ content: Buffer } | { refused: string }> {
  if (file.size > BOUNDS.attachmentBytes)
    return {
      refused: `file is ${file.size} bytes; the limit is ${BOUNDS.attachmentBytes} bytes (${MEGABYTES})`,
    };
  // Transcripts come as text/vtt, application/x-subrip (SRT) or application/ttml+xml (TTML).
  if (file.contentType && !/^(text\/|application\/(json|x-subrip|ttml\+xml|xml))/.test(file.contentType))
    return { refused: `file is ${file.contentType}; expected text, JSON, SRT or TTML` };
  const response = await fetchFile(file.url);
  if (!response.ok || !response.body)
    return { refused: `could not download the file (HTTP ${response.status})` };
  const content = await readBounded(response.body, BOUNDS.attachmentBytes);
  if (content === null)
    return { refused: `file is larger than ${BOUNDS.attachmentBytes} bytes (${MEGABYTES})` };
  return { content };
}

/** Reads a stream up to a limit; null when it is longer. */
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
