import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';
import { check } from './episodes/problem.js';
import type { EmbeddingsSettings } from './index/meaning/endpoint.js';

/**
 * Every setting podqa reads, validated once at start. `.env.example` documents each one; the
 * Discord settings are optional here because the terminal commands need none of them.
 */
const Config = z.object({
  /** Where the episodes, the index and the feedback log live. */
  DATA_DIR: z.string().min(1).default('data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DISCORD_TOKEN: z.string().min(1).optional(),
  DISCORD_CLIENT_ID: z
    .string()
    .regex(/^\d{17,20}$/, 'expected the application id, a number of 17 to 20 digits')
    .optional(),
  DISCORD_GUILD_ID: z
    .string()
    .regex(/^\d{17,20}$/, 'expected a server id, a number of 17 to 20 digits')
    .optional(),
  /** Discord's REST base URL; a proxy, or the test stand-in, may take its place. */
  DISCORD_API_URL: z.url().default('https://discord.com/api'),
  /**
   * Serves `GET /healthz` and Prometheus `GET /metrics` on this port; unset, no server is started.
   * Bound to METRICS_HOST, loopback by default, so the figures are not published unless asked.
   */
  METRICS_PORT: z.coerce
    .number('expected a port number')
    .int('expected a whole port number')
    .min(1, 'expected a port from 1 to 65535')
    .max(65535, 'expected a port from 1 to 65535')
    .optional(),
  /** The address the metrics server listens on: `0.0.0.0` (all) in a container scraped from outside. */
  METRICS_HOST: z
    .union([z.ipv4(), z.ipv6()], 'expected an IP address such as 127.0.0.1 or 0.0.0.0')
    .default('127.0.0.1'),
  /**
   * Lets feeds, chapters and transcripts be fetched from loopback, private and link-local addresses.
   * Off by default so a feed URL cannot reach the machine's own network; tests turn it on.
   */
  ALLOW_PRIVATE_FEEDS: z
    .enum(['true', 'false'], 'expected true or false')
    .default('false')
    .transform((value) => value === 'true'),
  /** Feeds the bot imports by itself, comma-separated http(s) URLs. */
  FEED_URLS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((url) => url.trim())
        .filter((url) => url !== ''),
    )
    .pipe(z.array(z.url({ protocol: /^https?$/, error: 'expected comma-separated http(s) feed URLs' }))),
  /** How often the bot fetches FEED_URLS (conditional GET, so an unchanged feed costs one request). */
  FEED_POLL_MINUTES: z.coerce
    .number('expected a number of minutes')
    .int('expected a whole number of minutes')
    .min(1, 'expected at least 1 minute')
    .max(10080, 'expected at most a week (10080 minutes)')
    .default(60),
  /** The channel where the bot posts each new episode's card; no announcements when unset. */
  ANNOUNCE_CHANNEL_ID: z
    .string()
    .regex(/^\d{17,20}$/, 'expected a channel id, a number of 17 to 20 digits')
    .optional(),
  /**
   * PostgreSQL for the bot's state (follows, settings, poll state, announcements, votes, gaps). When
   * unset, SQLite in `DATA_DIR/podqa.sqlite`.
   */
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'expected a postgres:// or postgresql:// URL' })
    .optional(),
  /** Feeds one server may follow. */
  MAX_FOLLOWS_PER_SERVER: z.coerce
    .number('expected a number of feeds')
    .int('expected a whole number of feeds')
    .min(1, 'expected at least 1')
    .max(1000, 'expected at most 1000')
    .default(10),
  /** Distinct feeds followed across all servers (each is fetched every poll). */
  MAX_FOLLOWED_FEEDS: z.coerce
    .number('expected a number of feeds')
    .int('expected a whole number of feeds')
    .min(1, 'expected at least 1')
    .max(100_000, 'expected at most 100000')
    .default(500),
  /**
   * The key user ids are hashed with (HMAC-SHA256) before they are stored. When unset, a random one
   * is made on first start and kept in `DATA_DIR/podqa.secret`.
   */
  USER_HASH_SECRET: z.string().min(32, 'expected at least 32 characters').optional(),
  /**
   * Runs the bot as several gateway shards under discord.js's ShardingManager (docs/sharding.md):
   * `auto` (the count Discord recommends) or a number. Unset: one process.
   */
  SHARDS: z
    .string()
    .regex(/^(auto|[1-9]\d{0,3})$/, 'expected auto or a number of shards from 1 to 9999')
    .transform((value) => (value === 'auto' ? ('auto' as const) : Number(value)))
    .optional(),
  /**
   * An embeddings endpoint (docs/embeddings.md): OpenAI-compatible `POST /v1/embeddings` (Ollama,
   * llama.cpp's server, others) or Ollama's `/api/embed`. Passages are embedded at index time and
   * questions when asked, and fused with the lexical ranking. The host's own setting, so it may be on
   * loopback or the private network. Unset: answers by words and GloVe alone.
   */
  EMBEDDINGS_URL: z
    .url({ protocol: /^https?$/, error: 'expected an http(s) URL of an embeddings endpoint' })
    .optional(),
  /** The model named in each request (and in each stored vector's key: a new model re-embeds). */
  EMBEDDINGS_MODEL: z.string().min(1).max(200).default('nomic-embed-text'),
  /** Time for one request to the endpoint (a batch of 32 passages); a question waits at most 1.5 s. */
  EMBEDDINGS_TIMEOUT_MS: z.coerce
    .number('expected a number of milliseconds')
    .int('expected a whole number of milliseconds')
    .min(100, 'expected at least 100 ms')
    .max(600_000, 'expected at most 600000 ms (10 minutes)')
    .default(30_000),
  /** The vectors' length the model gives; an answer of another length is refused. Unset: the first answer's. */
  EMBEDDINGS_DIMENSIONS: z.coerce
    .number('expected a number of dimensions')
    .int('expected a whole number of dimensions')
    .min(1, 'expected at least 1 dimension')
    .max(8192, 'expected at most 8192 dimensions')
    .optional(),
});
export type Config = z.infer<typeof Config>;

/** Thrown with one line per bad variable, naming it and what was expected. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads `.env` (when present) under the process environment, then validates. Empty values count as
 * unset, so a copied `.env.example` with blanks behaves like no setting at all.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, { dotenv = true } = {}): Config {
  if (dotenv) loadDotenv({ quiet: true });
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = check(Config, present, { file: 'environment', line: null });
  if (parsed.data === null) {
    throw new ConfigError(`invalid configuration:\n  ${parsed.problems.map((p) => p.message).join('\n  ')}`);
  }
  return parsed.data;
}

/** A library's `embeddings` option when `EMBEDDINGS_URL` is set, else none (words and GloVe alone). */
export function embeddingsOption(config: Config): { embeddings?: EmbeddingsSettings } {
  if (config.EMBEDDINGS_URL === undefined) return {};
  const embeddings: EmbeddingsSettings = {
    url: config.EMBEDDINGS_URL,
    model: config.EMBEDDINGS_MODEL,
    timeoutMs: config.EMBEDDINGS_TIMEOUT_MS,
  };
  if (config.EMBEDDINGS_DIMENSIONS !== undefined) embeddings.dimensions = config.EMBEDDINGS_DIMENSIONS;
  return { embeddings };
}
