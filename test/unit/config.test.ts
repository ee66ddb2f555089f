import { describe, expect, it } from 'vitest';
import { ConfigError, embeddingsOption, loadConfig } from '../../src/config.js';

const load = (env: NodeJS.ProcessEnv) => loadConfig(env, { dotenv: false });

describe('the database settings', () => {
  it('default to SQLite, the caps of the docs and a generated secret', () => {
    const config = load({});
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.MAX_FOLLOWS_PER_SERVER).toBe(10);
    expect(config.MAX_FOLLOWED_FEEDS).toBe(500);
    expect(config.USER_HASH_SECRET).toBeUndefined();
  });

  it('take a PostgreSQL URL and caps as numbers', () => {
    const config = load({
      DATABASE_URL: 'postgres://podqa:secret@db:5432/podqa',
      MAX_FOLLOWS_PER_SERVER: '3',
      MAX_FOLLOWED_FEEDS: '40',
    });
    expect(config).toMatchObject({ MAX_FOLLOWS_PER_SERVER: 3, MAX_FOLLOWED_FEEDS: 40 });
  });

  it('name each bad variable and what was expected', () => {
    expect(() =>
      load({ DATABASE_URL: 'mysql://db/podqa', MAX_FOLLOWS_PER_SERVER: '0', USER_HASH_SECRET: 'short' }),
    ).toThrow(ConfigError);
    try {
      load({ DATABASE_URL: 'mysql://db/podqa', MAX_FOLLOWS_PER_SERVER: '0', USER_HASH_SECRET: 'short' });
    } catch (err) {
      const message = (err as Error).message;
      expect(message).toMatch(/DATABASE_URL.*expected a postgres:\/\/ or postgresql:\/\/ URL/);
      expect(message).toMatch(/MAX_FOLLOWS_PER_SERVER.*expected at least 1/);
      expect(message).toMatch(/USER_HASH_SECRET.*expected at least 32 characters/);
    }
  });
});

describe('the embeddings settings', () => {
  it('are off unless EMBEDDINGS_URL is set; a localhost endpoint is the host’s own and taken', () => {
    expect(embeddingsOption(load({}))).toEqual({});
    const config = load({
      EMBEDDINGS_URL: 'http://127.0.0.1:11434/v1/embeddings',
      EMBEDDINGS_DIMENSIONS: '768',
    });
    expect(embeddingsOption(config)).toEqual({
      embeddings: {
        url: 'http://127.0.0.1:11434/v1/embeddings',
        model: 'nomic-embed-text',
        timeoutMs: 30_000,
        dimensions: 768,
      },
    });
  });

  it('name each bad one and what was expected', () => {
    expect(() =>
      load({ EMBEDDINGS_URL: 'ftp://host/embed', EMBEDDINGS_TIMEOUT_MS: '5', EMBEDDINGS_DIMENSIONS: 'many' }),
    ).toThrow(
      /EMBEDDINGS_URL.*expected an http\(s\) URL[\s\S]*EMBEDDINGS_TIMEOUT_MS.*at least 100 ms[\s\S]*EMBEDDINGS_DIMENSIONS.*number of dimensions/,
    );
  });
});
