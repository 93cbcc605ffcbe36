/**
 * Discord-style rate limits: per-route buckets (fixed windows keyed by bucket hash + top-level
 * resource) with `X-RateLimit-*` headers, and a global per-second limit. A 429 carries
 * `Retry-After` (whole seconds, like Discord), `X-RateLimit-Scope` and, for the global limit,
 * `X-RateLimit-Global`; the body has `retry_after` in fractional seconds.
 */
import { createHash } from 'node:crypto';
import type { FakeStats, RateLimitOptions, WindowLimit } from './types.js';

/** Template of the message-create route, whose default bucket is 5 per 5 s per channel. */
export const MESSAGE_CREATE_ROUTE = 'POST /channels/:channelId/messages';

const DEFAULTS = {
  global: { limit: 50, windowMs: 1000 },
  defaultRoute: { limit: 50, windowMs: 1000 },
  routes: { [MESSAGE_CREATE_ROUTE]: { limit: 5, windowMs: 5000 } } as Record<string, WindowLimit>,
};

interface ResolvedOptions {
  global: WindowLimit | false;
  defaultRoute: WindowLimit;
  routes: Record<string, WindowLimit>;
}

interface Bucket {
  hash: string;
  limit: number;
  windowMs: number;
  remaining: number;
  resetAt: number;
  /** When a response advertising `Remaining: 0` for the current window was sent. */
  zeroAdvertisedAt: number | null;
}

/** The body of a 429. */
export interface RateLimitBody {
  message: string;
  retry_after: number;
  global: boolean;
  code?: number;
}

/** What the limiter decided for one request. */
export interface RateLimitDecision {
  /** Headers for the response (bucket headers, plus 429 headers when limited). */
  headers: Record<string, string>;
  /** Set when the request must be answered with a 429. */
  limited: { body: RateLimitBody; global: boolean; avoidable: boolean } | null;
  /** Call once the response has been written (tracks what the client could know). */
  sent(): void;
}

function resolve(options: RateLimitOptions | undefined): ResolvedOptions {
  return {
    global: options?.global === undefined ? DEFAULTS.global : options.global,
    defaultRoute: options?.defaultRoute ?? DEFAULTS.defaultRoute,
    routes: { ...DEFAULTS.routes, ...(options?.routes ?? {}) },
  };
}

function seconds(ms: number): number {
  return Math.max(0, Math.round(ms) / 1000);
}

/** Headers and body of a 429 (used by real limits and by injected failures). */
export function rateLimitResponse(
  retryAfterSeconds: number,
  scope: 'user' | 'global' | 'shared',
  code?: number,
  message?: string,
): { headers: Record<string, string>; body: RateLimitBody } {
  const global = scope === 'global';
  const headers: Record<string, string> = {
    'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))),
    'X-RateLimit-Scope': scope,
  };
  if (global) headers['X-RateLimit-Global'] = 'true';
  const body: RateLimitBody = {
    message:
      message ?? (scope === 'shared' ? 'The resource is being rate limited.' : 'You are being rate limited.'),
    retry_after: Math.round(retryAfterSeconds * 1000) / 1000,
    global,
  };
  if (code !== undefined) body.code = code;
  return { headers, body };
}

export class RateLimiter {
  private options: ResolvedOptions | null;
  private readonly buckets = new Map<string, Bucket>();
  private globalWindow = { start: 0, count: 0 };

  constructor(
    options: RateLimitOptions | false | undefined,
    private readonly stats: FakeStats,
  ) {
    this.options = options === false ? null : resolve(options);
  }

  /** Replaces the configuration (`false` disables limits) and forgets all bucket state. */
  configure(options: RateLimitOptions | false | undefined): void {
    this.options = options === false ? null : resolve(options);
    this.buckets.clear();
    this.globalWindow = { start: 0, count: 0 };
  }

  get enabled(): boolean {
    return this.options !== null;
  }

  /** The bucket hash Discord would send for a route template. */
  static bucketHash(route: string): string {
    return createHash('sha1').update(route).digest('hex').slice(0, 32);
  }

  /**
   * Consumes one request. `route` is the route template; `major` the top-level resource
   * (channel/guild id, webhook id+token) or '' for none; `global` whether the request counts
   * toward the global limit (interaction routes do not); `bucketed` whether the route has a bucket.
   */
  take(input: {
    route: string;
    major: string;
    global: boolean;
    bucketed: boolean;
    now: number;
  }): RateLimitDecision {
    const noop: RateLimitDecision = { headers: {}, limited: null, sent: () => {} };
    const options = this.options;
    if (!options) return noop;
    const { now } = input;

    if (input.global && options.global) {
      const window = options.global;
      if (now - this.globalWindow.start >= window.windowMs) this.globalWindow = { start: now, count: 0 };
      if (this.globalWindow.count >= window.limit) {
        const retryMs = this.globalWindow.start + window.windowMs - now;
        const { headers, body } = rateLimitResponse(seconds(retryMs), 'global');
        this.stats.rateLimited += 1;
        this.stats.globalRateLimited += 1;
        return { headers, limited: { body, global: true, avoidable: false }, sent: () => {} };
      }
      this.globalWindow.count += 1;
    }

    if (!input.bucketed) return noop;
    const limit = options.routes[input.route] ?? options.defaultRoute;
    const hash = RateLimiter.bucketHash(input.route);
    const key = `${hash}:${input.major}`;
    let bucket = this.buckets.get(key);
    if (!bucket || now >= bucket.resetAt) {
      bucket = {
        hash,
        limit: limit.limit,
        windowMs: limit.windowMs,
        remaining: limit.limit,
        resetAt: now + limit.windowMs,
        zeroAdvertisedAt: null,
      };
      this.buckets.set(key, bucket);
    }
    const current = bucket;
    const bucketHeaders = (): Record<string, string> => ({
      'X-RateLimit-Limit': String(current.limit),
      'X-RateLimit-Remaining': String(current.remaining),
      'X-RateLimit-Reset': (current.resetAt / 1000).toFixed(3),
      'X-RateLimit-Reset-After': seconds(current.resetAt - now).toFixed(3),
      'X-RateLimit-Bucket': current.hash,
    });

    if (current.remaining <= 0) {
      const avoidable = current.zeroAdvertisedAt !== null && current.zeroAdvertisedAt <= now;
      const { headers, body } = rateLimitResponse(seconds(current.resetAt - now), 'user');
      this.stats.rateLimited += 1;
      if (avoidable) this.stats.rateLimitedAvoidable += 1;
      return {
        headers: { ...bucketHeaders(), ...headers },
        limited: { body, global: false, avoidable },
        sent: () => {},
      };
    }
    current.remaining -= 1;
    const headers = bucketHeaders();
    const advertisesZero = current.remaining === 0;
    const resetAt = current.resetAt;
    return {
      headers,
      limited: null,
      sent: () => {
        if (advertisesZero && current.resetAt === resetAt && current.zeroAdvertisedAt === null) {
          current.zeroAdvertisedAt = Date.now();
        }
      },
    };
  }
}
