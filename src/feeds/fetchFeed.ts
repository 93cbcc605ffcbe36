/**
 * Fetching a feed: our own HTTP call with every outside quantity bounded (time, size after
 * decompression, redirects, schemes), conditional GET, and results as values, never exceptions.
 */
import { readBoundedBody } from '../http/readBounded.js';

export interface FetchLimits {
  /** Whole response, headers and body, in milliseconds. */
  timeoutMs: number;
  /** Body size after decompression (gzip, deflate, br), in bytes. */
  maxBytes: number;
  maxRedirects: number;
}

export const DEFAULT_FETCH_LIMITS: FetchLimits = {
  timeoutMs: 15_000,
  maxBytes: 5 * 1024 * 1024,
  maxRedirects: 5,
};

export interface FetchRequest {
  url: string;
  userAgent: string;
  etag?: string | null | undefined;
  lastModified?: string | null | undefined;
  limits?: Partial<FetchLimits>;
  /** Aborts the request, e.g. on shutdown. */
  signal?: AbortSignal | undefined;
}

interface Validators {
  etag: string | null;
  lastModified: string | null;
}

export type FetchResult =
  | ({
      status: 'ok';
      httpStatus: number;
      body: Uint8Array;
      contentType: string | null;
      finalUrl: string;
    } & Validators)
  | ({ status: 'not-modified'; finalUrl: string } & Validators)
  | { status: 'http-error'; httpStatus: number; message: string; retryAfterMs: number | null }
  | { status: 'network-error'; message: string };

/** The `fetch` seam: the global fetch by default, any compatible function in tests. */
export type FetchFn = typeof globalThis.fetch;

const ACCEPT =
  'application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';
const MAX_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;

/** Parses a Retry-After header (seconds or an HTTP date) into milliseconds from `now`, bounded to a day. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null || value.trim() === '') return null;
  const trimmed = value.trim();
  let ms: number;
  if (/^\d+(\.\d+)?$/.test(trimmed)) ms = Number(trimmed) * 1000;
  else {
    const date = Date.parse(trimmed);
    if (Number.isNaN(date)) return null;
    ms = date - now;
  }
  return Math.min(Math.max(0, Math.round(ms)), MAX_RETRY_AFTER_MS);
}

/** Fetches a feed. Never throws; every failure is a FetchResult describing it. */
export async function fetchFeed(
  request: FetchRequest,
  fetchFn: FetchFn = globalThis.fetch,
): Promise<FetchResult> {
  const limits = { ...DEFAULT_FETCH_LIMITS, ...request.limits };
  const timeout = AbortSignal.timeout(limits.timeoutMs);
  const signal = request.signal ? AbortSignal.any([timeout, request.signal]) : timeout;
  const visited = new Set<string>();
  let url = request.url;
  try {
    for (let redirects = 0; ; redirects++) {
      const parsed = safeUrl(url);
      if (!parsed)
        return { status: 'network-error', message: `unsupported URL (only http and https): ${shorten(url)}` };
      visited.add(parsed.href);
      const headers: Record<string, string> = {
        'user-agent': request.userAgent,
        accept: ACCEPT,
        'accept-encoding': 'gzip, deflate, br',
      };
      if (request.etag) headers['if-none-match'] = request.etag;
      if (request.lastModified) headers['if-modified-since'] = request.lastModified;
      const response = await fetchFn(parsed.href, { headers, redirect: 'manual', signal });
      if (response.status >= 300 && response.status < 400 && response.status !== 304) {
        await response.body?.cancel().catch(() => {});
        const location = response.headers.get('location');
        if (!location)
          return {
            status: 'http-error',
            httpStatus: response.status,
            message: `HTTP ${response.status} redirect without a Location`,
            retryAfterMs: null,
          };
        if (redirects >= limits.maxRedirects)
          return {
            status: 'network-error',
            message: `too many redirects (more than ${limits.maxRedirects})`,
          };
        const next = safeUrl(location, parsed.href);
        if (!next)
          return { status: 'network-error', message: `redirect to an unsupported URL: ${shorten(location)}` };
        if (visited.has(next.href))
          return { status: 'network-error', message: `redirect loop at ${shorten(next.href)}` };
        url = next.href;
        continue;
      }
      const validators: Validators = {
        etag: response.headers.get('etag'),
        lastModified: response.headers.get('last-modified'),
      };
      if (response.status === 304) {
        await response.body?.cancel().catch(() => {});
        return {
          status: 'not-modified',
          finalUrl: parsed.href,
          etag: validators.etag ?? request.etag ?? null,
          lastModified: validators.lastModified ?? request.lastModified ?? null,
        };
      }
      if (response.status < 200 || response.status >= 300) {
        await response.body?.cancel().catch(() => {});
        const retryAfterMs =
          response.status === 429 || response.status === 503
            ? parseRetryAfter(response.headers.get('retry-after'), Date.now())
            : null;
        return {
          status: 'http-error',
          httpStatus: response.status,
          message: `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`,
          retryAfterMs,
        };
      }
      const declared = Number(response.headers.get('content-length'));
      const encoded = response.headers.get('content-encoding');
      if (!encoded && Number.isFinite(declared) && declared > limits.maxBytes) {
        await response.body?.cancel().catch(() => {});
        return {
          status: 'network-error',
          message: `response too large: ${declared} bytes (limit ${limits.maxBytes})`,
        };
      }
      const body = await readBoundedBody(response, limits.maxBytes);
      if (body === undefined)
        return {
          status: 'network-error',
          message: `response too large: more than ${limits.maxBytes} bytes after decompression`,
        };
      return {
        status: 'ok',
        httpStatus: response.status,
        body,
        contentType: response.headers.get('content-type'),
        finalUrl: parsed.href,
        ...validators,
      };
    }
  } catch (error) {
    if (timeout.aborted)
      return { status: 'network-error', message: `timed out after ${limits.timeoutMs} ms` };
    if (request.signal?.aborted) return { status: 'network-error', message: 'aborted' };
    return { status: 'network-error', message: describeNetworkError(error) };
  }
}

function safeUrl(raw: string, base?: string): URL | null {
  try {
    const url = base ? new URL(raw, base) : new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    url.hash = '';
    return url;
  } catch {
    return null;
  }
}

function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error).slice(0, 200);
  const cause = (error as Error & { cause?: unknown }).cause;
  if (cause instanceof Error) {
    const code = (cause as Error & { code?: string }).code;
    return `${error.message}: ${code ? `${code} ` : ''}${cause.message}`.slice(0, 300);
  }
  return error.message.slice(0, 300);
}

function shorten(url: string): string {
  return url.length > 200 ? `${url.slice(0, 200)}…` : url;
}
