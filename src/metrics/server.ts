import { once } from 'node:events';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { EngineObserver } from '../answers/observed.js';
import type { Logger } from '../log.js';

/** The bot's figures in Prometheus form, and the observer the engine reports them through. */
export interface Metrics {
  registry: Registry;
  observer: EngineObserver;
}

/**
 * Every metric podqa exports (docs/hosting.md lists them), in a registry of its own, with Node's
 * process metrics (CPU, memory, event-loop lag, `process_*` and `nodejs_*`) beside them.
 */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const questions = new Counter({
    name: 'podqa_questions_total',
    help: 'Questions answered (/ask, Find the moment, the terminal), whatever they found',
    registers: [registry],
  });
  const unanswered = new Counter({
    name: 'podqa_questions_unanswered_total',
    help: 'Questions for which nothing passed the relevance floor',
    registers: [registry],
  });
  new Gauge({
    name: 'podqa_no_answer_share',
    help: 'Unanswered questions as a share of all questions since start (0 before the first)',
    registers: [registry],
    async collect() {
      const [all, none] = await Promise.all([questions.get(), unanswered.get()]);
      const total = all.values[0]?.value ?? 0;
      this.set(total === 0 ? 0 : (none.values[0]?.value ?? 0) / total);
    },
  });
  const answerSeconds = new Histogram({
    name: 'podqa_answer_seconds',
    help: "The engine's time to answer one question",
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const reindexSeconds = new Histogram({
    name: 'podqa_reindex_seconds',
    help: 'Index rebuilds (/reindex, a feed import that changed episodes), by outcome',
    labelNames: ['outcome'],
    buckets: [0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600],
    registers: [registry],
  });
  const feedErrors = new Counter({
    name: 'podqa_feed_errors_total',
    help: 'Feed imports that failed (unreachable, refused, malformed), the catalogue left as it was',
    registers: [registry],
  });
  return {
    registry,
    observer: {
      asked(seconds, found) {
        questions.inc();
        if (!found) unanswered.inc();
        answerSeconds.observe(seconds);
      },
      reindexed(seconds, outcome) {
        reindexSeconds.observe({ outcome }, seconds);
      },
      feedFailed() {
        feedErrors.inc();
      },
    },
  };
}

/** Whether the process can do its job now; `/healthz` answers 200 when `ok`, else 503. */
export interface Health {
  ok: boolean;
  /** `online`, or why not: `starting`, `disconnected`… */
  status: string;
}

export interface MetricsServerOptions {
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  registry: Registry;
  health: () => Health;
  logger: Logger;
}

export interface MetricsServer {
  /** Where it listens, e.g. `http://127.0.0.1:9464`. */
  url: string;
  close(): Promise<void>;
}

/**
 * `GET /healthz` (the container's HEALTHCHECK) and `GET /metrics` (Prometheus). Nothing else: any
 * other path is 404, any other method 405. Reads no request body.
 */
export async function startMetricsServer(options: MetricsServerOptions): Promise<MetricsServer> {
  const { registry, health, logger } = options;
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path !== '/healthz' && path !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found: try /healthz or /metrics\n');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('GET only\n');
      return;
    }
    if (path === '/healthz') {
      const now = health();
      response
        .writeHead(now.ok ? 200 : 503, { 'content-type': 'application/json' })
        .end(`${JSON.stringify({ status: now.status })}\n`);
      return;
    }
    registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': registry.contentType }).end(text),
      (err: unknown) => {
        logger.error({ err }, 'could not collect the metrics');
        response.writeHead(500, { 'content-type': 'text/plain' }).end('could not collect the metrics\n');
      },
    );
  });
  server.listen(options.port, options.host);
  await once(server, 'listening');
  const { address, port } = server.address() as AddressInfo;
  const url = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  logger.info({ url }, 'serving /healthz and /metrics');
  return {
    url,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
