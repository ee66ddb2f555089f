import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';
import { check } from './episodes/problem.js';

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
