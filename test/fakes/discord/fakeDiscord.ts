/**
 * A Discord-compatible fake (REST + gateway) on 127.0.0.1 for tests that run the real discord.js
 * `Client` or a plain `@discordjs/rest` `REST`. See README.md for an example.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultInjector, pathMatcher, type ScheduledFailure } from './faults.js';
import { type GatewayLogEntry, GatewayServer } from './gateway.js';
import { compileRoutes, createRestListener } from './http.js';
import { type InteractionHandle, InteractionRegistry } from './interactions.js';
import { type PermissionsInput, resolvePermissions } from './permissions.js';
import { RateLimiter } from './rateLimits.js';
import { buildRoutes } from './routes.js';
import { nextSnowflake, randomHex, urlSafeToken } from './snowflake.js';
import { type ChannelRecord, FakeState, GLOBAL_SCOPE, type GuildRecord, toOverwrite } from './state.js';
import type {
  ChannelInput,
  FailureRule,
  FakeChannel,
  FakeCommand,
  FakeCommandOption,
  FakeDiscordOptions,
  FakeGuild,
  FakeGuildHandle,
  FakeMember,
  FakeMessage,
  FakeRole,
  FakeStats,
  FakeUser,
  GuildInput,
  InteractionOptionInput,
  InteractionOutcome,
  InvokeCommandInput,
  MemberInput,
  OverwriteInput,
  RateLimitOptions,
  RecordedRequest,
  RoleInput,
} from './types.js';
import { toCommand, validateCommandList } from './validation.js';

interface NormalizedOption {
  name: string;
  type: number;
  value?: string | number | boolean;
  options?: NormalizedOption[];
  focused?: boolean;
}

function inferOptionType(value: InteractionOptionInput['value']): number {
  if (typeof value === 'boolean') return 5;
  if (typeof value === 'number') return Number.isInteger(value) ? 4 : 10;
  return 3;
}

function normalizeOptions(
  inputs: readonly InteractionOptionInput[],
  schema: readonly FakeCommandOption[] | undefined,
): NormalizedOption[] {
  return inputs.map((input) => {
    const known = schema?.find((o) => o.name === input.name);
    const type = input.type ?? known?.type ?? (input.options ? 1 : inferOptionType(input.value));
    const option: NormalizedOption = { name: input.name, type };
    if (input.value !== undefined) option.value = input.value;
    if (input.focused) option.focused = true;
    if (input.options) option.options = normalizeOptions(input.options, known?.options);
    else if (type === 1 || type === 2) option.options = [];
    return option;
  });
}

function* walkOptions(options: readonly NormalizedOption[]): Generator<NormalizedOption> {
  for (const option of options) {
    yield option;
    if (option.options) yield* walkOptions(option.options);
  }
}

/**
 * The running fake. Create it with {@link startFakeDiscord}; stop it with {@link FakeDiscord.close}.
 *
 * World controls (`addGuild`, `addChannel`, `setChannelOverwrites`, `removeGuild`...) change the
 * state and send the matching gateway events to connected bots, like Discord would. They return
 * right after sending: to act on the client's cache, wait for the client's event (e.g.
 * `channelUpdate`) or call {@link FakeDiscord.gatewayRoundTrip}.
 */
export class FakeDiscord {
  /** The bot token the fake accepts, for `client.login(fake.token)` / `rest.setToken(fake.token)`. */
  readonly token: string;
  /** Base URL for the `rest.api` option: `http://127.0.0.1:PORT/api` (clients append `/v10`). */
  readonly apiUrl: string;
  /** The gateway URL handed out by `GET /gateway/bot`. */
  readonly gatewayUrl: string;
  readonly port: number;
  /** The application (id equals the bot's user id unless configured). */
  readonly application: { readonly id: string; readonly name: string; readonly flags: number };
  /** Counters: requests, 429s (and avoidable ones), injected failures. Live object. */
  readonly stats: FakeStats;
  /** Every HTTP request in arrival order (live array; see {@link FakeDiscord.clearRequests}). */
  readonly requests: readonly RecordedRequest[];

  private readonly state: FakeState;
  private readonly gateway: GatewayServer;
  private readonly interactionRegistry: InteractionRegistry;
  private readonly limiter: RateLimiter;
  private readonly faults: FaultInjector;
  private readonly requestLog: RecordedRequest[];
  private readonly server: Server;
  private readonly locale = 'en-US';
  private closing: Promise<void> | null = null;

  /** @internal Use {@link startFakeDiscord}. */
  constructor(internals: {
    token: string;
    port: number;
    application: { id: string; name: string; flags: number };
    stats: FakeStats;
    requests: RecordedRequest[];
    state: FakeState;
    gateway: GatewayServer;
    interactions: InteractionRegistry;
    limiter: RateLimiter;
    faults: FaultInjector;
    server: Server;
  }) {
    this.token = internals.token;
    this.port = internals.port;
    this.apiUrl = `http://127.0.0.1:${internals.port}/api`;
    this.gatewayUrl = `ws://127.0.0.1:${internals.port}/gateway`;
    this.application = internals.application;
    this.stats = internals.stats;
    this.requestLog = internals.requests;
    this.requests = internals.requests;
    this.state = internals.state;
    this.gateway = internals.gateway;
    this.interactionRegistry = internals.interactions;
    this.limiter = internals.limiter;
    this.faults = internals.faults;
    this.server = internals.server;
  }

  /** The bot user. */
  get bot(): FakeUser {
    return this.state.userJson(this.state.bot);
  }

  // ---- world: guilds ---------------------------------------------------------------------------

  private requireGuild(guildId: string): GuildRecord {
    const guild = this.state.guilds.get(guildId);
    if (!guild) throw new Error(`fake Discord: unknown guild ${guildId}`);
    return guild;
  }

  private requireChannel(channelId: string): ChannelRecord {
    const channel = this.state.channels.get(channelId);
    if (!channel) throw new Error(`fake Discord: unknown channel ${channelId}`);
    return channel;
  }

  /** Sends a guild-scoped event if the bot is in the guild. */
  private guildEvent(guild: GuildRecord, t: string, d: unknown): void {
    if (guild.botPresent) this.gateway.dispatch(t, d, guild.id);
  }

  private guildHandle(guild: GuildRecord): FakeGuildHandle {
    const state = this.state;
    return {
      id: guild.id,
      everyoneRoleId: guild.id,
      botRoleId: guild.botRoleId,
      ownerId: guild.ownerId,
      channel: (name) => {
        const channel = state.guildChannels(guild).find((c) => c.name === name);
        if (!channel) throw new Error(`fake Discord: guild ${guild.id} has no channel "${name}"`);
        return state.channelJson(channel);
      },
      role: (name) => {
        const role = [...guild.roles.values()].find((r) => r.name === name);
        if (!role) throw new Error(`fake Discord: guild ${guild.id} has no role "${name}"`);
        return state.roleJson(role);
      },
      member: (usernameOrId) => {
        const member = [...guild.members.values()].find(
          (m) => m.userId === usernameOrId || state.users.get(m.userId)?.username === usernameOrId,
        );
        if (!member) throw new Error(`fake Discord: guild ${guild.id} has no member "${usernameOrId}"`);
        return state.memberJson(member);
      },
    };
  }

  /**
   * Creates a guild with @everyone (id = guild id), the bot's managed role (`botPermissions`),
   * the owner, the bot's member, and the given roles, members and channels. If a bot is connected
   * it receives GUILD_CREATE (the bot "joined").
   */
  addGuild(input: GuildInput = {}): FakeGuildHandle {
    const guild = this.state.createGuild(input);
    this.guildEvent(guild, 'GUILD_CREATE', this.state.guildJson(guild, true));
    return this.guildHandle(guild);
  }

  /** A handle (ids + lookups by name) for an existing guild. */
  guildHandleOf(guildId: string): FakeGuildHandle {
    return this.guildHandle(this.requireGuild(guildId));
  }

  /** The guild as in GUILD_CREATE, with every member (not only the bot's). */
  guild(guildId: string): FakeGuild {
    const guild = this.requireGuild(guildId);
    return {
      ...this.state.guildJson(guild, true),
      members: [...guild.members.values()].map((m) => this.state.memberJson(m)),
    };
  }

  /**
   * The bot leaves or is kicked: GUILD_DELETE `{ id }` (no `unavailable`), so discord.js emits
   * `guildDelete`. The guild stays in the fake; REST calls on it now get 403/50001 Missing Access.
   */
  removeGuild(guildId: string): void {
    const guild = this.requireGuild(guildId);
    if (!guild.botPresent) return;
    this.gateway.dispatch('GUILD_DELETE', { id: guild.id }, guild.id);
    guild.botPresent = false;
  }

  /** The bot is added back to a guild it left: GUILD_CREATE. */
  rejoinGuild(guildId: string): void {
    const guild = this.requireGuild(guildId);
    if (guild.botPresent) return;
    guild.botPresent = true;
    guild.joinedAt = new Date().toISOString();
    this.guildEvent(guild, 'GUILD_CREATE', this.state.guildJson(guild, true));
  }

  /** The guild is deleted: GUILD_DELETE, and its channels become unknown (404/10003). */
  deleteGuild(guildId: string): void {
    const guild = this.requireGuild(guildId);
    if (guild.botPresent) this.gateway.dispatch('GUILD_DELETE', { id: guild.id }, guild.id);
    for (const channel of this.state.guildChannels(guild)) this.state.deleteChannel(channel);
    this.state.guilds.delete(guild.id);
  }

  /**
   * Marks a guild unavailable (an outage): GUILD_DELETE with `unavailable: true`, so discord.js
   * emits `guildUnavailable` rather than `guildDelete`. {@link FakeDiscord.rejoinGuild} does not
   * apply; call `markGuildAvailable` to send GUILD_CREATE again.
   */
  markGuildUnavailable(guildId: string): void {
    const guild = this.requireGuild(guildId);
    this.guildEvent(guild, 'GUILD_DELETE', { id: guild.id, unavailable: true });
  }

  /** Ends an outage started with {@link FakeDiscord.markGuildUnavailable}: GUILD_CREATE. */
  markGuildAvailable(guildId: string): void {
    const guild = this.requireGuild(guildId);
    this.guildEvent(guild, 'GUILD_CREATE', this.state.guildJson(guild, true));
  }

  // ---- world: channels -------------------------------------------------------------------------

  /** Creates a channel (default a text channel): CHANNEL_CREATE. */
  addChannel(guildId: string, input: ChannelInput = {}): FakeChannel {
    const guild = this.requireGuild(guildId);
    const channel = this.state.createChannel(guild, input);
    const json = this.state.channelJson(channel);
    this.guildEvent(guild, 'CHANNEL_CREATE', json);
    return json;
  }

  /** Changes a channel's name, topic, type... (`overwrites` replaces all): CHANNEL_UPDATE. */
  updateChannel(channelId: string, patch: Omit<ChannelInput, 'id'>): FakeChannel {
    const channel = this.requireChannel(channelId);
    if (patch.name !== undefined) channel.name = patch.name;
    if (patch.type !== undefined) channel.type = patch.type;
    if (patch.topic !== undefined) channel.topic = patch.topic;
    if (patch.position !== undefined) channel.position = patch.position;
    if (patch.parentId !== undefined) channel.parentId = patch.parentId;
    if (patch.nsfw !== undefined) channel.nsfw = patch.nsfw;
    if (patch.rateLimitPerUser !== undefined) channel.rateLimitPerUser = patch.rateLimitPerUser;
    if (patch.overwrites !== undefined) channel.overwrites = patch.overwrites.map(toOverwrite);
    const json = this.state.channelJson(channel);
    this.guildEvent(this.requireGuild(channel.guildId), 'CHANNEL_UPDATE', json);
    return json;
  }

  /**
   * Replaces a channel's permission overwrites: CHANNEL_UPDATE. @everyone's overwrite uses the
   * guild id with type `'role'`; e.g. deny the bot: `{ id: fake.bot.id, type: 'member', deny: ['SendMessages'] }`.
   */
  setChannelOverwrites(channelId: string, overwrites: OverwriteInput[]): FakeChannel {
    return this.updateChannel(channelId, { overwrites });
  }

  /** Deletes a channel: CHANNEL_DELETE; REST calls on it get 404/10003. */
  removeChannel(channelId: string): void {
    const channel = this.requireChannel(channelId);
    const json = this.state.channelJson(channel);
    this.state.deleteChannel(channel);
    this.guildEvent(this.requireGuild(channel.guildId), 'CHANNEL_DELETE', json);
  }

  /** A channel as Discord would send it. */
  channel(channelId: string): FakeChannel {
    return this.state.channelJson(this.requireChannel(channelId));
  }

  // ---- world: roles and members ----------------------------------------------------------------

  /** Creates a role: GUILD_ROLE_CREATE. */
  addRole(guildId: string, input: RoleInput = {}): FakeRole {
    const guild = this.requireGuild(guildId);
    const role = this.state.roleJson(this.state.createRole(guild, input));
    this.guildEvent(guild, 'GUILD_ROLE_CREATE', { guild_id: guild.id, role });
    return role;
  }

  /** Changes a role (e.g. its permissions): GUILD_ROLE_UPDATE. */
  updateRole(guildId: string, roleId: string, patch: Omit<RoleInput, 'id'>): FakeRole {
    const guild = this.requireGuild(guildId);
    const role = guild.roles.get(roleId);
    if (!role) throw new Error(`fake Discord: guild ${guildId} has no role ${roleId}`);
    if (patch.name !== undefined) role.name = patch.name;
    if (patch.permissions !== undefined) role.permissions = resolvePermissions(patch.permissions);
    if (patch.position !== undefined) role.position = patch.position;
    if (patch.color !== undefined) role.color = patch.color;
    if (patch.hoist !== undefined) role.hoist = patch.hoist;
    if (patch.mentionable !== undefined) role.mentionable = patch.mentionable;
    const json = this.state.roleJson(role);
    this.guildEvent(guild, 'GUILD_ROLE_UPDATE', { guild_id: guild.id, role: json });
    return json;
  }

  /** Sets the permissions of the bot's managed role: GUILD_ROLE_UPDATE. */
  setBotPermissions(guildId: string, permissions: PermissionsInput): FakeRole {
    const guild = this.requireGuild(guildId);
    return this.updateRole(guildId, guild.botRoleId, { permissions });
  }

  /** Deletes a role (and removes it from members): GUILD_ROLE_DELETE. */
  removeRole(guildId: string, roleId: string): void {
    const guild = this.requireGuild(guildId);
    if (roleId === guild.id) throw new Error('fake Discord: @everyone cannot be deleted');
    guild.roles.delete(roleId);
    for (const member of guild.members.values()) member.roles = member.roles.filter((id) => id !== roleId);
    this.guildEvent(guild, 'GUILD_ROLE_DELETE', { guild_id: guild.id, role_id: roleId });
  }

  /**
   * Adds a member (creating the user unless `id` names an existing one): GUILD_MEMBER_ADD, which
   * only bots with the GuildMembers intent receive.
   */
  addMember(guildId: string, input: MemberInput = {}): FakeMember {
    const guild = this.requireGuild(guildId);
    const member = this.state.memberJson(this.state.addMember(guild, input));
    this.guildEvent(guild, 'GUILD_MEMBER_ADD', { ...member, guild_id: guild.id });
    return member;
  }

  /** Replaces a member's roles: GUILD_MEMBER_UPDATE (always sent for the bot's own member). */
  setMemberRoles(guildId: string, userId: string, roleIds: string[]): FakeMember {
    const guild = this.requireGuild(guildId);
    const member = guild.members.get(userId);
    if (!member) throw new Error(`fake Discord: ${userId} is not a member of guild ${guildId}`);
    for (const roleId of roleIds) {
      if (!guild.roles.has(roleId)) throw new Error(`fake Discord: guild ${guildId} has no role ${roleId}`);
    }
    member.roles = [...roleIds];
    const json = this.state.memberJson(member);
    this.guildEvent(guild, 'GUILD_MEMBER_UPDATE', { ...json, guild_id: guild.id });
    return json;
  }

  /** Removes a member: GUILD_MEMBER_REMOVE (GuildMembers intent only). Use removeGuild for the bot. */
  removeMember(guildId: string, userId: string): void {
    const guild = this.requireGuild(guildId);
    if (userId === this.state.bot.id) throw new Error('fake Discord: use removeGuild() to remove the bot');
    const member = guild.members.get(userId);
    if (!member) return;
    const user = this.state.memberJson(member).user;
    guild.members.delete(userId);
    this.guildEvent(guild, 'GUILD_MEMBER_REMOVE', { guild_id: guild.id, user });
  }

  /** A user's effective permissions in a channel (overwrites applied), as Discord computes them. */
  permissionsFor(channelId: string, userId: string): bigint {
    return this.state.channelPermissions(this.requireChannel(channelId), userId);
  }

  // ---- messages and commands -------------------------------------------------------------------

  /**
   * Messages in a channel, oldest first, in their current state, including `allowed_mentions`
   * as sent. Ephemeral interaction replies are left out unless `includeEphemeral`.
   */
  messages(channelId: string, options: { includeEphemeral?: boolean } = {}): FakeMessage[] {
    return (this.state.messagesByChannel.get(channelId) ?? [])
      .filter((m) => options.includeEphemeral || !m.ephemeral)
      .map((m) => structuredClone(m.message));
  }

  /** One message by id (any channel), or undefined. */
  message(messageId: string): FakeMessage | undefined {
    const stored = this.state.messagesById.get(messageId);
    return stored ? structuredClone(stored.message) : undefined;
  }

  /** Registered application commands: global ones, or a guild's when `guildId` is given. */
  commands(guildId?: string): FakeCommand[] {
    return structuredClone(this.state.commands.get(guildId ?? GLOBAL_SCOPE) ?? []);
  }

  /**
   * Registers commands directly (as a `PUT` would, with the same validation), e.g. so that
   * `invokeCommand` finds option types without running the deploy script.
   */
  registerCommands(bodies: unknown[], guildId?: string): FakeCommand[] {
    const list = validateCommandList(bodies);
    const commands = list.map((body) => {
      const ids = { id: nextSnowflake(), applicationId: this.application.id, version: nextSnowflake() };
      return toCommand(body, guildId ? { ...ids, guildId } : ids);
    });
    this.state.commands.set(guildId ?? GLOBAL_SCOPE, commands);
    return structuredClone(commands);
  }

  // ---- interactions ----------------------------------------------------------------------------

  private createInteraction(input: InvokeCommandInput, type: 2 | 4): InteractionHandle {
    const guild = this.requireGuild(input.guildId);
    if (!guild.botPresent) throw new Error(`fake Discord: the bot is not in guild ${guild.id}`);
    const channel = this.requireChannel(input.channelId);
    if (channel.guildId !== guild.id)
      throw new Error(`fake Discord: channel ${channel.id} is not in guild ${guild.id}`);
    const member = guild.members.get(input.userId);
    if (!member) {
      throw new Error(
        `fake Discord: user ${input.userId} is not a member of guild ${guild.id} (use fake.addMember)`,
      );
    }
    if (this.gateway.sessionCount() === 0) {
      throw new Error(
        'fake Discord: no bot session on the gateway (log the client in and wait for clientReady)',
      );
    }
    const command =
      this.state.commands.get(guild.id)?.find((c) => c.name === input.name && c.type === 1) ??
      this.state.commands.get(GLOBAL_SCOPE)?.find((c) => c.name === input.name && c.type === 1);
    const options = normalizeOptions(input.options ?? [], command?.options);
    if (type === 4 && ![...walkOptions(options)].some((o) => o.focused)) {
      throw new Error('fake Discord: invokeAutocomplete needs one option with focused: true');
    }

    const resolved: Record<string, Record<string, unknown>> = {};
    const put = (kind: string, id: string, value: unknown) => {
      resolved[kind] ??= {};
      (resolved[kind] as Record<string, unknown>)[id] = value;
    };
    for (const option of walkOptions(options)) {
      if (option.focused || option.value === undefined) continue;
      const id = String(option.value);
      if (option.type === 7) {
        const target = this.state.channels.get(id);
        if (!target)
          throw new Error(`fake Discord: channel option "${option.name}" names unknown channel ${id}`);
        put('channels', id, {
          ...this.state.channelJson(target),
          permissions: this.state.channelPermissions(target, input.userId).toString(),
        });
      }
      if (option.type === 6 || option.type === 9) {
        const user = this.state.users.get(id);
        if (user) {
          put('users', id, this.state.userJson(user));
          const targetMember = guild.members.get(id);
          if (targetMember) {
            const { user: _user, ...rest } = this.state.memberJson(targetMember);
            put('members', id, {
              ...rest,
              permissions: this.state.channelPermissions(channel, id).toString(),
            });
          }
        } else if (option.type === 6) {
          throw new Error(`fake Discord: user option "${option.name}" names unknown user ${id}`);
        }
      }
      if (option.type === 8 || option.type === 9) {
        const role = guild.roles.get(id);
        if (role) put('roles', id, this.state.roleJson(role));
        else if (option.type === 8)
          throw new Error(`fake Discord: role option "${option.name}" names unknown role ${id}`);
      }
    }

    const memberPermissions = resolvePermissions(
      input.memberPermissions,
      this.state.channelPermissions(channel, input.userId),
    );
    const appPermissions = resolvePermissions(
      input.appPermissions,
      this.state.channelPermissions(channel, this.state.bot.id),
    );
    const id = nextSnowflake();
    const token = `aW50ZXJhY3Rpb246${urlSafeToken(60)}`;
    const data: Record<string, unknown> = { id: command?.id ?? nextSnowflake(), name: input.name, type: 1 };
    if (options.length > 0) data.options = options;
    if (Object.keys(resolved).length > 0) data.resolved = resolved;
    if (command?.guild_id) data.guild_id = command.guild_id;
    const channelJson = this.state.channelJson(channel);
    const payload: Record<string, unknown> = {
      id,
      application_id: this.application.id,
      type,
      data,
      guild_id: guild.id,
      guild: { id: guild.id, locale: guild.preferredLocale, features: [] },
      channel_id: channel.id,
      channel: channelJson,
      member: { ...this.state.memberJson(member), permissions: memberPermissions.toString() },
      token,
      version: 1,
      locale: input.locale ?? this.locale,
      guild_locale: guild.preferredLocale,
      app_permissions: appPermissions.toString(),
      entitlements: [],
      authorizing_integration_owners: { '0': guild.id },
      context: 0,
      attachment_size_limit: 10 * 1024 * 1024,
    };
    const record = this.interactionRegistry.create({
      id,
      token,
      type,
      name: input.name,
      guildId: guild.id,
      channelId: channel.id,
      userId: input.userId,
      payload,
    });
    this.gateway.dispatch('INTERACTION_CREATE', payload, guild.id);
    return this.interactionRegistry.handle(record);
  }

  /**
   * Sends a slash-command interaction (INTERACTION_CREATE, type 2) as if `userId` ran `/name` in
   * the channel. The returned handle resolves with what the bot answers:
   * `await handle.reply()` (the visible `@original`), `await handle.final()` (after edits and
   * followups settle), `handle.outcome()` (a snapshot now).
   *
   * Throws at once (no dispatch) if the guild, channel or member is unknown or no bot has a
   * gateway session (a session between sockets gets the event when it resumes).
   */
  invokeCommand(input: InvokeCommandInput): InteractionHandle {
    return this.createInteraction(input, 2);
  }

  /**
   * Sends an autocomplete interaction (type 4). One option must have `focused: true` (its `value`
   * is what the user typed). `await handle.choices()` resolves with the type 8 callback's choices.
   */
  invokeAutocomplete(input: InvokeCommandInput): InteractionHandle {
    return this.createInteraction(input, 4);
  }

  /** Outcomes of every interaction sent so far, oldest first. */
  interactions(): InteractionOutcome[] {
    return this.interactionRegistry.all().map((r) => this.interactionRegistry.outcome(r));
  }

  // ---- REST controls ---------------------------------------------------------------------------

  /**
   * Makes the next matching request(s) fail, after auth and rate limiting, e.g.
   * `failNext({ method: 'POST', pathPattern: '/channels/:id/messages', status: 429, retryAfter: 0.2 })`,
   * `{ status: 500 }` (discord.js retries 5xx up to 3 times), `{ status: 403, code: 50013 }`.
   * A 429 carries `Retry-After`, `X-RateLimit-Scope` and `retry_after` like a real one.
   */
  failNext(rule: FailureRule): ScheduledFailure {
    return this.faults.add(rule);
  }

  /** Drops all scripted failures that have not fired yet. */
  clearFailures(): void {
    this.faults.clear();
  }

  /** Replaces the rate-limit configuration (`false` turns limits off) and resets all buckets. */
  configureRateLimits(options: RateLimitOptions | false): void {
    this.limiter.configure(options);
  }

  /** Empties {@link FakeDiscord.requests}. */
  clearRequests(): void {
    this.requestLog.length = 0;
  }

  /**
   * Recorded requests with this method (case-insensitive) and path, matched like `failNext`:
   * exact, `:param` template (`/channels/:id/messages`) or RegExp.
   */
  requestsTo(method: string, pathPattern: string | RegExp): RecordedRequest[] {
    const matches = pathMatcher(pathPattern);
    const wanted = method.toUpperCase();
    return this.requestLog.filter((r) => r.method === wanted && matches(r.path));
  }

  // ---- gateway controls ------------------------------------------------------------------------

  /** Resolves when a bot has identified (READY sent); rejects after `timeoutMs` (default 5000). */
  waitForBot(timeoutMs = 5000): Promise<void> {
    return this.gateway.waitForReady(timeoutMs);
  }

  /**
   * Asks connected bots for a heartbeat and resolves when they answered, by which time they have
   * read every event sent before. Best effort: prefer awaiting the client's own event.
   */
  gatewayRoundTrip(timeoutMs?: number): Promise<void> {
    return this.gateway.roundTrip(timeoutMs);
  }

  /** Gateway sessions with an open socket (identified bots). */
  connectedBots(): number {
    return this.gateway.connectedSessions();
  }

  /** Every gateway payload sent and received (op, event name, sequence), oldest first. */
  get gatewayLog(): readonly GatewayLogEntry[] {
    return this.gateway.log;
  }

  /**
   * Closes every gateway socket with `code` (default 4000, which discord.js answers with RESUME;
   * sessions stay resumable and missed events are replayed).
   */
  disconnectBots(code = 4000): void {
    this.gateway.disconnectAll(code);
  }

  /** Sends op 7 RECONNECT to every bot (they reconnect and RESUME). */
  requestReconnect(): void {
    this.gateway.requestReconnect();
  }

  /** Sends op 9 INVALID_SESSION; not resumable (default) makes bots identify anew. */
  invalidateSessions(resumable = false): void {
    this.gateway.invalidateSessions(resumable);
  }

  /** Sends a raw dispatch to every session that should get it (escape hatch for untyped events). */
  dispatch(t: string, d: unknown, guildId?: string): number {
    return this.gateway.dispatch(t, d, guildId);
  }

  /** Stops the HTTP and gateway servers, terminates sockets and rejects pending interaction waits. Idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.interactionRegistry.close();
      await this.gateway.close();
      this.server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        this.server.close((error) => (error ? reject(error) : resolve())),
      );
    })();
    return this.closing;
  }
}

/**
 * Starts a fake Discord on 127.0.0.1 (random port): REST under `fake.apiUrl` and the gateway it
 * advertises through `GET /gateway/bot`.
 *
 * @example
 * const fake = await startFakeDiscord();
 * const guild = fake.addGuild({ channels: [{ name: 'news' }] });
 * const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiUrl } });
 * await client.login(fake.token);
 */
export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const log = options.log ?? (() => {});
  const botId = options.bot?.id ?? nextSnowflake();
  const token =
    options.token ?? `${Buffer.from(botId).toString('base64url')}.${urlSafeToken(4)}.${urlSafeToken(28)}`;
  const application = {
    id: options.application?.id ?? botId,
    name: options.application?.name ?? options.bot?.username ?? 'policywire-bot',
    flags: options.application?.flags ?? 0,
  };
  const state = new FakeState({ id: botId, username: options.bot?.username ?? 'policywire-bot' });
  const owner = state.ensureUser({ username: 'app-owner' });
  const stats: FakeStats = {
    requests: 0,
    rateLimited: 0,
    rateLimitedAvoidable: 0,
    globalRateLimited: 0,
    injectedFailures: 0,
  };
  const requests: RecordedRequest[] = [];
  const interactions = new InteractionRegistry(state, {
    responseTimeoutMs: options.interactionResponseTimeoutMs ?? 3000,
    tokenTtlMs: options.interactionTokenTtlMs ?? 15 * 60 * 1000,
    waitTimeoutMs: options.waitTimeoutMs ?? 5000,
  });
  const limiter = new RateLimiter(options.rateLimits, stats);
  const faults = new FaultInjector();
  let port = 0;
  const gatewayUrl = () => `ws://127.0.0.1:${port}/gateway`;

  const gateway = new GatewayServer(
    {
      token,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
      privilegedIntents: options.privilegedIntents ?? 0,
      resumeUrl: gatewayUrl,
      readyData: () => ({
        v: 10,
        user: { ...state.userJson(state.bot), verified: true, mfa_enabled: false, email: null },
        application: { id: application.id, flags: application.flags },
        user_settings: {},
        private_channels: [],
        presences: [],
        relationships: [],
        guild_join_requests: [],
        geo_ordered_rtc_regions: ['fake-local'],
        auth: {},
        _trace: ['["fake-discord-gateway",{"micros":0}]'],
      }),
      guildIds: () => state.botGuilds().map((g) => g.id),
      guildCreate: (guildId) => {
        const guild = state.guilds.get(guildId);
        return guild ? state.guildJson(guild, true) : { id: guildId, unavailable: true };
      },
      log,
    },
    botId,
  );

  const routes = compileRoutes(
    buildRoutes({
      state,
      interactions,
      application: { ...application, ownerId: owner.id, verifyKey: randomHex(32) },
      nonceWindowMs: options.nonceWindowMs ?? 5 * 60 * 1000,
      gatewayUrl,
      dispatch: (t, d, guildId) => {
        gateway.dispatch(t, d, guildId);
      },
      leaveGuild: (guildId) => {
        const guild = state.guilds.get(guildId);
        if (!guild?.botPresent) return;
        gateway.dispatch('GUILD_DELETE', { id: guildId }, guildId);
        guild.botPresent = false;
      },
    }),
  );
  const server = createServer(createRestListener({ routes, token, limiter, faults, stats, requests, log }));
  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/gateway' || path === '/gateway/' || path === '/') gateway.handleUpgrade(req, socket, head);
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return new FakeDiscord({
    token,
    port,
    application,
    stats,
    requests,
    state,
    gateway,
    interactions,
    limiter,
    faults,
    server,
  });
}
