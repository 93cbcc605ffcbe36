/**
 * The gateway: a JSON WebSocket speaking Discord's v10 protocol (HELLO, IDENTIFY → READY and one
 * GUILD_CREATE per guild, heartbeats, RESUME with replay, INVALID_SESSION, RECONNECT) with
 * intent filtering of dispatches and Discord's close codes for protocol errors.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, WebSocket, WebSocketServer } from 'ws';
import { randomHex } from './snowflake.js';

/** Gateway opcodes. */
export const Op = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  PresenceUpdate: 3,
  VoiceStateUpdate: 4,
  Resume: 6,
  Reconnect: 7,
  RequestGuildMembers: 8,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
} as const;

/** Gateway close codes the fake uses. */
export const CloseCode = {
  UnknownError: 4000,
  UnknownOpcode: 4001,
  DecodeError: 4002,
  NotAuthenticated: 4003,
  AuthenticationFailed: 4004,
  AlreadyAuthenticated: 4005,
  InvalidShard: 4010,
  InvalidApiVersion: 4012,
  InvalidIntents: 4013,
  DisallowedIntents: 4014,
} as const;

/** Intent bits the fake filters on. */
export const Intent = {
  Guilds: 1 << 0,
  GuildMembers: 1 << 1,
  GuildPresences: 1 << 8,
  GuildMessages: 1 << 9,
  MessageContent: 1 << 15,
} as const;

/** GuildMembers | GuildPresences | MessageContent. */
export const PRIVILEGED_INTENTS = Intent.GuildMembers | Intent.GuildPresences | Intent.MessageContent;

// Bits 0–16, 20, 21, 24, 25 are defined intents; anything else is 4013.
const VALID_INTENTS = (1 << 17) - 1 + (1 << 20) + (1 << 21) + (1 << 24) + (1 << 25);

/** One payload the gateway sent or received. */
export interface GatewayLogEntry {
  direction: 'in' | 'out';
  op: number;
  t: string | null;
  s: number | null;
  sessionId: string | null;
  time: number;
}

/** One gateway payload. */
interface Payload {
  op: number;
  d: unknown;
  s: number | null;
  t: string | null;
}

export interface GatewayDeps {
  token: string;
  heartbeatIntervalMs: number;
  privilegedIntents: number;
  /** The URL returned as `resume_gateway_url`. */
  resumeUrl(): string;
  /** READY's `d` (without session_id/shard, which the gateway adds). */
  readyData(): Record<string, unknown>;
  /** Ids of the guilds the bot is in, for READY's unavailable stubs. */
  guildIds(): string[];
  /** GUILD_CREATE `d` for one guild. */
  guildCreate(guildId: string): unknown;
  log(line: string): void;
}

interface Session {
  id: string;
  intents: number;
  shard: [number, number];
  seq: number;
  /** Sent dispatches, for replay on RESUME. */
  buffer: Payload[];
  conn: Connection | null;
}

interface Connection {
  ws: WebSocket;
  session: Session | null;
  heartbeatWaiters: Array<() => void>;
}

const BUFFER_SIZE = 1000;

/** The shard a guild belongs to: (guild_id >> 22) % shard_count. */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** The intent a dispatch needs, or null when every session receives it. */
function requiredIntent(t: string, d: unknown, botId: string): number | null {
  if (t.startsWith('GUILD_MEMBER')) {
    const userId = (d as { user?: { id?: string } }).user?.id;
    // Updates of the bot's own member arrive without the privileged intent.
    if (t === 'GUILD_MEMBER_UPDATE' && userId === botId) return null;
    return Intent.GuildMembers;
  }
  if (t.startsWith('GUILD_') || t.startsWith('CHANNEL_') || t.startsWith('THREAD_')) return Intent.Guilds;
  if (t.startsWith('MESSAGE_')) return Intent.GuildMessages;
  if (t === 'PRESENCE_UPDATE') return Intent.GuildPresences;
  return null;
}

export class GatewayServer {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sessions = new Map<string, Session>();
  private readonly connections = new Set<Connection>();
  private readyWaiters: Array<(error?: Error) => void> = [];
  /** Every payload sent and received, oldest first. */
  readonly log: GatewayLogEntry[] = [];

  constructor(
    private readonly deps: GatewayDeps,
    private readonly botId: string,
  ) {}

  /** Hands an HTTP upgrade to the WebSocket server. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, req));
  }

  private onConnection(ws: WebSocket, req: IncomingMessage): void {
    const conn: Connection = { ws, session: null, heartbeatWaiters: [] };
    this.connections.add(conn);
    ws.on('close', (code) => this.onClose(conn, code));
    ws.on('error', (error) => this.deps.log(`gateway socket error: ${error.message}`));
    ws.on('message', (data, isBinary) => this.onMessage(conn, data, isBinary));
    this.send(conn, {
      op: Op.Hello,
      d: { heartbeat_interval: this.deps.heartbeatIntervalMs },
      s: null,
      t: null,
    });

    const query = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams;
    const version = query.get('v');
    if (version !== null && version !== '10' && version !== '9') {
      this.closeConn(conn, CloseCode.InvalidApiVersion, 'Invalid API version');
    } else if ((query.get('encoding') ?? 'json') !== 'json' || query.get('compress') !== null) {
      // Only plain JSON is implemented (discord.js uses it when zlib-sync is absent).
      this.deps.log(`gateway: unsupported encoding/compression in ${req.url ?? ''}`);
      this.closeConn(conn, CloseCode.DecodeError, 'Only encoding=json without compression is supported');
    }
  }

  private onClose(conn: Connection, code: number): void {
    this.connections.delete(conn);
    const session = conn.session;
    if (session && session.conn === conn) {
      session.conn = null;
      // Closing with 1000/1001 ends the session on Discord; anything else keeps it resumable.
      if (code === 1000 || code === 1001) this.sessions.delete(session.id);
    }
    for (const waiter of conn.heartbeatWaiters.splice(0)) waiter();
  }

  private onMessage(conn: Connection, data: RawData, isBinary: boolean): void {
    let payload: Payload;
    try {
      if (isBinary) throw new Error('binary frame');
      const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : data.toString();
      payload = JSON.parse(text) as Payload;
      if (typeof payload !== 'object' || payload === null || typeof payload.op !== 'number')
        throw new Error('no op');
    } catch {
      this.closeConn(conn, CloseCode.DecodeError, 'Error while decoding payload.');
      return;
    }
    this.record('in', payload, conn.session?.id ?? null);
    switch (payload.op) {
      case Op.Heartbeat:
        this.send(conn, { op: Op.HeartbeatAck, d: null, s: null, t: null });
        for (const waiter of conn.heartbeatWaiters.splice(0)) waiter();
        return;
      case Op.Identify:
        this.identify(conn, payload.d);
        return;
      case Op.Resume:
        this.resume(conn, payload.d);
        return;
      case Op.PresenceUpdate:
      case Op.VoiceStateUpdate:
      case Op.RequestGuildMembers:
        if (!conn.session) this.closeConn(conn, CloseCode.NotAuthenticated, 'Not authenticated.');
        return;
      default:
        this.closeConn(conn, CloseCode.UnknownOpcode, 'Unknown opcode.');
    }
  }

  private tokenMatches(token: unknown): boolean {
    if (typeof token !== 'string') return false;
    return token.replace(/^Bot\s+/i, '') === this.deps.token;
  }

  private identify(conn: Connection, d: unknown): void {
    if (conn.session) {
      this.closeConn(conn, CloseCode.AlreadyAuthenticated, 'Already authenticated.');
      return;
    }
    const data = (typeof d === 'object' && d !== null ? d : {}) as {
      token?: unknown;
      intents?: unknown;
      shard?: unknown;
    };
    if (!this.tokenMatches(data.token)) {
      this.closeConn(conn, CloseCode.AuthenticationFailed, 'Authentication failed.');
      return;
    }
    const intents = data.intents;
    if (
      typeof intents !== 'number' ||
      !Number.isInteger(intents) ||
      intents < 0 ||
      (intents & ~VALID_INTENTS) !== 0
    ) {
      this.closeConn(conn, CloseCode.InvalidIntents, 'Invalid intent(s).');
      return;
    }
    if ((intents & PRIVILEGED_INTENTS & ~this.deps.privilegedIntents) !== 0) {
      this.closeConn(conn, CloseCode.DisallowedIntents, 'Disallowed intent(s).');
      return;
    }
    let shard: [number, number] = [0, 1];
    if (data.shard !== undefined) {
      const s = data.shard;
      if (
        !Array.isArray(s) ||
        s.length !== 2 ||
        !Number.isInteger(s[0]) ||
        !Number.isInteger(s[1]) ||
        s[1] < 1 ||
        s[0] < 0 ||
        s[0] >= s[1]
      ) {
        this.closeConn(conn, CloseCode.InvalidShard, 'Invalid shard.');
        return;
      }
      shard = [s[0] as number, s[1] as number];
    }
    const session: Session = { id: randomHex(16), intents, shard, seq: 0, buffer: [], conn };
    this.sessions.set(session.id, session);
    conn.session = session;
    const guildIds = this.deps.guildIds().filter((id) => shardOf(id, shard[1]) === shard[0]);
    this.dispatchTo(session, 'READY', {
      ...this.deps.readyData(),
      guilds: guildIds.map((id) => ({ id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.deps.resumeUrl(),
      shard,
    });
    for (const id of guildIds) this.dispatchTo(session, 'GUILD_CREATE', this.deps.guildCreate(id));
    for (const waiter of this.readyWaiters.splice(0)) waiter();
  }

  private resume(conn: Connection, d: unknown): void {
    if (conn.session) {
      this.closeConn(conn, CloseCode.AlreadyAuthenticated, 'Already authenticated.');
      return;
    }
    const data = (typeof d === 'object' && d !== null ? d : {}) as {
      token?: unknown;
      session_id?: unknown;
      seq?: unknown;
    };
    if (!this.tokenMatches(data.token)) {
      this.closeConn(conn, CloseCode.AuthenticationFailed, 'Authentication failed.');
      return;
    }
    const session = typeof data.session_id === 'string' ? this.sessions.get(data.session_id) : undefined;
    const seq = typeof data.seq === 'number' ? data.seq : -1;
    const oldest = session?.buffer[0]?.s ?? (session ? session.seq + 1 : 0);
    if (!session || seq < oldest - 1 || seq > session.seq) {
      this.send(conn, { op: Op.InvalidSession, d: false, s: null, t: null });
      return;
    }
    if (session.conn && session.conn !== conn) {
      this.closeConn(session.conn, CloseCode.UnknownError, 'Session resumed elsewhere');
    }
    session.conn = conn;
    conn.session = session;
    for (const payload of session.buffer) {
      if ((payload.s ?? 0) > seq) this.send(conn, payload);
    }
    this.dispatchTo(session, 'RESUMED', null);
  }

  private record(direction: 'in' | 'out', payload: Payload, sessionId: string | null): void {
    this.log.push({
      direction,
      op: payload.op,
      t: payload.t ?? null,
      s: payload.s ?? null,
      sessionId,
      time: Date.now(),
    });
  }

  private send(conn: Connection, payload: Payload): void {
    if (conn.ws.readyState !== WebSocket.OPEN) return;
    this.record('out', payload, conn.session?.id ?? null);
    conn.ws.send(JSON.stringify(payload));
  }

  private closeConn(conn: Connection, code: number, reason: string): void {
    this.deps.log(`gateway: closing connection with ${code} (${reason})`);
    if (conn.ws.readyState === WebSocket.OPEN || conn.ws.readyState === WebSocket.CONNECTING)
      conn.ws.close(code, reason);
  }

  private dispatchTo(session: Session, t: string, d: unknown): void {
    session.seq += 1;
    const payload: Payload = { op: Op.Dispatch, t, s: session.seq, d };
    session.buffer.push(payload);
    if (session.buffer.length > BUFFER_SIZE) session.buffer.shift();
    if (session.conn) this.send(session.conn, payload);
  }

  /**
   * Sends a dispatch to every session that should get it: intents permitting and, for guild
   * events (`guildId`), on the guild's shard. Sessions whose socket is down buffer it for RESUME.
   * Returns the number of sessions it went to.
   */
  dispatch(t: string, d: unknown, guildId?: string): number {
    const intent = requiredIntent(t, d, this.botId);
    let count = 0;
    for (const session of this.sessions.values()) {
      if (intent !== null && (session.intents & intent) === 0) continue;
      if (guildId && shardOf(guildId, session.shard[1]) !== session.shard[0]) continue;
      this.dispatchTo(session, t, d);
      count += 1;
    }
    return count;
  }

  /** Sessions with an open socket. */
  connectedSessions(): number {
    let n = 0;
    for (const session of this.sessions.values()) if (session.conn) n += 1;
    return n;
  }

  /** Sessions a dispatch can reach: connected, or disconnected but resumable (events are buffered). */
  sessionCount(): number {
    return this.sessions.size;
  }

  /** Open WebSocket connections (identified or not). */
  connectionCount(): number {
    return this.connections.size;
  }

  /** Resolves when a session has received READY (immediately if one is connected). */
  waitForReady(timeoutMs: number): Promise<void> {
    if (this.connectedSessions() > 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.readyWaiters = this.readyWaiters.filter((w) => w !== done);
        reject(new Error(`no bot identified on the fake gateway within ${timeoutMs} ms`));
      }, timeoutMs);
      const done = (error?: Error) => {
        clearTimeout(timer);
        if (error) reject(error);
        else resolve();
      };
      this.readyWaiters.push(done);
    });
  }

  /** Closes every socket with `code`; sessions stay resumable unless `code` is 1000/1001. */
  disconnectAll(code: number, reason = 'fake: disconnect'): void {
    for (const conn of this.connections) this.closeConn(conn, code, reason);
  }

  /** Sends op 7 RECONNECT: clients close and RESUME. */
  requestReconnect(): void {
    for (const conn of this.connections) this.send(conn, { op: Op.Reconnect, d: null, s: null, t: null });
  }

  /** Sends op 9 INVALID_SESSION; with `resumable` false the sessions are forgotten (clients re-identify). */
  invalidateSessions(resumable = false): void {
    for (const conn of this.connections) {
      if (!conn.session) continue;
      this.send(conn, { op: Op.InvalidSession, d: resumable, s: null, t: null });
      if (!resumable) {
        this.sessions.delete(conn.session.id);
        conn.session = null;
      }
    }
  }

  /**
   * Asks every connected client for a heartbeat (op 1) and resolves when all have answered: by
   * then they have read every dispatch sent before. Best effort; prefer waiting for the client's
   * own event.
   */
  async roundTrip(timeoutMs = 2000): Promise<void> {
    const waits: Array<Promise<void>> = [];
    for (const conn of this.connections) {
      if (!conn.session || conn.ws.readyState !== WebSocket.OPEN) continue;
      waits.push(
        new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, timeoutMs);
          conn.heartbeatWaiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        }),
      );
      this.send(conn, { op: Op.Heartbeat, d: conn.session.seq, s: null, t: null });
    }
    await Promise.all(waits);
    await new Promise((resolve) => setImmediate(resolve));
  }

  /** Terminates every socket and the server. */
  async close(): Promise<void> {
    for (const conn of this.connections) conn.ws.terminate();
    this.connections.clear();
    this.sessions.clear();
    for (const waiter of this.readyWaiters.splice(0))
      waiter(new Error('fake Discord closed before a bot identified'));
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
