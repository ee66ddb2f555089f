import { lookup as dnsLookup } from 'node:dns';
import type { IncomingMessage } from 'node:http';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import ipaddr from 'ipaddr.js';

/**
 * The only way podqa reaches the network for feeds: http(s) only, bounded in time, size and
 * redirects, and refusing the machine's own network (loopback, private, link-local) after DNS
 * resolution and after every redirect, so a feed URL cannot be used to probe it.
 */

const MB = 1024 * 1024;

/** The largest body read for each kind of download; reading stops as soon as it is passed. */
export const FETCH_CAPS = { feed: 20 * MB, transcript: 10 * MB, chapters: 1 * MB } as const;
export type FetchKind = keyof typeof FETCH_CAPS;

/** HTTP validators from an earlier response, sent back so an unchanged resource answers 304. */
export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

export interface FetchOptions {
  /** Which cap applies (`FETCH_CAPS`). */
  kind: FetchKind;
  /**
   * Allow loopback, private and link-local addresses (`ALLOW_PRIVATE_FEEDS`), or only those the
   * function accepts (a test reaching its own server while proving a redirect elsewhere is refused).
   * Default false.
   */
  allowPrivate?: boolean | ((address: string) => boolean);
  /** Validators of the last fetch of this URL: a 304 answer yields `{ status: 'not-modified' }`. */
  validators?: Validators;
  /** Time to open the connection (DNS, TCP, TLS), in ms. Default 10 000. */
  connectTimeoutMs?: number;
  /** Time for the whole fetch, redirects and retry included, in ms. Default 60 000. */
  totalTimeoutMs?: number;
  /** Redirects followed before giving up. Default 5. */
  maxRedirects?: number;
  /** Wait before the one retry of a 5xx answer or a dropped connection, in ms. Default 1 000. */
  retryDelayMs?: number;
  /** Overrides the kind's cap, in bytes (tests use small caps). */
  maxBytes?: number;
}

export type Fetched =
  | { status: 'not-modified'; url: string }
  | { status: 'ok'; url: string; body: Buffer; contentType: string | null; validators: Validators };

/** Why a fetch failed, naming the URL; `retryable` for server errors and dropped connections. */
export class FetchError extends Error {
  override name = 'FetchError';
  constructor(
    readonly url: string,
    reason: string,
    readonly retryable = false,
  ) {
    super(`${url}: ${reason}`);
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Fetches a URL under the limits above; throws `FetchError` saying what was refused or failed. */
export async function safeFetch(url: string, options: FetchOptions): Promise<Fetched> {
  const totalMs = options.totalTimeoutMs ?? 60_000;
  const deadline = AbortSignal.timeout(totalMs);
  const attempt = () => fetchFollowing(url, options, deadline, totalMs);
  try {
    return await attempt();
  } catch (err) {
    if (!(err instanceof FetchError) || !err.retryable) throw err;
    await new Promise((resolve) => setTimeout(resolve, options.retryDelayMs ?? 1000));
    if (deadline.aborted) throw err;
    return attempt();
  }
}

async function fetchFollowing(
  start: string,
  options: FetchOptions,
  deadline: AbortSignal,
  totalMs: number,
): Promise<Fetched> {
  const maxRedirects = options.maxRedirects ?? 5;
  let url = start;
  for (let redirects = 0; ; redirects++) {
    const target = checkUrl(url, privatePolicy(options));
    const response = await open(target, options, deadline, totalMs);
    const { statusCode = 0, headers } = response;
    if (REDIRECTS.has(statusCode) && headers.location) {
      response.resume();
      if (redirects >= maxRedirects) throw new FetchError(start, `more than ${maxRedirects} redirects`);
      url = new URL(headers.location, target).toString();
      continue;
    }
    if (statusCode === 304 && options.validators) {
      response.resume();
      return { status: 'not-modified', url };
    }
    if (statusCode < 200 || statusCode > 299) {
      response.resume();
      throw new FetchError(url, `HTTP ${statusCode}`, statusCode >= 500);
    }
    const body = await readCapped(
      url,
      response,
      options.maxBytes ?? FETCH_CAPS[options.kind],
      deadline,
      totalMs,
    );
    return {
      status: 'ok',
      url,
      body,
      contentType: headers['content-type'] ?? null,
      validators: {
        etag: headers.etag ?? null,
        lastModified: headers['last-modified'] ?? null,
      },
    };
  }
}

/** True when an address may not be connected to. */
type Refusal = (address: string) => boolean;

const privatePolicy = ({ allowPrivate = false }: FetchOptions): Refusal => {
  if (allowPrivate === true) return () => false;
  return (address) => isPrivateAddress(address) && (allowPrivate === false || !allowPrivate(address));
};

/** Only http(s), and no IP literal of the machine's own network (named hosts are checked once resolved). */
function checkUrl(url: string, refused: Refusal): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new FetchError(url, 'not a URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new FetchError(url, `only http and https are fetched, not ${parsed.protocol.replace(':', '')}`);
  }
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && refused(host)) {
    throw new FetchError(url, `refused: ${host} is a loopback, private or link-local address`);
  }
  return parsed;
}

/** True for the addresses a feed must not reach: anything but the public internet. */
export function isPrivateAddress(address: string): boolean {
  const parsed = ipaddr.process(address);
  return parsed.range() !== 'unicast';
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | { address: string; family: number }[],
  family?: number,
) => void;

/** DNS resolution that refuses private answers, so the check holds for the address actually connected to. */
function guardedLookup(refused: Refusal) {
  return (hostname: string, options: { all?: boolean }, callback: LookupCallback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const bad = addresses.find((a) => refused(a.address));
      if (bad) {
        const error: NodeJS.ErrnoException = new Error(
          `refused: ${hostname} resolves to ${bad.address}, a loopback, private or link-local address`,
        );
        error.code = 'EPRIVATE';
        return callback(error, []);
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(new Error(`${hostname} has no address`), []);
      return callback(null, first.address, first.family);
    });
  };
}

function open(
  target: URL,
  options: FetchOptions,
  deadline: AbortSignal,
  totalMs: number,
): Promise<IncomingMessage> {
  const url = target.toString();
  const connectMs = options.connectTimeoutMs ?? 10_000;
  const headers: Record<string, string> = {
    'user-agent': 'podqa (feed importer)',
    'accept-encoding': 'gzip, deflate, br',
  };
  if (options.validators?.etag) headers['if-none-match'] = options.validators.etag;
  if (options.validators?.lastModified) headers['if-modified-since'] = options.validators.lastModified;
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    if (deadline.aborted) return reject(new FetchError(url, `took longer than ${totalMs / 1000} s`));
    const req = request(target, {
      headers,
      lookup: guardedLookup(privatePolicy(options)) as never,
      signal: deadline,
    });
    const connectTimer = setTimeout(
      () => req.destroy(new FetchError(url, `no connection within ${connectMs / 1000} s`, true)),
      connectMs,
    );
    req.on('socket', (socket) => {
      // A kept-alive socket is already open; a new one counts as open once TCP (and TLS) is up.
      if (req.reusedSocket) clearTimeout(connectTimer);
      else
        socket.once(target.protocol === 'https:' ? 'secureConnect' : 'connect', () =>
          clearTimeout(connectTimer),
        );
    });
    req.on('response', (response) => {
      clearTimeout(connectTimer);
      resolve(response);
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(connectTimer);
      reject(describeError(url, err, deadline, totalMs));
    });
    req.end();
  });
}

function describeError(url: string, err: NodeJS.ErrnoException, deadline: AbortSignal, totalMs: number) {
  if (err instanceof FetchError) return err;
  if (deadline.aborted) return new FetchError(url, `took longer than ${totalMs / 1000} s`);
  if (err.code === 'EPRIVATE') return new FetchError(url, err.message);
  const dropped = ['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN'].includes(err.code ?? '');
  return new FetchError(url, err.message, dropped);
}

/** The decoded body, refused as soon as it passes `maxBytes` (so a huge or bomb-compressed body costs little). */
function readCapped(
  url: string,
  response: IncomingMessage,
  maxBytes: number,
  deadline: AbortSignal,
  totalMs: number,
): Promise<Buffer> {
  const tooLarge = () =>
    new FetchError(url, `larger than ${formatBytes(maxBytes)}, the limit for this download`);
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.destroy();
    return Promise.reject(tooLarge());
  }
  const stream = decoded(response);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const fail = (err: Error) => {
      response.destroy();
      stream.destroy();
      reject(err);
    };
    const onAbort = () => fail(new FetchError(url, `took longer than ${totalMs / 1000} s`));
    deadline.addEventListener('abort', onAbort, { once: true });
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) return fail(tooLarge());
      chunks.push(chunk);
    });
    stream.on('error', (err) =>
      fail(err instanceof FetchError ? err : new FetchError(url, err.message, true)),
    );
    stream.on('end', () => {
      deadline.removeEventListener('abort', onAbort);
      resolve(Buffer.concat(chunks));
    });
  });
}

function decoded(response: IncomingMessage): Readable {
  const encoding = (response.headers['content-encoding'] ?? '').trim().toLowerCase();
  if (encoding === 'gzip' || encoding === 'x-gzip') return response.pipe(createGunzip());
  if (encoding === 'deflate') return response.pipe(createInflate());
  if (encoding === 'br') return response.pipe(createBrotliDecompress());
  return response;
}

export const formatBytes = (bytes: number): string =>
  bytes >= MB ? `${Math.round((bytes / MB) * 10) / 10} MB` : `${Math.round(bytes / 1024)} KB`;
