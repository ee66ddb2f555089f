import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How a route answers; it sees how many times it was asked before this request. */
export type Route = (req: IncomingMessage, res: ServerResponse, hits: number) => void;

/**
 * A tiny HTTP server on 127.0.0.1 serving the test's own fixtures: routes by path, counting hits
 * and keeping each request's headers, so a test can see what the importer sent.
 */
export class FeedServer {
  readonly requests: { path: string; headers: IncomingMessage['headers'] }[] = [];
  private readonly routes = new Map<string, Route>();
  private readonly hits = new Map<string, number>();

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FeedServer> {
    const server = createServer();
    const feeds = new FeedServer(server);
    server.on('request', (req, res) => feeds.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return feeds;
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  url(path: string): string {
    return `${this.origin}${path}`;
  }

  route(path: string, route: Route): this {
    this.routes.set(path, route);
    this.hits.set(path, 0);
    return this;
  }

  /** A route that answers 200 with a fixed body and type. */
  serve(path: string, body: string | Buffer, type = 'application/rss+xml'): this {
    return this.route(path, (_req, res) => {
      res.writeHead(200, { 'content-type': type });
      res.end(body);
    });
  }

  hitsOf(path: string): number {
    return this.hits.get(path) ?? 0;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    this.requests.push({ path, headers: req.headers });
    const route = this.routes.get(path);
    if (!route) {
      res.writeHead(404).end('not found');
      return;
    }
    const hits = this.hitsOf(path);
    this.hits.set(path, hits + 1);
    route(req, res, hits);
  }
}
