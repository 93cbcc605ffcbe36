/**
 * REST plumbing: routing `/api[/vN]/...`, auth, body parsing (JSON and multipart with
 * `payload_json`), rate limits, scripted failures, error bodies and the request log.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DiscordHttpError, defaultErrorMessage, ErrorCode } from './errors.js';
import type { FaultInjector } from './faults.js';
import { RateLimiter, rateLimitResponse } from './rateLimits.js';
import type { FakeStats, FakeUpload, RecordedRequest } from './types.js';

/** What a route handler gets. */
export interface RouteContext {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  uploads: FakeUpload[];
  now: number;
}

/** What a route handler returns (or it throws {@link DiscordHttpError}). */
export interface RouteResult {
  status: number;
  body?: unknown;
}

/** One route. `template` uses `:name` segments; `key` (`METHOD template`) names it in options. */
export interface RouteDef {
  method: string;
  template: string;
  /** `bot`: needs `Authorization: Bot <token>`; `none`: token-in-URL routes (interactions, webhooks). */
  auth: 'bot' | 'none';
  /** Counts toward the global limit (interaction routes do not). Default true. */
  global?: boolean;
  /** Has a per-route bucket with X-RateLimit headers. Default true. */
  bucketed?: boolean;
  handler(ctx: RouteContext): RouteResult | Promise<RouteResult>;
}

interface CompiledRoute extends RouteDef {
  key: string;
  regex: RegExp;
  names: string[];
}

export function compileRoutes(routes: RouteDef[]): CompiledRoute[] {
  return routes.map((route) => {
    const names: string[] = [];
    const pattern = route.template
      .split('/')
      .map((segment) => {
        if (segment.startsWith(':')) {
          names.push(segment.slice(1));
          return '([^/]+)';
        }
        return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('/');
    return { ...route, key: `${route.method} ${route.template}`, regex: new RegExp(`^${pattern}$`), names };
  });
}

/** The top-level resource Discord keys buckets on: channel, guild, or webhook id + token. */
function majorParameter(params: Record<string, string>): string {
  if (params.channelId) return `channel:${params.channelId}`;
  if (params.guildId) return `guild:${params.guildId}`;
  if (params.webhookId) return `webhook:${params.webhookId}/${params.webhookToken ?? ''}`;
  return '';
}

const MAX_BODY_BYTES = 26 * 1024 * 1024;

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new DiscordHttpError(413, 40005, 'Request entity too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

async function parseBody(
  req: IncomingMessage,
  raw: Buffer,
): Promise<{ body: unknown; uploads: FakeUpload[] }> {
  if (raw.length === 0) return { body: undefined, uploads: [] };
  const contentType = req.headers['content-type'] ?? '';
  if (contentType.startsWith('multipart/form-data')) {
    const form = await new Request('http://fake.invalid/', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: raw,
    }).formData();
    const uploads: FakeUpload[] = [];
    const fields: Record<string, string> = {};
    let body: unknown;
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') body = parseJson(value);
        else fields[field] = value;
      } else {
        uploads.push({ field, filename: value.name, contentType: value.type, size: value.size });
      }
    }
    return { body: body ?? (Object.keys(fields).length > 0 ? fields : undefined), uploads };
  }
  return { body: parseJson(raw.toString('utf8')), uploads: [] };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new DiscordHttpError(400, ErrorCode.InvalidJson);
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  if (body === undefined || status === 204) {
    // No content-type on empty answers: discord.js would try to parse an empty JSON body.
    res.writeHead(status, headers);
    res.end();
    return;
  }
  const json = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(json)),
  });
  res.end(json);
}

export interface RestDeps {
  routes: CompiledRoute[];
  token: string;
  limiter: RateLimiter;
  faults: FaultInjector;
  stats: FakeStats;
  requests: RecordedRequest[];
  log(line: string): void;
}

/** The `request` listener of the fake's HTTP server. */
export function createRestListener(deps: RestDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(deps, req, res).catch((error: unknown) => {
      deps.log(
        `rest: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      if (!res.headersSent) send(res, 500, { message: '500: Internal Server Error', code: 0 }, {});
    });
  };
}

async function handle(deps: RestDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const time = Date.now();
  const method = (req.method ?? 'GET').toUpperCase();
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  // Clients percent-encode path segments (discord.js sends `/users/%40me`): match decoded segments.
  const path =
    url.pathname
      .replace(/^\/api(\/v\d+)?(?=\/|$)/, '')
      .split('/')
      .map((segment) => {
        try {
          return decodeURIComponent(segment);
        } catch {
          return segment;
        }
      })
      .join('/') || '/';
  const query: Record<string, string> = Object.fromEntries(url.searchParams.entries());
  const authHeader = req.headers.authorization;
  const authorized = authHeader === `Bot ${deps.token}`;
  deps.stats.requests += 1;

  const record: RecordedRequest = {
    method,
    path,
    query,
    route: null,
    body: undefined,
    uploads: [],
    authorized,
    status: 0,
    responseBody: undefined,
    time,
    durationMs: 0,
    injected: false,
    rateLimited: false,
  };
  deps.requests.push(record);
  const finish = (status: number, body: unknown, headers: Record<string, string>) => {
    record.status = status;
    record.responseBody = body;
    record.durationMs = Date.now() - time;
    record.rateLimited = status === 429;
    send(res, status, body, headers);
  };

  if (!url.pathname.startsWith('/api/') && url.pathname !== '/api') {
    finish(404, { message: '404: Not Found', code: 0 }, {});
    return;
  }

  try {
    const raw = await readBody(req);
    const parsed = await parseBody(req, raw);
    record.body = parsed.body;
    record.uploads = parsed.uploads;

    let route: CompiledRoute | undefined;
    let params: Record<string, string> = {};
    let pathMatched = false;
    for (const candidate of deps.routes) {
      const match = candidate.regex.exec(path);
      if (!match) continue;
      pathMatched = true;
      if (candidate.method !== method) continue;
      route = candidate;
      params = Object.fromEntries(
        candidate.names.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? '')]),
      );
      break;
    }
    if (!route) {
      deps.log(`rest: no route for ${method} ${path}`);
      finish(
        pathMatched ? 405 : 404,
        { message: pathMatched ? '405: Method Not Allowed' : '404: Not Found', code: 0 },
        {},
      );
      return;
    }
    record.route = route.key;

    if (route.auth === 'bot' && !authorized) {
      finish(401, { message: '401: Unauthorized', code: 0 }, {});
      return;
    }

    const decision = deps.limiter.take({
      route: route.key,
      major: majorParameter(params),
      global: route.global ?? true,
      bucketed: route.bucketed ?? true,
      now: time,
    });
    if (decision.limited) {
      finish(429, decision.limited.body, decision.headers);
      return;
    }

    const failure = deps.faults.take(method, path);
    if (failure) {
      deps.stats.injectedFailures += 1;
      record.injected = true;
      if (failure.status === 429) {
        const scope = failure.scope ?? (failure.global ? 'global' : 'user');
        const retryAfter = failure.retryAfter ?? 0.25;
        const limited = rateLimitResponse(retryAfter, scope, failure.code, failure.message);
        deps.stats.rateLimited += 1;
        if (scope === 'global') deps.stats.globalRateLimited += 1;
        const headers: Record<string, string> = { ...decision.headers, ...limited.headers };
        if (scope === 'user') {
          // A user-scope 429 means this bucket is exhausted until retry_after.
          headers['X-RateLimit-Limit'] ??= '1';
          headers['X-RateLimit-Remaining'] = '0';
          headers['X-RateLimit-Reset-After'] = retryAfter.toFixed(3);
          headers['X-RateLimit-Reset'] = ((Date.now() + retryAfter * 1000) / 1000).toFixed(3);
          headers['X-RateLimit-Bucket'] ??= RateLimiter.bucketHash(route.key);
        }
        finish(429, limited.body, headers);
      } else {
        const code = failure.code ?? 0;
        finish(
          failure.status,
          { message: failure.message ?? defaultErrorMessage(failure.status, code), code },
          decision.headers,
        );
      }
      decision.sent();
      return;
    }

    let result: RouteResult;
    try {
      result = await route.handler({
        method,
        path,
        params,
        query: url.searchParams,
        body: parsed.body,
        uploads: parsed.uploads,
        now: time,
      });
    } catch (error) {
      if (error instanceof DiscordHttpError) {
        finish(error.status, error.body, decision.headers);
        decision.sent();
        return;
      }
      throw error;
    }
    finish(result.status, result.body, decision.headers);
    decision.sent();
  } catch (error) {
    if (error instanceof DiscordHttpError) {
      finish(error.status, error.body, {});
      return;
    }
    deps.log(
      `rest: handler for ${method} ${path} threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    finish(500, { message: '500: Internal Server Error', code: 0 }, {});
  }
}
