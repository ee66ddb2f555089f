import pino from 'pino';
import { startBotAgainst } from '../support/bot.js';
import { DiscordStandIn, command } from './discord.js';

/**
 * A load through the Discord stand-in: `rate` /ask a second for `seconds`, a reindex in the middle,
 * each from its own user (the per-user rate limit is not what is measured). Reports how many were
 * acknowledged within Discord's 3 s, how many were lost, and the acknowledgement latency.
 *
 *   npx tsx test/standin/load.ts --rate 50 --seconds 60      (the full form)
 */
export interface LoadReport {
  sent: number;
  acknowledgedInTime: number;
  lost: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  reindexMs: number;
}

export async function runLoad({ rate, seconds }: { rate: number; seconds: number }): Promise<LoadReport> {
  const standIn = await DiscordStandIn.start({ heartbeatMs: 5_000 });
  const { bot, library } = await startBotAgainst(standIn, pino({ level: 'silent' }));
  const questions = [
    'HBM',
    'GRPO',
    'what did they say about Waymo',
    'memory chip shortage',
    'Taylor Swift',
    'DOGE cuts',
    'China vs US in AI',
    'Cerebras IPO',
  ];
  const ids: string[] = [];
  let reindexMs = 0;
  const total = rate * seconds;
  const started = Date.now();
  for (let n = 0; n < total; n++) {
    // Keep to the schedule (n / rate seconds after the start), whatever the bot is doing.
    const due = started + (n * 1000) / rate;
    if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
    if (n === Math.floor(total / 2)) {
      const t = Date.now();
      void library.reindex().then(() => (reindexMs = Date.now() - t));
    }
    const user = { id: String(500000000000000000n + BigInt(n)), permissions: '0' };
    ids.push(standIn.dispatch(command('ask', { question: questions[n % questions.length] as string }, user)));
  }
  await new Promise((resolve) => setTimeout(resolve, 3_500));
  const latencies = ids
    .map((id) => standIn.answersTo(id)[0]?.sinceDispatch)
    .filter((ms): ms is number => ms !== undefined)
    .sort((a, b) => a - b);
  await bot.stop();
  await standIn.stop();
  const at = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
  return {
    sent: ids.length,
    acknowledgedInTime: latencies.filter((ms) => ms <= 3_000).length,
    lost: ids.length - latencies.length,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    maxMs: latencies.at(-1) ?? NaN,
    reindexMs,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string, fallback: number) =>
    Number(process.argv[process.argv.indexOf(name) + 1] ?? fallback) || fallback;
  runLoad({ rate: arg('--rate', 50), seconds: arg('--seconds', 60) }).then(
    (report) => {
      process.stdout.write(`${JSON.stringify(report)}\n`);
      process.exit(report.lost === 0 && report.acknowledgedInTime === report.sent ? 0 : 1);
    },
    (err: unknown) => {
      process.stderr.write(`${String(err)}\n`);
      process.exit(1);
    },
  );
}
