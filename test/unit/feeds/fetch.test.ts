import { type AddressInfo, createServer as createNetServer } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchError, type FetchOptions, isPrivateAddress, safeFetch } from '../../../src/feeds/fetch.js';
import { FeedServer } from '../../support/feedServer.js';

let server: FeedServer;
beforeAll(async () => {
  server = await FeedServer.start();
});
afterAll(() => server.stop());

/** Reaches the test's own server (127.0.0.1) and nothing else private; fast timeouts. */
const options: FetchOptions = {
  kind: 'feed',
  allowPrivate: (address) => address === '127.0.0.1',
  retryDelayMs: 10,
  connectTimeoutMs: 2000,
  totalTimeoutMs: 3000,
};

const failure = async (url: string, extra: Partial<FetchOptions> = {}) => {
  const err = await safeFetch(url, { ...options, ...extra }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FetchError);
  return (err as FetchError).message;
};

describe('safeFetch', () => {
  it('returns the body, its type and the validators to send next time', async () => {
    server.route('/ok', (_req, res) => {
      res.writeHead(200, {
        'content-type': 'text/xml',
        etag: '"v1"',
        'last-modified': 'Fri, 06 Sep 2024 07:22:00 GMT',
      });
      res.end('<rss/>');
    });
    const fetched = await safeFetch(server.url('/ok'), options);
    expect(fetched).toMatchObject({
      status: 'ok',
      contentType: 'text/xml',
      validators: { etag: '"v1"', lastModified: 'Fri, 06 Sep 2024 07:22:00 GMT' },
    });
    expect(fetched.status === 'ok' && fetched.body.toString()).toBe('<rss/>');
  });

  it('sends the validators back and reports 304 Not Modified', async () => {
    server.route('/conditional', (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') res.writeHead(304).end();
      else res.writeHead(200, { etag: '"v1"' }).end('<rss/>');
    });
    const fetched = await safeFetch(server.url('/conditional'), {
      ...options,
      validators: { etag: '"v1"', lastModified: 'Fri, 06 Sep 2024 07:22:00 GMT' },
    });
    expect(fetched.status).toBe('not-modified');
    expect(server.requests.at(-1)?.headers['if-modified-since']).toBe('Fri, 06 Sep 2024 07:22:00 GMT');
  });

  it('retries a server error once, then succeeds', async () => {
    server.route('/flaky', (_req, res, hits) => {
      if (hits === 0) res.writeHead(500).end('busy');
      else res.writeHead(200).end('<rss/>');
    });
    expect((await safeFetch(server.url('/flaky'), options)).status).toBe('ok');
    expect(server.hitsOf('/flaky')).toBe(2);
  });

  it('gives up on a server that keeps failing, naming the URL and the status', async () => {
    server.route('/down', (_req, res) => res.writeHead(503).end());
    expect(await failure(server.url('/down'))).toBe(`${server.url('/down')}: HTTP 503`);
    expect(server.hitsOf('/down')).toBe(2);
  });

  it('does not retry a client error', async () => {
    expect(await failure(server.url('/missing'))).toMatch(/HTTP 404$/);
    expect(server.hitsOf('/missing')).toBe(0);
  });

  it('stops a response that takes longer than the total timeout', async () => {
    server.route('/slow', (_req, res) => {
      res.writeHead(200);
      res.write('<rss>');
      setTimeout(() => res.end('</rss>'), 2000).unref();
    });
    expect(await failure(server.url('/slow'), { totalTimeoutMs: 200 })).toMatch(/took longer than 0.2 s/);
  });

  it('stops a connection that does not open within the connect timeout (a TLS handshake that never ends)', async () => {
    const silent = createNetServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      expect(await failure(`https://127.0.0.1:${port}/feed.xml`, { connectTimeoutMs: 200 })).toMatch(
        /no connection within 0.2 s/,
      );
    } finally {
      silent.close();
    }
  });

  it('refuses a body over the cap, declared or streamed', async () => {
    server.route('/big-declared', (_req, res) =>
      res.writeHead(200, { 'content-length': 5000 }).end('x'.repeat(5000)),
    );
    server.route('/big-chunked', (_req, res) => {
      res.writeHead(200);
      for (let i = 0; i < 10; i++) res.write('x'.repeat(1000));
      res.end();
    });
    expect(await failure(server.url('/big-declared'), { maxBytes: 1024 })).toMatch(/larger than 1 KB/);
    expect(await failure(server.url('/big-chunked'), { maxBytes: 1024 })).toMatch(/larger than 1 KB/);
  });

  it('applies the cap to the decoded body of a compressed response', async () => {
    server.route('/gzip-bomb', (_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(Buffer.alloc(100_000, 'a')));
    });
    server.route('/gzip', (_req, res) =>
      res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync('<rss/>')),
    );
    expect(await failure(server.url('/gzip-bomb'), { maxBytes: 10_000 })).toMatch(/larger than 10 KB/);
    const fetched = await safeFetch(server.url('/gzip'), options);
    expect(fetched.status === 'ok' && fetched.body.toString()).toBe('<rss/>');
  });

  it('follows redirects, at most five', async () => {
    server.route('/hop', (_req, res) => res.writeHead(302, { location: '/ok' }).end());
    expect(await safeFetch(server.url('/hop'), options)).toMatchObject({
      status: 'ok',
      url: server.url('/ok'),
    });
    server.route('/loop', (_req, res) => res.writeHead(301, { location: '/loop' }).end());
    expect(await failure(server.url('/loop'))).toMatch(/more than 5 redirects/);
    expect(server.hitsOf('/loop')).toBe(6);
  });

  it.each([
    ['a link-local address (cloud metadata)', 'http://169.254.169.254/latest/meta-data'],
    ['another loopback address', 'http://127.0.0.2/feed.xml'],
    ['a private network', 'http://10.1.2.3/feed.xml'],
    ['an IPv6 loopback', 'http://[::1]/feed.xml'],
  ])('refuses a redirect to %s before connecting', async (_name, target) => {
    server.route('/to-private', (_req, res) => res.writeHead(302, { location: target }).end());
    expect(await failure(server.url('/to-private'))).toMatch(
      /refused: .* is a loopback, private or link-local address/,
    );
  });

  it('refuses a host name that resolves to a loopback address', async () => {
    const port = new URL(server.origin).port;
    expect(await failure(`http://localhost:${port}/ok`, { allowPrivate: false })).toMatch(
      /refused: localhost resolves to (127\.0\.0\.1|::1), a loopback, private or link-local address/,
    );
  });

  it('refuses the test server itself when private addresses are not allowed', async () => {
    expect(await failure(server.url('/ok'), { allowPrivate: false })).toMatch(/refused: 127\.0\.0\.1/);
  });

  it('fetches only http and https', async () => {
    expect(await failure('file:///etc/passwd')).toBe(
      'file:///etc/passwd: only http and https are fetched, not file',
    );
    expect(await failure('ftp://example.org/feed.xml')).toMatch(/not ftp$/);
  });
});

describe('isPrivateAddress', () => {
  it.each([
    '127.0.0.1',
    '10.0.0.1',
    '172.16.5.4',
    '192.168.1.1',
    '169.254.169.254',
    '::1',
    'fe80::1',
    'fd00::1',
    '::ffff:127.0.0.1',
    '0.0.0.0',
  ])('%s is private', (address) => expect(isPrivateAddress(address)).toBe(true));
  it.each(['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946', '::ffff:8.8.8.8'])(
    '%s is public',
    (address) => expect(isPrivateAddress(address)).toBe(false),
  );
});
