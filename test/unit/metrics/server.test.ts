import { afterEach, describe, expect, it } from 'vitest';
import { FeedError, ReindexInProgressError } from '../../../src/answers/engine.js';
import { observed } from '../../../src/answers/observed.js';
import type { ReindexReport } from '../../../src/answers/schema.js';
import { ConfigError, loadConfig } from '../../../src/config.js';
import { createLogger } from '../../../src/log.js';
import {
  type Health,
  type MetricsServer,
  createMetrics,
  startMetricsServer,
} from '../../../src/metrics/server.js';
import { answerOf, fakeEngine } from '../../support/engine.js';

const logger = createLogger('silent');
const reindexed: ReindexReport = {
  episodes: 2,
  passages: 125,
  rejected: [],
  warnings: [],
  coverage: null,
  tookMs: 1500,
};
const found = answerOf({ results: [{} as never], total: 1 });

let server: MetricsServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function serve(health: () => Health = () => ({ ok: true, status: 'online' })) {
  const metrics = createMetrics();
  server = await startMetricsServer({
    host: '127.0.0.1',
    port: 0,
    registry: metrics.registry,
    health,
    logger,
  });
  return { metrics, url: server.url };
}

/** A sample's value in the Prometheus text format, by its full name with labels. */
function sample(text: string, name: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

describe('GET /healthz', () => {
  it('is 503 while the bot is not online and 200 once it is, on 127.0.0.1', async () => {
    let health: Health = { ok: false, status: 'starting' };
    const { url } = await serve(() => health);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const starting = await fetch(`${url}/healthz`);
    expect(starting.status).toBe(503);
    expect(await starting.json()).toEqual({ status: 'starting' });
    health = { ok: true, status: 'online' };
    const online = await fetch(`${url}/healthz`);
    expect(online.status).toBe(200);
    expect(await online.json()).toEqual({ status: 'online' });
  });

  it('serves nothing else: 404 for another path, 405 for another method', async () => {
    const { url } = await serve();
    expect((await fetch(`${url}/`)).status).toBe(404);
    expect((await fetch(`${url}/metrics`, { method: 'POST', body: 'x' })).status).toBe(405);
  });
});

describe('GET /metrics through the observed engine', () => {
  it('counts questions, the unanswered share, answer latency, rebuilds and feed errors', async () => {
    const { metrics, url } = await serve();
    const engine = observed(
      fakeEngine({
        ask: (query) => (query === 'hbm' ? { ...found, query } : answerOf({ query })),
        reindex: () => Promise.resolve(reindexed),
        importFeed: () => Promise.reject(new FeedError('https://podcast.example/feed.xml: HTTP 500')),
      }),
      metrics.observer,
    );
    engine.ask('hbm');
    engine.ask('nothing like it');
    engine.ask('hbm');
    await engine.reindex();
    await expect(engine.importFeed('https://podcast.example/feed.xml')).rejects.toBeInstanceOf(FeedError);

    const response = await fetch(`${url}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(sample(text, 'podqa_questions_total')).toBe(3);
    expect(sample(text, 'podqa_questions_unanswered_total')).toBe(1);
    expect(sample(text, 'podqa_no_answer_share')).toBeCloseTo(1 / 3);
    expect(sample(text, 'podqa_answer_seconds_count')).toBe(3);
    expect(sample(text, 'podqa_reindex_seconds_count{outcome="ok"}')).toBe(1);
    expect(sample(text, 'podqa_reindex_seconds_sum{outcome="ok"}')).toBe(1.5);
    expect(sample(text, 'podqa_feed_errors_total')).toBe(1);
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
  });

  it('records a failed rebuild as failed, and a refused second rebuild not at all', async () => {
    const { metrics, url } = await serve();
    let attempt = 0;
    const engine = observed(
      fakeEngine({
        reindex: () =>
          Promise.reject(attempt++ === 0 ? new Error('disk full') : new ReindexInProgressError()),
      }),
      metrics.observer,
    );
    await expect(engine.reindex()).rejects.toThrow('disk full');
    await expect(engine.reindex()).rejects.toBeInstanceOf(ReindexInProgressError);
    const text = await (await fetch(`${url}/metrics`)).text();
    expect(sample(text, 'podqa_reindex_seconds_count{outcome="failed"}')).toBe(1);
    expect(sample(text, 'podqa_reindex_seconds_count{outcome="ok"}')).toBeUndefined();
    expect(sample(text, 'podqa_no_answer_share')).toBe(0);
  });

  it("leaves every other method the engine's own", () => {
    const engine = observed(
      fakeEngine({ episodes: () => [{ id: 'e1' } as never] }),
      createMetrics().observer,
    );
    expect(engine.episodes().map((e) => e.id)).toEqual(['e1']);
  });
});

describe('METRICS_PORT and METRICS_HOST', () => {
  it('serve nothing unless a port is set, on loopback unless a host is', () => {
    const config = loadConfig({}, { dotenv: false });
    expect(config.METRICS_PORT).toBeUndefined();
    expect(config.METRICS_HOST).toBe('127.0.0.1');
    expect(loadConfig({ METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0' }, { dotenv: false })).toMatchObject({
      METRICS_PORT: 9464,
      METRICS_HOST: '0.0.0.0',
    });
  });

  it('refuse a bad value naming the variable', () => {
    expect(() => loadConfig({ METRICS_PORT: '70000' }, { dotenv: false })).toThrow(
      /METRICS_PORT.*expected a port from 1 to 65535/,
    );
    expect(() => loadConfig({ METRICS_HOST: 'everywhere' }, { dotenv: false })).toThrow(ConfigError);
  });
});
