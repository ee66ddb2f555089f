import { z } from 'zod';
import { FeedError, ReindexInProgressError } from '../../answers/engine.js';
import type { Publisher } from '../../answers/follower.js';
import { AddedSource, FollowedImport, ImportReport, ReindexReport } from '../../answers/schema.js';
import type { Logger } from '../../log.js';

/**
 * The publisher's calls over the IPC channel between a shard process and the ShardingManager's
 * process, which alone writes sources, imports feeds and builds. Messages are plain JSON (what
 * `child_process.fork` carries), tagged so discord.js's own messages on the same channel pass by.
 */

const Call = z.discriminatedUnion('op', [
  z.object({ op: z.literal('reindex') }),
  z.object({
    op: z.literal('importFeed'),
    source: z.string(),
    limit: z.number().int().positive().optional(),
    since: z.string().optional(),
  }),
  z.object({ op: z.literal('importFollowed'), url: z.string() }),
  // An upload is at most BOUNDS.attachmentBytes; JSON carries bytes as base64.
  z.object({ op: z.literal('addSource'), name: z.string(), base64: z.string() }),
]);
type Call = z.infer<typeof Call>;

const PublisherRequest = z.object({ podqa: z.literal('publisher-call'), id: z.number().int(), call: Call });
type PublisherRequest = z.infer<typeof PublisherRequest>;

const PublisherReply = z.object({
  podqa: z.literal('publisher-reply'),
  id: z.number().int(),
  outcome: z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value: z.unknown() }),
    z.object({ ok: z.literal(false), name: z.string(), message: z.string() }),
  ]),
});
type PublisherReply = z.infer<typeof PublisherReply>;

/** The errors a handler tells apart keep their class across the channel; others keep their message. */
function errorOf(name: string, message: string): Error {
  if (name === 'ReindexInProgressError') return new ReindexInProgressError();
  if (name === 'FeedError') return new FeedError(message);
  return new Error(message);
}

/** A channel to the manager: a shard's own `process`. */
export interface ParentChannel {
  send?: ((message: unknown, callback: (err: Error | null) => void) => boolean) | undefined;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'disconnect', listener: () => void): unknown;
}

/** In a shard: the publisher as calls to the manager over `channel`. */
export function publisherOverIpc(channel: ParentChannel): Publisher {
  let nextId = 0;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (err: Error) => void }>();
  channel.on('message', (message) => {
    const reply = PublisherReply.safeParse(message);
    if (!reply.success) return;
    const waiting = pending.get(reply.data.id);
    pending.delete(reply.data.id);
    const { outcome } = reply.data;
    if (outcome.ok) waiting?.resolve(outcome.value);
    else waiting?.reject(errorOf(outcome.name, outcome.message));
  });
  channel.on('disconnect', () => {
    for (const waiting of pending.values()) waiting.reject(new Error('the publishing process is gone'));
    pending.clear();
  });
  const call = (body: Call) =>
    new Promise<unknown>((resolve, reject) => {
      if (!channel.send) {
        reject(new Error('this process has no publishing process to ask'));
        return;
      }
      const id = ++nextId;
      pending.set(id, { resolve, reject });
      const request: PublisherRequest = { podqa: 'publisher-call', id, call: body };
      channel.send(request, (err) => {
        if (!err) return;
        pending.delete(id);
        reject(err);
      });
    });
  return {
    reindex: async () => ReindexReport.parse(await call({ op: 'reindex' })),
    importFeed: async (source, { limit, since } = {}) =>
      ImportReport.parse(await call({ op: 'importFeed', source, limit, since })),
    importFollowed: async (url) => FollowedImport.parse(await call({ op: 'importFollowed', url })),
    addSource: async ({ name, content }) =>
      AddedSource.parse(
        await call({ op: 'addSource', name, base64: Buffer.from(content).toString('base64') }),
      ),
  };
}

/** A shard as the manager sees it (discord.js's `Shard`). */
export interface ShardChannel {
  id: number;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  send(message: unknown): Promise<unknown>;
}

/** In the manager: answers one shard's publisher calls with `publisher`. */
export function servePublisher(shard: ShardChannel, publisher: Publisher, logger: Logger): void {
  const run = (call: Call): Promise<unknown> => {
    switch (call.op) {
      case 'reindex':
        return publisher.reindex();
      case 'importFeed':
        return publisher.importFeed(call.source, { limit: call.limit, since: call.since });
      case 'importFollowed':
        return publisher.importFollowed(call.url);
      case 'addSource':
        return publisher.addSource({ name: call.name, content: Buffer.from(call.base64, 'base64') });
    }
  };
  shard.on('message', (message) => {
    const request = PublisherRequest.safeParse(message);
    if (!request.success) return;
    const { id, call } = request.data;
    void run(call)
      .then(
        (value): PublisherReply['outcome'] => ({ ok: true, value }),
        (err: unknown): PublisherReply['outcome'] => {
          const { name, message } = err instanceof Error ? err : new Error(String(err));
          return { ok: false, name, message };
        },
      )
      .then((outcome) => shard.send({ podqa: 'publisher-reply', id, outcome } satisfies PublisherReply))
      .catch((err: unknown) =>
        logger.warn(
          { shard: shard.id, op: call.op, err: (err as Error).message },
          `could not answer shard ${shard.id}: it is gone`,
        ),
      );
  });
}
