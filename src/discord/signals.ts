import type { Logger } from '../log.js';

/**
 * Stops on SIGTERM or SIGINT, once, then exits 0 (1 when stopping failed). Returns the same stop, for
 * other reasons to stop (a shard whose manager is gone).
 */
export function stopOnSignals(stop: () => Promise<void>, logger: Logger): (reason: string) => void {
  let stopping = false;
  const stopFor = (reason: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, 'stopping');
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => stopFor('SIGTERM'));
  process.on('SIGINT', () => stopFor('SIGINT'));
  return stopFor;
}
