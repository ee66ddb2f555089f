import { once } from 'node:events';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { type MessageBody, choiceViolations, messageViolations } from './limits.js';

/**
 * A Discord stand-in on 127.0.0.1: REST over HTTP (what @discordjs/rest calls) and the gateway over
 * WebSocket (what @discordjs/ws speaks), enough for the real discord.js client to log in, receive
 * interactions and answer them. It records every request, checks every payload against Discord's
 * limits and contracts (3 s to acknowledge, one acknowledgement, no pings), and injects faults.
 * Like Discord, it serves several gateway connections (shards): each identifies as `[id, count]`, and a
 * server's events go to the shard `(guild_id >> 22) % count`.
 */

export const APP_ID = '111111111111111111';
export const GUILD_ID = '222222222222222222';
export const CHANNEL_ID = '333333333333333333';
export const TOKEN = 'stand-in-token';
const ACK_WINDOW_MS = 3_000;

/** The shard that receives a server's events, as Discord routes them. */
export function shardOf(guildId: string, count: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(count));
}

/** A server id whose events go to shard `shard` of `count`. */
export function guildOnShard(shard: number, count: number): string {
  let id = BigInt(GUILD_ID);
  while (shardOf(String(id), count) !== shard) id += 1n << 22n;
  return String(id);
}

export interface RecordedRequest {
  method: string;
  path: string;
  body: MessageBody & { type?: number; data?: MessageBody & { flags?: number } };
  status: number;
  /** Files uploaded with the message (multipart), by name. */
  files?: { name: string; size: number; type: string; content: Buffer }[];
  /** The interaction this request answers, when it does. */
  interaction?: string;
  /** Milliseconds since that interaction was dispatched. */
  sinceDispatch?: number;
}

interface Member {
  id: string;
  permissions: string;
}
/** ManageGuild (1 << 5) among the usual bits. */
export const MODERATOR: Member = {
  id: '444444444444444441',
  permissions: String((1n << 5n) | (1n << 10n) | (1n << 11n)),
};
export const LISTENER: Member = { id: '444444444444444442', permissions: String((1n << 10n) | (1n << 11n)) };

/** A gateway connection: a whole client, or one shard of one. */
interface Connection {
  socket: WebSocket;
  /** What it identified as; null until it identifies (or resumes). */
  shard: [number, number] | null;
  sequence: number;
}

interface PendingInteraction {
  id: string;
  token: string;
  dispatchedAt: number;
  acknowledged: boolean;
}

export class DiscordStandIn {
  readonly requests: RecordedRequest[] = [];
  readonly violations: string[] = [];
  /** Gateway frames received from the client (op codes), in order. */
  readonly gatewayOps: number[] = [];
  /** The `shard` of each IDENTIFY, in order (`[0, 1]` for a client that sends none). */
  readonly identified: [number, number][] = [];
  private readonly interactions = new Map<string, PendingInteraction>();
  private readonly files = new Map<string, { content: Buffer; type: string }>();
  private faults: { status: number; count: number }[] = [];
  /** Open connections, oldest first. */
  private connections: Connection[] = [];
  private nextId = 900000000000000000n;

  private constructor(
    private readonly http: ReturnType<typeof createServer>,
    private readonly wss: WebSocketServer,
    readonly port: number,
    private readonly heartbeatMs: number,
    private readonly gateway: { shards: number; maxConcurrency: number },
  ) {}

  /**
   * `shards`: the count `GET /gateway/bot` recommends; `maxConcurrency`: how many shards it lets
   * identify at once (Discord's `session_start_limit.max_concurrency`).
   */
  static async start({ heartbeatMs = 45_000, shards = 1, maxConcurrency = 1 } = {}): Promise<DiscordStandIn> {
    const http = createServer();
    const wss = new WebSocketServer({ server: http });
    http.listen(0, '127.0.0.1');
    await once(http, 'listening');
    const standIn = new DiscordStandIn(http, wss, (http.address() as AddressInfo).port, heartbeatMs, {
      shards,
      maxConcurrency,
    });
    http.on('request', (req, res) => void standIn.route(req, res));
    wss.on('connection', (socket) => standIn.connect(socket));
    return standIn;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get connected(): boolean {
    return this.connections.some((c) => c.socket.readyState === WebSocket.OPEN);
  }

  /** The shards connected now, identified or resumed, as `[id, count]`. */
  get shards(): [number, number][] {
    return this.connections.flatMap((c) =>
      c.shard && c.socket.readyState === WebSocket.OPEN ? [c.shard] : [],
    );
  }

  async stop(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
    this.http.closeAllConnections();
    await new Promise((resolve) => this.http.close(resolve));
  }

  /** The next `count` replies (interaction callbacks and webhook messages) fail with `status`. */
  failNextReplies(status: number, count = 1): void {
    this.faults.push({ status, count });
  }

  /** Drops every gateway connection without a close frame, as a network failure does. */
  dropGateway(): void {
    for (const { socket } of this.connections) socket.terminate();
  }

  /** Sends a gateway op code to every connection: 7 (RECONNECT) or 9 (INVALID_SESSION). */
  sendOp(op: 7 | 9, d: unknown = null): void {
    for (const connection of this.connections) this.send(connection, { op, d, s: null, t: null });
  }

  /** Serves a file, as Discord's CDN serves attachments; returns its URL. */
  serveFile(name: string, content: string | Buffer, type = 'text/plain; charset=utf-8'): string {
    this.files.set(name, { content: Buffer.from(content), type });
    return `http://127.0.0.1:${this.port}/attachments/${encodeURIComponent(name)}`;
  }

  /**
   * Dispatches an interaction over the gateway, to the shard of its server (`guild_id`, GUILD_ID unless
   * the payload says otherwise); returns its id.
   */
  dispatch(payload: Record<string, unknown>): string {
    const id = this.snowflake();
    const token = `token-${id}`;
    this.interactions.set(id, { id, token, dispatchedAt: Date.now(), acknowledged: false });
    const d = { ...base(), ...payload, id, token };
    const connection = this.connectionFor(d.guild_id);
    if (connection) connection.sequence += 1;
    this.send(connection, { op: 0, t: 'INTERACTION_CREATE', s: connection?.sequence ?? null, d });
    return id;
  }

  /** The newest connection of the server's shard; the newest of all while none has identified. */
  private connectionFor(guildId: unknown): Connection | undefined {
    const open = this.connections.filter((c) => c.socket.readyState === WebSocket.OPEN);
    const identified = open.filter((c) => c.shard !== null);
    if (identified.length === 0) return open.at(-1);
    return identified.findLast(
      ({ shard }) => shard !== null && typeof guildId === 'string' && shard[0] === shardOf(guildId, shard[1]),
    );
  }

  /** Dispatches an interaction and waits for the bot's first accepted answer to it. */
  async interact(payload: Record<string, unknown>) {
    const id = this.dispatch(payload);
    const first = await this.waitFor((r) => r.interaction === id && r.status < 300);
    return { id, first, body: first.body };
  }

  /** Waits for a recorded request that passes the test. */
  async waitFor(test: (request: RecordedRequest) => boolean, timeoutMs = 5_000): Promise<RecordedRequest> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.requests.find(test);
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(
          `timed out waiting for a request; saw ${this.requests.map((r) => `${r.method} ${r.path} ${r.status}`).join(', ')}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** The answers to one interaction that Discord accepted, in order. */
  answersTo(interaction: string): RecordedRequest[] {
    return this.requests.filter((r) => r.interaction === interaction && r.status < 300);
  }

  /** Waits until the client has (re)connected and is identified or resumed. */
  async waitForSession(after = 0, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(this.connected && this.gatewayOps.slice(after).some((op) => op === 2 || op === 6))) {
      if (Date.now() > deadline) throw new Error(`no session: ops ${this.gatewayOps.join(',')}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }

  private connect(socket: WebSocket): void {
    const connection: Connection = { socket, shard: null, sequence: 0 };
    this.connections.push(connection);
    socket.on('close', () => {
      this.connections = this.connections.filter((c) => c !== connection);
    });
    socket.on('message', (raw) => {
      const frame = JSON.parse(String(raw)) as { op: number; d: Record<string, unknown> };
      this.gatewayOps.push(frame.op);
      if (frame.op === 1) this.send(connection, { op: 11, d: null, s: null, t: null });
      else if (frame.op === 2) {
        if (frame.d.token !== TOKEN) {
          socket.close(4004, 'Authentication failed.');
          return;
        }
        const shard = (frame.d.shard as [number, number] | undefined) ?? [0, 1];
        const [id, count] = shard;
        if (!(Number.isInteger(id) && Number.isInteger(count) && id >= 0 && id < count)) {
          socket.close(4010, 'Invalid shard.');
          return;
        }
        connection.shard = shard;
        this.identified.push(shard);
        this.send(connection, { op: 0, t: 'READY', s: ++connection.sequence, d: ready(this.port, shard) });
      } else if (frame.op === 6) {
        // A resumed session is the shard it was: its session id says which (see `ready`).
        const [, id, count] = /-(\d+)-(\d+)$/.exec(String(frame.d.session_id)) ?? [];
        connection.shard = [Number(id ?? 0), Number(count ?? 1)];
        this.send(connection, { op: 0, t: 'RESUMED', s: ++connection.sequence, d: {} });
      }
    });
    this.send(connection, { op: 10, d: { heartbeat_interval: this.heartbeatMs }, s: null, t: null });
  }

  private send(connection: Connection | undefined, frame: unknown): void {
    if (connection?.socket.readyState === WebSocket.OPEN) connection.socket.send(JSON.stringify(frame));
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const text = raw.toString('utf8');
    const contentType = req.headers['content-type'] ?? '';
    // A message with files comes as multipart/form-data: the message in `payload_json`, then `files[n]`.
    const form = contentType.startsWith('multipart/form-data')
      ? await new Response(raw, { headers: { 'content-type': contentType } }).formData()
      : null;
    const files = form
      ? await Promise.all(
          [...form.values()]
            .flatMap((value) => (typeof value === 'string' ? [] : [value]))
            .map(async (file) => ({
              name: file.name,
              size: file.size,
              type: file.type,
              content: Buffer.from(await file.arrayBuffer()),
            })),
        )
      : undefined;
    const body = form
      ? JSON.parse(String(form.get('payload_json') ?? '{}'))
      : text && contentType.includes('json')
        ? JSON.parse(text)
        : {};
    const path = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
    const method = req.method ?? 'GET';
    const reply = (status: number, json?: unknown, headers: Record<string, string> = {}) => {
      // Like Discord: a 204 carries no body and no content type.
      res.writeHead(
        status,
        json === undefined ? headers : { 'content-type': 'application/json', ...headers },
      );
      res.end(json === undefined ? undefined : JSON.stringify(json));
      return status;
    };
    const record = (status: number, extra: Partial<RecordedRequest> = {}) =>
      this.requests.push({ method, path, body, status, ...(files ? { files } : {}), ...extra });

    if (method === 'GET' && path.startsWith('/attachments/')) {
      const file = this.files.get(decodeURIComponent(path.slice('/attachments/'.length)));
      res.writeHead(file ? 200 : 404, { 'content-type': file?.type ?? 'text/plain' });
      res.end(file?.content ?? 'not found');
      return;
    }
    if (method === 'GET' && path === '/api/v10/gateway/bot') {
      record(
        reply(200, {
          url: `ws://127.0.0.1:${this.port}`,
          shards: this.gateway.shards,
          session_start_limit: {
            total: 1000,
            remaining: 1000,
            reset_after: 0,
            max_concurrency: this.gateway.maxConcurrency,
          },
        }),
      );
      return;
    }
    if (method === 'PUT' && /^\/api\/v10\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) {
      record(reply(200, body));
      return;
    }

    const channelMessage = /^\/api\/v10\/channels\/(\d+)\/messages$/.exec(path);
    if (method === 'POST' && channelMessage) {
      // A message the bot posts by itself (an announcement): the same limits and no pings.
      this.violations.push(...messageViolations(body, `message to channel ${channelMessage[1]}`));
      record(reply(200, { ...message(this.snowflake(), body), channel_id: channelMessage[1] }));
      return;
    }

    const callback = /^\/api\/v10\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path);
    const webhook = /^\/api\/v10\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/(@original|\d+))?$/.exec(path);
    const pending = callback
      ? this.interactions.get(callback[1] as string)
      : webhook
        ? [...this.interactions.values()].find((i) => i.token === webhook[2])
        : undefined;
    if (!pending) {
      record(reply(404, { message: 'Unknown interaction', code: 10062 }));
      return;
    }
    const extra = { interaction: pending.id, sinceDispatch: Date.now() - pending.dispatchedAt };

    const fault = this.faults[0];
    if (fault) {
      if (--fault.count <= 0) this.faults.shift();
      const retry = { message: 'You are being rate limited.', retry_after: 0.05, global: false };
      record(
        fault.status === 429
          ? reply(429, retry, { 'retry-after': '0.05', 'x-ratelimit-scope': 'user' })
          : reply(fault.status, { message: 'Internal Server Error', code: 0 }),
        extra,
      );
      return;
    }

    if (callback) {
      if (pending.acknowledged) {
        record(reply(400, { message: 'Interaction has already been acknowledged.', code: 40060 }), extra);
        return;
      }
      if (extra.sinceDispatch > ACK_WINDOW_MS) {
        this.violations.push(`interaction ${pending.id} acknowledged after ${extra.sinceDispatch} ms`);
        record(reply(404, { message: 'Unknown interaction', code: 10062 }), extra);
        return;
      }
      pending.acknowledged = true;
      if (body.type === 8)
        this.violations.push(...choiceViolations(body.data ?? {}, `autocomplete ${pending.id}`));
      else if (body.type === 4 || body.type === 7)
        this.violations.push(...messageViolations(body.data ?? {}, `callback ${pending.id}`, files));
      record(reply(204), extra);
      return;
    }
    if (!pending.acknowledged)
      this.violations.push(`webhook call for ${pending.id} before it was acknowledged`);
    if (method !== 'GET' && method !== 'DELETE')
      this.violations.push(
        ...messageViolations(body, `${method} ${webhook?.[3] ?? 'followup'} ${pending.id}`, files),
      );
    record(reply(200, message(this.snowflake(), body)), extra);
  }

  private snowflake(): string {
    this.nextId += 1n;
    return String(this.nextId);
  }
}

function user(id: string) {
  return { id, username: `user${id.slice(-2)}`, discriminator: '0', global_name: null, avatar: null };
}

function ready(port: number, shard: [number, number]) {
  return {
    v: 10,
    user: { ...user(APP_ID), username: 'podqa', bot: true },
    guilds: [],
    session_id: `stand-in-session-${shard[0]}-${shard[1]}`,
    resume_gateway_url: `ws://127.0.0.1:${port}`,
    shard,
    application: { id: APP_ID, flags: 0 },
  };
}

function base() {
  return {
    application_id: APP_ID,
    version: 1,
    guild_id: GUILD_ID,
    channel_id: CHANNEL_ID,
    app_permissions: '2248473465835073',
    locale: 'en-US',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { '0': GUILD_ID },
    context: 0,
  };
}

function message(id: string, body: MessageBody) {
  return {
    id,
    channel_id: CHANNEL_ID,
    type: 0,
    content: body.content ?? '',
    embeds: body.embeds ?? [],
    components: body.components ?? [],
    author: { ...user(APP_ID), bot: true },
    attachments: [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    flags: 0,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
  };
}

/** The member part of an interaction. */
export function memberOf({ id, permissions }: Member) {
  return {
    user: user(id),
    roles: [],
    permissions,
    joined_at: '2024-01-01T00:00:00.000Z',
    deaf: false,
    mute: false,
    flags: 0,
    nick: null,
    avatar: null,
  };
}

type OptionValue = string | number | boolean;
/** A slash command as Discord sends it (type 2), by a member. */
export function command(
  name: string,
  options: Record<string, OptionValue>,
  member: Member = LISTENER,
  resolved?: unknown,
) {
  const types: Record<string, number> = { string: 3, number: 4, boolean: 5 };
  return {
    type: 2,
    member: memberOf(member),
    data: {
      id: '555555555555555555',
      name,
      type: 1,
      options: Object.entries(options).map(([key, value]) => ({
        name: key,
        type: types[typeof value],
        value,
      })),
      ...(resolved ? { resolved } : {}),
    },
  };
}

/** /reindex with an attachment option. */
export function commandWithFile(
  name: string,
  file: { id: string; filename: string; size: number; url: string; content_type: string },
  member: Member,
) {
  return {
    type: 2,
    member: memberOf(member),
    data: {
      id: '555555555555555556',
      name,
      type: 1,
      options: [{ name: 'file', type: 11, value: file.id }],
      resolved: { attachments: { [file.id]: { ...file, proxy_url: file.url } } },
    },
  };
}

/** Autocomplete (type 4) with the focused option's text. */
export function autocomplete(name: string, option: string, typed: string) {
  return {
    type: 4,
    member: memberOf(LISTENER),
    data: {
      id: '555555555555555557',
      name,
      type: 1,
      options: [{ name: option, type: 3, value: typed, focused: true }],
    },
  };
}

/** A message context-menu command (type 2, command type 3) used on a message someone wrote. */
export function messageCommand(name: string, content: string, member: Member = LISTENER) {
  const target = '777777777777777777';
  return {
    type: 2,
    member: memberOf(member),
    data: {
      id: '555555555555555558',
      name,
      type: 3,
      target_id: target,
      resolved: {
        messages: { [target]: { ...message(target, { content }), author: user('444444444444444443') } },
      },
    },
  };
}

/** A button press (type 3) on a message the bot sent. */
export function button(customId: string, member: Member = LISTENER) {
  return {
    type: 3,
    member: memberOf(member),
    message: message('666666666666666666', {}),
    data: { custom_id: customId, component_type: 2 },
  };
}
