import { createHash } from 'node:crypto';
import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Vote } from './schema.js';

export const FEEDBACK_FILE = 'feedback.jsonl';

/** Appends a vote as a line of `DATA_DIR/feedback.jsonl`; the user is kept only as a hash. */
export async function recordVote(dataDir: string, vote: Vote, now = new Date()): Promise<void> {
  const { question, passageId, vote: direction, userId } = Vote.parse(vote);
  const user = createHash('sha256').update(`podqa:${userId}`).digest('hex').slice(0, 16);
  const line = JSON.stringify({ time: now.toISOString(), question, passageId, vote: direction, user });
  await appendFile(join(dataDir, FEEDBACK_FILE), `${line}\n`);
}
