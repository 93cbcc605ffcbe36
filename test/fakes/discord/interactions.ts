/**
 * Interactions the fake dispatched, what the bot answered, and the handles tests await.
 * The REST routes (routes.ts) record callbacks, edits and followups here.
 */
import { isVisibleMessage } from './messages.js';
import type { FakeState } from './state.js';
import type {
  FakeMessage,
  FinalOptions,
  InteractionOutcome,
  RejectedResponse,
  WaitOptions,
} from './types.js';

export interface InteractionRecord {
  id: string;
  token: string;
  type: number;
  name: string;
  guildId: string;
  channelId: string;
  userId: string;
  payload: Record<string, unknown>;
  createdAt: number;
  callbackType: number | null;
  acknowledgedAt: number | null;
  ephemeral: boolean;
  originalId: string | null;
  originalHistory: FakeMessage[];
  originalDeleted: boolean;
  followupIds: string[];
  choices: Array<{ name: string; value: string | number }> | null;
  modal: unknown;
  rejected: RejectedResponse[];
  expired: boolean;
  expiryTimer: NodeJS.Timeout | null;
  listeners: Set<() => void>;
  /** ms since the Unix epoch at which the token stops working for webhooks. */
  tokenExpiresAt: number;
}

/**
 * A dispatched interaction as a test sees it. Every wait rejects with a descriptive error after
 * its timeout, and at once if the interaction expired unanswered.
 */
export interface InteractionHandle {
  readonly id: string;
  readonly token: string;
  /** The INTERACTION_CREATE `d` that was sent to the bot. */
  readonly payload: Readonly<Record<string, unknown>>;
  /** A snapshot of everything the bot did so far. */
  outcome(): InteractionOutcome;
  /** Resolves with the first outcome for which `predicate` holds. */
  waitFor(
    predicate: (outcome: InteractionOutcome) => boolean,
    options?: WaitOptions,
  ): Promise<InteractionOutcome>;
  /** Resolves when the initial callback (reply, defer, autocomplete result, modal) was accepted. */
  acknowledged(options?: WaitOptions): Promise<InteractionOutcome>;
  /**
   * Resolves with the `@original` message once it shows something: after a type 4 reply, or after
   * a defer once it is edited (or replaced by the first followup).
   */
  reply(options?: WaitOptions): Promise<FakeMessage>;
  /**
   * Resolves once there is a visible reply and nothing has changed for `quietMs` (default 150 ms),
   * so edits and followups sent right after are included.
   */
  final(options?: FinalOptions): Promise<InteractionOutcome>;
  /** Autocomplete: resolves with the choices of the type 8 callback. */
  choices(options?: WaitOptions): Promise<Array<{ name: string; value: string | number }>>;
}

export class InteractionRegistry {
  private readonly byId = new Map<string, InteractionRecord>();
  private readonly byToken = new Map<string, InteractionRecord>();
  private closed = false;

  constructor(
    private readonly state: FakeState,
    private readonly options: { responseTimeoutMs: number; tokenTtlMs: number; waitTimeoutMs: number },
  ) {}

  get responseTimeoutMs(): number {
    return this.options.responseTimeoutMs;
  }

  create(
    init: Pick<
      InteractionRecord,
      'id' | 'token' | 'type' | 'name' | 'guildId' | 'channelId' | 'userId' | 'payload'
    >,
  ): InteractionRecord {
    const now = Date.now();
    const record: InteractionRecord = {
      ...init,
      createdAt: now,
      callbackType: null,
      acknowledgedAt: null,
      ephemeral: false,
      originalId: null,
      originalHistory: [],
      originalDeleted: false,
      followupIds: [],
      choices: null,
      modal: null,
      rejected: [],
      expired: false,
      expiryTimer: null,
      listeners: new Set(),
      tokenExpiresAt: now + this.options.tokenTtlMs,
    };
    record.expiryTimer = setTimeout(() => {
      record.expiryTimer = null;
      if (record.callbackType === null) {
        record.expired = true;
        this.notify(record);
      }
    }, this.options.responseTimeoutMs);
    record.expiryTimer.unref();
    this.byId.set(record.id, record);
    this.byToken.set(record.token, record);
    return record;
  }

  get(id: string): InteractionRecord | undefined {
    return this.byId.get(id);
  }

  byTokenValue(token: string): InteractionRecord | undefined {
    return this.byToken.get(token);
  }

  /** Whether the initial response window has passed without an answer. */
  isExpired(record: InteractionRecord, now = Date.now()): boolean {
    if (record.callbackType !== null) return false;
    if (now - record.createdAt >= this.options.responseTimeoutMs) {
      record.expired = true;
      return true;
    }
    return false;
  }

  acknowledge(record: InteractionRecord, callbackType: number): void {
    record.callbackType = callbackType;
    record.acknowledgedAt = Date.now();
    if (record.expiryTimer) {
      clearTimeout(record.expiryTimer);
      record.expiryTimer = null;
    }
  }

  reject(record: InteractionRecord, entry: Omit<RejectedResponse, 'time'>): void {
    record.rejected.push({ ...entry, time: Date.now() });
    this.notify(record);
  }

  notify(record: InteractionRecord): void {
    for (const listener of [...record.listeners]) listener();
  }

  all(): InteractionRecord[] {
    return [...this.byId.values()];
  }

  outcome(record: InteractionRecord): InteractionOutcome {
    const original =
      record.originalId && !record.originalDeleted
        ? this.state.messagesById.get(record.originalId)?.message
        : undefined;
    return {
      id: record.id,
      token: record.token,
      type: record.type,
      callbackType: record.callbackType,
      acknowledgedAfterMs: record.acknowledgedAt === null ? null : record.acknowledgedAt - record.createdAt,
      deferred: record.callbackType === 5 || record.callbackType === 6,
      ephemeral: record.ephemeral,
      original: original ? structuredClone(original) : null,
      originalHistory: record.originalHistory.map((m) => structuredClone(m)),
      originalDeleted: record.originalDeleted,
      followups: record.followupIds.flatMap((id) => {
        const stored = this.state.messagesById.get(id);
        return stored ? [structuredClone(stored.message)] : [];
      }),
      choices: record.choices ? record.choices.map((c) => ({ ...c })) : null,
      modal: record.modal === null ? null : structuredClone(record.modal),
      expired: record.expired,
      rejected: record.rejected.map((r) => ({ ...r })),
    };
  }

  private describe(record: InteractionRecord): string {
    const o = this.outcome(record);
    const parts = [`interaction "${record.name}" (${record.id})`, `callbackType=${String(o.callbackType)}`];
    if (o.original)
      parts.push(
        `original=${JSON.stringify({ content: o.original.content, embeds: o.original.embeds.length, flags: o.original.flags })}`,
      );
    parts.push(`followups=${o.followups.length}`);
    if (o.rejected.length > 0)
      parts.push(`rejected=${JSON.stringify(o.rejected.map((r) => `${r.status}/${r.code} ${r.route}`))}`);
    if (o.expired) parts.push(`expired (no answer within ${this.options.responseTimeoutMs} ms)`);
    return parts.join(', ');
  }

  private wait(
    record: InteractionRecord,
    what: string,
    predicate: (o: InteractionOutcome) => boolean,
    timeoutMs: number,
  ): Promise<InteractionOutcome> {
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | null = null;
      const finish = (error: Error | null, outcome?: InteractionOutcome) => {
        record.listeners.delete(check);
        if (timer) clearTimeout(timer);
        if (error) reject(error);
        else if (outcome) resolve(outcome);
      };
      const check = () => {
        if (this.closed) {
          finish(new Error(`fake Discord closed while waiting for ${what} of ${this.describe(record)}`));
          return;
        }
        const outcome = this.outcome(record);
        if (predicate(outcome)) finish(null, outcome);
        else if (outcome.expired && outcome.callbackType === null) {
          finish(new Error(`gave up waiting for ${what}: ${this.describe(record)}`));
        }
      };
      timer = setTimeout(
        () =>
          finish(new Error(`timed out after ${timeoutMs} ms waiting for ${what}: ${this.describe(record)}`)),
        timeoutMs,
      );
      record.listeners.add(check);
      check();
    });
  }

  handle(record: InteractionRecord): InteractionHandle {
    const timeout = (options?: WaitOptions) => options?.timeoutMs ?? this.options.waitTimeoutMs;
    const hasReply = (o: InteractionOutcome) => o.original !== null && isVisibleMessage(o.original);
    return {
      id: record.id,
      token: record.token,
      payload: record.payload,
      outcome: () => this.outcome(record),
      waitFor: (predicate, options) => this.wait(record, 'a matching outcome', predicate, timeout(options)),
      acknowledged: (options) =>
        this.wait(record, 'the initial response', (o) => o.callbackType !== null, timeout(options)),
      reply: async (options) => {
        const outcome = await this.wait(record, 'a visible reply', hasReply, timeout(options));
        if (!outcome.original) throw new Error('unreachable: reply without original');
        return outcome.original;
      },
      final: async (options) => {
        const quietMs = options?.quietMs ?? 150;
        const deadline = Date.now() + timeout(options);
        let outcome = await this.wait(record, 'a visible reply', hasReply, timeout(options));
        for (;;) {
          const before = JSON.stringify(outcome);
          await new Promise((resolve) => setTimeout(resolve, quietMs));
          outcome = this.outcome(record);
          if (JSON.stringify(outcome) === before) return outcome;
          if (Date.now() > deadline) {
            throw new Error(`interaction kept changing for ${timeout(options)} ms: ${this.describe(record)}`);
          }
        }
      },
      choices: async (options) => {
        const outcome = await this.wait(
          record,
          'autocomplete choices',
          (o) => o.choices !== null,
          timeout(options),
        );
        return outcome.choices ?? [];
      },
    };
  }

  /** Stops timers and rejects pending waits. */
  close(): void {
    this.closed = true;
    for (const record of this.byId.values()) {
      if (record.expiryTimer) clearTimeout(record.expiryTimer);
      record.expiryTimer = null;
      this.notify(record);
    }
  }
}
