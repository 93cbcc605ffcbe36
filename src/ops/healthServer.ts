/**
 * The operations endpoint: liveness, readiness and Prometheus metrics over plain HTTP.
 *
 * It is small on purpose and bounded everywhere: only GET (and HEAD) on three paths, request
 * bodies are never read (a request that has one is answered and its connection closed), headers
 * are capped at 8 KiB, a request must arrive within a few seconds, and malformed requests get a
 * 400 without reaching a handler. It holds no secrets, but `/metrics` tells what the bot is doing:
 * publish the port only where a scraper needs it (see docs/operations.md).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Metrics } from './metrics.js';

/** Whole-request time limit; probes and scrapes send a few hundred bytes. */
const REQUEST_TIMEOUT_MS = 10_000;
/** Time limit for the request headers (must not exceed REQUEST_TIMEOUT_MS). */
const HEADERS_TIMEOUT_MS = 5_000;
/** Idle keep-alive connections are closed after this. */
const KEEP_ALIVE_TIMEOUT_MS = 5_000;
const MAX_HEADER_BYTES = 8 * 1024;
/** Scrapers and probes are few; more connections than this are refused at accept time. */
const MAX_CONNECTIONS = 64;

/** The readiness answer: not ready while any reason is given. */
export interface ReadinessState {
  ready: boolean;
  reasons: string[];
}

/** The minimal logger the server writes to (pino's `Logger` fits). */
export interface HealthLog {
  info(o: object, m: string): void;
  warn(o: object, m: string): void;
}

export interface HealthServerOptions {
  /** TCP port; 0 picks a free one (tests). */
  port: number;
  /** Interface to bind (HEALTH_HOST): `127.0.0.1` keeps it local to the machine, `0.0.0.0` is every interface. */
  host: string;
  metrics: Metrics;
  /** True while the process runs its loop; false makes `/livez` answer 503 (restart me). */
  live: () => boolean;
  /** Whether the process should receive traffic or be counted as up, with the reasons it is not. */
  ready: () => ReadinessState;
  log?: HealthLog;
}

export interface HealthServer {
  /** The port actually bound (useful with port 0). */
  port: number;
  /** Stops listening and drops open connections; resolves when the port is free. Idempotent. */
  close(): Promise<void>;
}

/**
 * Starts the health and metrics server. Resolves once it is listening; rejects when the port
 * cannot be bound (e.g. EADDRINUSE), so a bad HEALTH_PORT stops the start instead of going unnoticed.
 *
 * Routes: `GET /livez` → 200 `ok` or 503 `not live`; `GET /readyz` → 200 `{"ready":true}` or
 * 503 `{"ready":false,"reasons":[…]}`; `GET /metrics` → Prometheus text; other paths 404; other
 * methods 405. HEAD is answered like GET, without a body.
 */
export async function startHealthServer(opts: HealthServerOptions): Promise<HealthServer> {
  const server = createServer(
    {
      requestTimeout: REQUEST_TIMEOUT_MS,
      headersTimeout: HEADERS_TIMEOUT_MS,
      keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
      maxHeaderSize: MAX_HEADER_BYTES,
      // How often Node checks the two timeouts above; its default (30 s) would let a slow client hold a socket 6× longer.
      connectionsCheckingInterval: 1_000,
    },
    (req, res) => {
      handle(req, res, opts).catch((error: unknown) => {
        opts.log?.warn({ err: error, path: pathOf(req) }, 'health endpoint handler failed');
        if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'internal error\n');
        else res.destroy();
      });
    },
  );
  server.maxConnections = MAX_CONNECTIONS;
  server.maxRequestsPerSocket = 100;
  // An idle socket that never sends a full request is closed by requestTimeout/headersTimeout;
  // this catches sockets that stall mid-response (a reader that stops reading).
  server.setTimeout(REQUEST_TIMEOUT_MS, (socket: Socket) => socket.destroy());
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    // Malformed requests, oversized headers and timeouts end here, with no request object: answer
    // on the raw socket when no response has started on it (what Node's default handler does), never throw.
    const inProgress =
      (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent ?? false;
    if (error.code !== 'ECONNRESET' && socket.writable && !inProgress) {
      const status =
        error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? '408 Request Timeout'
          : error.code === 'HPE_HEADER_OVERFLOW'
            ? '431 Request Header Fields Too Large'
            : '400 Bad Request';
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    } else {
      socket.destroy();
    }
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen({ port: opts.port, host: opts.host }, () => {
      server.off('error', onError);
      resolve();
    });
  });
  server.on('error', (error) => opts.log?.warn({ err: error }, 'health endpoint server error'));
  const { port } = server.address() as AddressInfo;
  opts.log?.info({ host: opts.host, port }, 'health endpoint listening');

  let closing: Promise<void> | undefined;
  return {
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, opts: HealthServerOptions): Promise<void> {
  // Bodies are never read. Answer, then close the connection instead of draining what may be a
  // large upload so that the next request on it can be parsed.
  if (hasBody(req)) res.setHeader('Connection', 'close');
  const path = pathOf(req);
  const known = path === '/livez' || path === '/readyz' || path === '/metrics';
  if (!known) {
    send(res, 404, 'text/plain; charset=utf-8', 'not found\n');
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    send(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n');
    return;
  }
  switch (path) {
    case '/livez': {
      const live = safely(opts.live, false);
      send(res, live ? 200 : 503, 'text/plain; charset=utf-8', live ? 'ok\n' : 'not live\n');
      return;
    }
    case '/readyz': {
      const state = safely(opts.ready, { ready: false, reasons: ['readiness check threw an error'] });
      const body = state.ready
        ? { ready: true }
        : { ready: false, reasons: state.reasons.length > 0 ? state.reasons : ['not ready'] };
      send(res, state.ready ? 200 : 503, 'application/json; charset=utf-8', `${JSON.stringify(body)}\n`);
      return;
    }
    default: {
      const text = await opts.metrics.registry.metrics();
      send(res, 200, opts.metrics.registry.contentType, text);
    }
  }
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

/** The path without the query; an absolute-form target (`http://host/livez`) yields its path. */
function pathOf(req: IncomingMessage): string {
  const target = req.url ?? '/';
  if (target.startsWith('/')) return target.split('?')[0] ?? '/';
  try {
    return new URL(target).pathname;
  } catch {
    return target;
  }
}

function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** A check that throws is a failing check, never a crashed endpoint. */
function safely<T>(check: () => T, fallback: T): T {
  try {
    return check();
  } catch {
    return fallback;
  }
}
