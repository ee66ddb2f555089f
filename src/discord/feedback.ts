import { createHash } from 'node:crypto';
import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';

/** One vote on an answer, as a line of `DATA_DIR/feedback.jsonl`. The user is kept only as a hash. */
export interface Vote {
  question: string;
  passageId: string;
  vote: 'up' | 'down';
  userId: string;
}

export const FEEDBACK_FILE = 'feedback.jsonl';

export async function recordVote(
  dataDir: string,
  { question, passageId, vote, userId }: Vote,
  now = new Date(),
): Promise<void> {
  const user = createHash('sha256').update(`podqa:${userId}`).digest('hex').slice(0, 16);
  const line = JSON.stringify({ time: now.toISOString(), question, passageId, vote, user });
  await appendFile(join(dataDir, FEEDBACK_FILE), `${line}\n`);
}
