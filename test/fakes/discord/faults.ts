/** Scripted failures (`fake.failNext`): the next N matching requests get a chosen error. */
import type { FailureRule } from './types.js';

/** A queued failure as returned by `failNext`. */
export interface ScheduledFailure {
  readonly rule: Readonly<FailureRule>;
  /** Matching requests that will still fail. */
  remaining(): number;
  /** Drops the rule. */
  cancel(): void;
}

interface ActiveRule {
  rule: FailureRule;
  remaining: number;
  matches(method: string, path: string): boolean;
}

/**
 * A matcher for request paths (without `/api/v10` and the query): a RegExp, or a string matched
 * exactly where `:name` segments match any one segment (`/channels/:id/messages`).
 */
export function pathMatcher(path: string | RegExp): (candidate: string) => boolean {
  if (path instanceof RegExp) return (candidate) => path.test(candidate);
  const pattern = path
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  const regex = new RegExp(`^${pattern}$`);
  return (candidate) => regex.test(candidate);
}

export class FaultInjector {
  private rules: ActiveRule[] = [];

  add(rule: FailureRule): ScheduledFailure {
    const times = rule.times ?? 1;
    if (!Number.isInteger(times) || times < 1)
      throw new RangeError('failNext: times must be a positive integer');
    const method = rule.method?.toUpperCase();
    const matchPath = pathMatcher(rule.pathPattern);
    const active: ActiveRule = {
      rule: { ...rule },
      remaining: times,
      matches: (m, p) => (method === undefined || method === m) && matchPath(p),
    };
    this.rules.push(active);
    return {
      rule: active.rule,
      remaining: () => active.remaining,
      cancel: () => {
        this.rules = this.rules.filter((r) => r !== active);
      },
    };
  }

  /** The first rule matching the request, consumed by one; null when none matches. */
  take(method: string, path: string): FailureRule | null {
    const active = this.rules.find((r) => r.remaining > 0 && r.matches(method, path));
    if (!active) return null;
    active.remaining -= 1;
    if (active.remaining === 0) this.rules = this.rules.filter((r) => r !== active);
    return active.rule;
  }

  clear(): void {
    this.rules = [];
  }

  pending(): number {
    return this.rules.reduce((n, r) => n + r.remaining, 0);
  }
}
