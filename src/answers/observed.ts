import { type AnswerEngine, FeedError, ReindexInProgressError } from './engine.js';

/**
 * What the engine reports as it works, to whoever measures it (the metrics server). The domain knows
 * this interface only, never a metrics library.
 */
export interface EngineObserver {
  /** One question answered, in `seconds`; `found` is false when nothing was good enough to show. */
  asked(seconds: number, found: boolean): void;
  /** One index rebuild, whole (`ok`) or failed, the previous index still serving. */
  reindexed(seconds: number, outcome: 'ok' | 'failed'): void;
  /** A feed that could not be imported (unreachable, refused, malformed): its catalogue unchanged. */
  feedFailed(): void;
}

/**
 * The engine, every question the adapters ask, rebuild and feed import reported to `observer` (the
 * engine's own inner calls, such as the rebuild an import runs, are read from its reports). A Proxy
 * rather than a copy of the interface: every other method is the engine's own, bound to it.
 */
export function observed(engine: AnswerEngine, observer: EngineObserver): AnswerEngine {
  const secondsSince = (started: number) => (performance.now() - started) / 1000;
  const wrapped: Pick<AnswerEngine, 'ask' | 'reindex' | 'importFeed'> = {
    ask(question, options) {
      const started = performance.now();
      const answer = engine.ask(question, options);
      observer.asked(secondsSince(started), answer.results.length > 0);
      return answer;
    },
    async reindex() {
      const started = performance.now();
      try {
        const report = await engine.reindex();
        observer.reindexed(report.tookMs / 1000, 'ok');
        return report;
      } catch (err) {
        if (!(err instanceof ReindexInProgressError)) observer.reindexed(secondsSince(started), 'failed');
        throw err;
      }
    },
    async importFeed(source, options) {
      try {
        const report = await engine.importFeed(source, options);
        if (report.index) observer.reindexed(report.index.tookMs / 1000, 'ok');
        return report;
      } catch (err) {
        if (err instanceof FeedError) observer.feedFailed();
        throw err;
      }
    },
  };
  return new Proxy(engine, {
    get(target, key) {
      if (Object.hasOwn(wrapped, key)) return wrapped[key as keyof typeof wrapped];
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
