/** The REST routes the fake implements, with Discord's checks and error codes. */
import { DiscordHttpError, ErrorCode, FormErrors } from './errors.js';
import type { RouteContext, RouteDef, RouteResult } from './http.js';
import type { InteractionRecord, InteractionRegistry } from './interactions.js';
import { applyEdit, buildMessage, MessageFlag, MessageType, publicMessage } from './messages.js';
import { Permission } from './permissions.js';
import { nextSnowflake } from './snowflake.js';
import {
  type ChannelRecord,
  type FakeState,
  GLOBAL_SCOPE,
  type GuildRecord,
  type StoredMessage,
} from './state.js';
import type { FakeCommand, FakeMessage } from './types.js';
import {
  isEmptyMessage,
  isRecord,
  LIMITS,
  parseChoices,
  parseMessageBody,
  toCommand,
  validateCommand,
  validateCommandList,
} from './validation.js';

export interface ApplicationInfo {
  id: string;
  name: string;
  flags: number;
  ownerId: string;
  verifyKey: string;
}

export interface RoutesDeps {
  state: FakeState;
  interactions: InteractionRegistry;
  application: ApplicationInfo;
  nonceWindowMs: number;
  gatewayUrl(): string;
  /** Sends a gateway dispatch (the facade filters by intents/shards). */
  dispatch(t: string, d: unknown, guildId?: string): void;
  /** The bot left a guild through the API. */
  leaveGuild(guildId: string): void;
}

/** Interaction callback types allowed per interaction type. */
const ALLOWED_CALLBACKS: Record<number, number[]> = {
  2: [4, 5, 9, 12],
  3: [4, 5, 6, 7, 9],
  4: [8],
  5: [4, 5, 6, 7],
};

const TEXT_CHANNEL_TYPES = new Set([0, 2, 5, 10, 11, 12, 13]);

export function buildRoutes(deps: RoutesDeps): RouteDef[] {
  const { state, interactions, application } = deps;
  const botId = state.bot.id;

  // ---- helpers -------------------------------------------------------------------------------

  const guildFor = (guildId: string): GuildRecord => {
    const guild = state.guilds.get(guildId);
    if (!guild) throw new DiscordHttpError(404, ErrorCode.UnknownGuild);
    if (!guild.botPresent) throw new DiscordHttpError(403, ErrorCode.MissingAccess);
    return guild;
  };

  /** A channel the bot can see: 404/10003 unknown, 403/50001 not in guild or no VIEW_CHANNEL. */
  const visibleChannel = (channelId: string): { channel: ChannelRecord; permissions: bigint } => {
    const channel = state.channels.get(channelId);
    if (!channel) throw new DiscordHttpError(404, ErrorCode.UnknownChannel);
    const guild = state.guilds.get(channel.guildId);
    if (!guild?.botPresent) throw new DiscordHttpError(403, ErrorCode.MissingAccess);
    const permissions = state.channelPermissions(channel, botId);
    if ((permissions & Permission.ViewChannel) === 0n)
      throw new DiscordHttpError(403, ErrorCode.MissingAccess);
    return { channel, permissions };
  };

  const requirePermission = (permissions: bigint, bit: bigint): void => {
    if ((permissions & bit) === 0n) throw new DiscordHttpError(403, ErrorCode.MissingPermissions);
  };

  const channelMessage = (channel: ChannelRecord, messageId: string): StoredMessage => {
    const stored = state.messagesById.get(messageId);
    if (!stored || stored.message.channel_id !== channel.id || stored.ephemeral) {
      throw new DiscordHttpError(404, ErrorCode.UnknownMessage);
    }
    return stored;
  };

  const dispatchMessage = (t: 'MESSAGE_CREATE' | 'MESSAGE_UPDATE', message: FakeMessage): void => {
    deps.dispatch(t, publicMessage(message), message.guild_id);
  };

  const ok = (body: unknown, status = 200): RouteResult => ({ status, body });
  const noContent = (): RouteResult => ({ status: 204 });

  const userMe = () => ({
    ...state.userJson(state.bot),
    verified: true,
    mfa_enabled: false,
    email: null,
    locale: 'en-US',
  });

  const applicationJson = () => {
    const owner = state.users.get(application.ownerId);
    const installParams = { scopes: ['bot', 'applications.commands'], permissions: '0' };
    return {
      id: application.id,
      name: application.name,
      icon: null,
      description: '',
      summary: '',
      type: null,
      hook: true,
      bot_public: true,
      bot_require_code_grant: false,
      verify_key: application.verifyKey,
      flags: application.flags,
      bot: state.userJson(state.bot),
      owner: owner ? state.userJson(owner) : undefined,
      team: null,
      tags: [],
      redirect_uris: [],
      interactions_endpoint_url: null,
      role_connections_verification_url: null,
      install_params: installParams,
      integration_types_config: { '0': { oauth2_install_params: installParams } },
      approximate_guild_count: state.botGuilds().length,
    };
  };

  // ---- application commands ------------------------------------------------------------------

  const commandScope = (ctx: RouteContext): { scope: string; guildId?: string } => {
    if (ctx.params.applicationId !== application.id) throw new DiscordHttpError(403, ErrorCode.MissingAccess);
    const guildId = ctx.params.guildId;
    if (guildId === undefined) return { scope: GLOBAL_SCOPE };
    guildFor(guildId);
    return { scope: guildId, guildId };
  };

  const findCommand = (scope: string, commandId: string | undefined): FakeCommand => {
    const command = state.commands.get(scope)?.find((c) => c.id === commandId);
    if (!command) throw new DiscordHttpError(404, ErrorCode.UnknownApplicationCommand);
    return command;
  };

  const commandRoutes = (base: string): RouteDef[] => [
    {
      method: 'GET',
      template: base,
      auth: 'bot',
      handler: (ctx) => ok(state.commands.get(commandScope(ctx).scope) ?? []),
    },
    {
      method: 'PUT',
      template: base,
      auth: 'bot',
      handler: (ctx) => {
        const { scope, guildId } = commandScope(ctx);
        const bodies = validateCommandList(ctx.body);
        const previous = state.commands.get(scope) ?? [];
        const next = bodies.map((body) => {
          const same = previous.find((c) => c.name === body.name && c.type === (body.type ?? 1));
          const ids = {
            id: same?.id ?? nextSnowflake(),
            applicationId: application.id,
            version: nextSnowflake(),
          };
          return toCommand(body, guildId ? { ...ids, guildId } : ids);
        });
        state.commands.set(scope, next);
        return ok(next);
      },
    },
    {
      method: 'POST',
      template: base,
      auth: 'bot',
      handler: (ctx) => {
        const { scope, guildId } = commandScope(ctx);
        const errors = new FormErrors();
        validateCommand(errors, [], ctx.body);
        if (!errors.empty) throw DiscordHttpError.invalidForm(errors);
        const body = ctx.body as Record<string, unknown>;
        const list = state.commands.get(scope) ?? [];
        const index = list.findIndex((c) => c.name === body.name && c.type === (body.type ?? 1));
        const existing = index >= 0 ? list[index] : undefined;
        if (
          !existing &&
          list.filter((c) => c.type === 1).length >= LIMITS.commandsPerScope &&
          (body.type ?? 1) === 1
        ) {
          throw new DiscordHttpError(400, 30032, 'Maximum number of application commands reached (100)');
        }
        const ids = {
          id: existing?.id ?? nextSnowflake(),
          applicationId: application.id,
          version: nextSnowflake(),
        };
        const command = toCommand(body, guildId ? { ...ids, guildId } : ids);
        if (existing) list[index] = command;
        else list.push(command);
        state.commands.set(scope, list);
        return ok(command, existing ? 200 : 201);
      },
    },
    {
      method: 'GET',
      template: `${base}/:commandId`,
      auth: 'bot',
      handler: (ctx) => ok(findCommand(commandScope(ctx).scope, ctx.params.commandId)),
    },
    {
      method: 'PATCH',
      template: `${base}/:commandId`,
      auth: 'bot',
      handler: (ctx) => {
        const { scope, guildId } = commandScope(ctx);
        const current = findCommand(scope, ctx.params.commandId);
        const merged = { ...current, ...(isRecord(ctx.body) ? ctx.body : {}) };
        const errors = new FormErrors();
        validateCommand(errors, [], merged);
        if (!errors.empty) throw DiscordHttpError.invalidForm(errors);
        const ids = { id: current.id, applicationId: application.id, version: nextSnowflake() };
        const command = toCommand(merged, guildId ? { ...ids, guildId } : ids);
        const list = state.commands.get(scope) ?? [];
        state.commands.set(
          scope,
          list.map((c) => (c.id === command.id ? command : c)),
        );
        return ok(command);
      },
    },
    {
      method: 'DELETE',
      template: `${base}/:commandId`,
      auth: 'bot',
      handler: (ctx) => {
        const { scope } = commandScope(ctx);
        const command = findCommand(scope, ctx.params.commandId);
        state.commands.set(
          scope,
          (state.commands.get(scope) ?? []).filter((c) => c.id !== command.id),
        );
        return noContent();
      },
    },
  ];

  // ---- interactions --------------------------------------------------------------------------

  const interactionMetadata = (record: InteractionRecord, originalId?: string) => {
    const user = state.users.get(record.userId);
    const metadata = {
      id: record.id,
      type: record.type,
      name: record.name,
      command_type: 1,
      user: user ? state.userJson(user) : state.userJson(state.bot),
      authorizing_integration_owners: { '0': record.guildId },
    };
    return originalId ? { ...metadata, original_response_message_id: originalId } : metadata;
  };

  const interactionChannel = (record: InteractionRecord): ChannelRecord => {
    const channel = state.channels.get(record.channelId);
    if (!channel) throw new DiscordHttpError(404, ErrorCode.UnknownChannel);
    return channel;
  };

  const refuse = (record: InteractionRecord | undefined, route: string, error: DiscordHttpError): never => {
    if (record) {
      interactions.reject(record, {
        route,
        status: error.status,
        code: error.body.code,
        message: error.body.message,
      });
    }
    throw error;
  };

  const callback = (ctx: RouteContext): RouteResult => {
    const route = 'POST /interactions/:interactionId/:interactionToken/callback';
    const record = interactions.get(ctx.params.interactionId ?? '');
    if (!record || record.token !== ctx.params.interactionToken || ctx.now > record.tokenExpiresAt) {
      return refuse(record, route, new DiscordHttpError(404, ErrorCode.UnknownInteraction));
    }
    if (record.callbackType !== null) {
      return refuse(record, route, new DiscordHttpError(400, ErrorCode.InteractionAlreadyAcknowledged));
    }
    if (interactions.isExpired(record, ctx.now)) {
      return refuse(record, route, new DiscordHttpError(404, ErrorCode.UnknownInteraction));
    }
    try {
      const body = isRecord(ctx.body) ? ctx.body : {};
      const type = body.type;
      const allowed = ALLOWED_CALLBACKS[record.type] ?? [];
      if (typeof type !== 'number' || !allowed.includes(type)) {
        const errors = new FormErrors();
        errors.add(['type'], 'BASE_TYPE_CHOICES', `Value must be one of {${allowed.join(', ')}}.`);
        throw DiscordHttpError.invalidForm(errors);
      }
      let message: FakeMessage | null = null;
      if (type === 4 || type === 5) {
        const channel = interactionChannel(record);
        const data = isRecord(body.data) ? body.data : {};
        const ephemeral = ((typeof data.flags === 'number' ? data.flags : 0) & MessageFlag.Ephemeral) !== 0;
        const parsed =
          type === 4
            ? parseMessageBody(body.data, 'create', ctx.uploads.length)
            : { enforceNonce: false, tts: false, content: '' };
        message = buildMessage(state, {
          channel,
          parsed,
          uploads: type === 4 ? ctx.uploads : [],
          authorId: botId,
          type: MessageType.ChatInputCommand,
          extraFlags: (ephemeral ? MessageFlag.Ephemeral : 0) | (type === 5 ? MessageFlag.Loading : 0),
          webhookId: application.id,
          applicationId: application.id,
          interactionMetadata: interactionMetadata(record),
        });
        state.storeMessage({ message, ephemeral, createdAt: ctx.now, authorId: botId });
        record.ephemeral = ephemeral;
        record.originalId = message.id;
        record.originalHistory.push(structuredClone(message));
        if (!ephemeral) dispatchMessage('MESSAGE_CREATE', message);
      } else if (type === 8) {
        record.choices = parseChoices(body.data);
      } else if (type === 9) {
        const data = body.data;
        if (!isRecord(data) || typeof data.custom_id !== 'string' || typeof data.title !== 'string') {
          const errors = new FormErrors();
          errors.add(['data'], 'BASE_TYPE_REQUIRED', 'This field is required');
          throw DiscordHttpError.invalidForm(errors);
        }
        record.modal = data;
      }
      interactions.acknowledge(record, type);
      interactions.notify(record);
      if (ctx.query.get('with_response') !== 'true') return noContent();
      const interaction: Record<string, unknown> = { id: record.id, type: record.type };
      if (message) {
        interaction.response_message_id = message.id;
        interaction.response_message_loading = type === 5;
        interaction.response_message_ephemeral = record.ephemeral;
      }
      const resource: Record<string, unknown> = { type };
      if (message) resource.message = publicMessage(message);
      return ok({ interaction, resource });
    } catch (error) {
      if (error instanceof DiscordHttpError) return refuse(record, route, error);
      throw error;
    }
  };

  /** The interaction behind `/webhooks/:webhookId/:webhookToken` (refusals of known tokens are recorded). */
  const webhookInteraction = (ctx: RouteContext, route: string): InteractionRecord => {
    if (ctx.params.webhookId !== application.id) throw new DiscordHttpError(404, ErrorCode.UnknownWebhook);
    const record = interactions.byTokenValue(ctx.params.webhookToken ?? '');
    if (!record) throw new DiscordHttpError(401, ErrorCode.InvalidWebhookToken);
    if (ctx.now > record.tokenExpiresAt)
      refuse(record, route, new DiscordHttpError(401, ErrorCode.InvalidWebhookToken));
    return record;
  };

  const webhookMessage = (record: InteractionRecord, messageId: string): StoredMessage => {
    const id = messageId === '@original' ? record.originalId : messageId;
    const known = id !== null && (id === record.originalId || record.followupIds.includes(id));
    const stored = known && id ? state.messagesById.get(id) : undefined;
    if (!stored || (id === record.originalId && record.originalDeleted)) {
      throw new DiscordHttpError(404, ErrorCode.UnknownMessage);
    }
    return stored;
  };

  const withRefusal = (route: string, fn: (ctx: RouteContext, record: InteractionRecord) => RouteResult) => {
    return (ctx: RouteContext): RouteResult => {
      const record = webhookInteraction(ctx, route);
      try {
        return fn(ctx, record);
      } catch (error) {
        if (error instanceof DiscordHttpError) return refuse(record, route, error);
        throw error;
      }
    };
  };

  const editStored = (ctx: RouteContext, record: InteractionRecord, stored: StoredMessage): FakeMessage => {
    const channel = interactionChannel(record);
    const parsed = parseMessageBody(ctx.body, 'edit', ctx.uploads.length);
    const message = stored.message;
    const preview = {
      ...message,
      content: parsed.content ?? message.content,
      embeds: parsed.embeds ?? message.embeds,
    };
    const components = parsed.components ?? message.components;
    const attachmentsAfter = ctx.uploads.length > 0 ? [1] : (parsed.attachments ?? message.attachments);
    if (isEmptyMessage(preview.content, preview.embeds, components, attachmentsAfter)) {
      throw new DiscordHttpError(400, ErrorCode.CannotSendEmptyMessage);
    }
    applyEdit(state, channel, message, parsed, ctx.uploads);
    if (message.id === record.originalId) record.originalHistory.push(structuredClone(message));
    if (!stored.ephemeral) dispatchMessage('MESSAGE_UPDATE', message);
    interactions.notify(record);
    return message;
  };

  // ---- route table ---------------------------------------------------------------------------

  return [
    {
      method: 'GET',
      template: '/gateway',
      auth: 'none',
      handler: () => ok({ url: deps.gatewayUrl() }),
    },
    {
      method: 'GET',
      template: '/gateway/bot',
      auth: 'bot',
      handler: () =>
        ok({
          url: deps.gatewayUrl(),
          shards: 1,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
        }),
    },
    { method: 'GET', template: '/users/@me', auth: 'bot', handler: () => ok(userMe()) },
    {
      method: 'DELETE',
      template: '/users/@me/guilds/:guildId',
      auth: 'bot',
      handler: (ctx) => {
        const guild = guildFor(ctx.params.guildId ?? '');
        deps.leaveGuild(guild.id);
        return noContent();
      },
    },
    {
      method: 'GET',
      template: '/users/:userId',
      auth: 'bot',
      handler: (ctx) => {
        const user = state.users.get(ctx.params.userId ?? '');
        if (!user) throw new DiscordHttpError(404, ErrorCode.UnknownUser);
        return ok(state.userJson(user));
      },
    },
    { method: 'GET', template: '/applications/@me', auth: 'bot', handler: () => ok(applicationJson()) },
    {
      method: 'GET',
      template: '/oauth2/applications/@me',
      auth: 'bot',
      handler: () => ok(applicationJson()),
    },
    ...commandRoutes('/applications/:applicationId/commands'),
    ...commandRoutes('/applications/:applicationId/guilds/:guildId/commands'),
    {
      method: 'GET',
      template: '/guilds/:guildId',
      auth: 'bot',
      handler: (ctx) => ok(state.guildJson(guildFor(ctx.params.guildId ?? ''), false)),
    },
    {
      method: 'GET',
      template: '/guilds/:guildId/channels',
      auth: 'bot',
      handler: (ctx) => {
        const guild = guildFor(ctx.params.guildId ?? '');
        return ok(state.guildChannels(guild).map((c) => state.channelJson(c)));
      },
    },
    {
      method: 'GET',
      template: '/guilds/:guildId/roles',
      auth: 'bot',
      handler: (ctx) =>
        ok([...guildFor(ctx.params.guildId ?? '').roles.values()].map((r) => state.roleJson(r))),
    },
    {
      method: 'GET',
      template: '/guilds/:guildId/members/:userId',
      auth: 'bot',
      handler: (ctx) => {
        const guild = guildFor(ctx.params.guildId ?? '');
        const member = guild.members.get(ctx.params.userId ?? '');
        if (!member) throw new DiscordHttpError(404, 10007, 'Unknown Member');
        return ok(state.memberJson(member));
      },
    },
    {
      method: 'GET',
      template: '/channels/:channelId',
      auth: 'bot',
      handler: (ctx) => ok(state.channelJson(visibleChannel(ctx.params.channelId ?? '').channel)),
    },
    {
      method: 'POST',
      template: '/channels/:channelId/typing',
      auth: 'bot',
      handler: (ctx) => {
        const { permissions } = visibleChannel(ctx.params.channelId ?? '');
        requirePermission(permissions, Permission.SendMessages);
        return noContent();
      },
    },
    {
      method: 'GET',
      template: '/channels/:channelId/messages',
      auth: 'bot',
      handler: (ctx) => {
        const { channel, permissions } = visibleChannel(ctx.params.channelId ?? '');
        if ((permissions & Permission.ReadMessageHistory) === 0n) return ok([]);
        const limit = Math.min(100, Math.max(1, Number(ctx.query.get('limit') ?? 50) || 50));
        const before = ctx.query.get('before');
        const after = ctx.query.get('after');
        let list = (state.messagesByChannel.get(channel.id) ?? [])
          .filter((m) => !m.ephemeral)
          .map((m) => m.message);
        if (before) list = list.filter((m) => BigInt(m.id) < BigInt(before));
        if (after) list = list.filter((m) => BigInt(m.id) > BigInt(after));
        const newestFirst = [...list].reverse();
        const page = after ? list.slice(0, limit).reverse() : newestFirst.slice(0, limit);
        return ok(page.map(publicMessage));
      },
    },
    {
      method: 'POST',
      template: '/channels/:channelId/messages',
      auth: 'bot',
      handler: (ctx) => {
        const { channel, permissions } = visibleChannel(ctx.params.channelId ?? '');
        if (!TEXT_CHANNEL_TYPES.has(channel.type)) {
          throw new DiscordHttpError(400, 50008, 'Cannot send messages in a non-text channel');
        }
        requirePermission(permissions, Permission.SendMessages);
        const raw = isRecord(ctx.body) ? ctx.body : {};
        if (Array.isArray(raw.embeds) && raw.embeds.length > 0)
          requirePermission(permissions, Permission.EmbedLinks);
        if (ctx.uploads.length > 0) requirePermission(permissions, Permission.AttachFiles);
        if (raw.tts === true) requirePermission(permissions, Permission.SendTTSMessages);
        if (isRecord(raw.message_reference)) requirePermission(permissions, Permission.ReadMessageHistory);
        const parsed = parseMessageBody(ctx.body, 'create', ctx.uploads.length);

        if (parsed.enforceNonce && parsed.nonce !== undefined) {
          const since = ctx.now - deps.nonceWindowMs;
          const duplicate = (state.messagesByChannel.get(channel.id) ?? []).find(
            (m) => m.authorId === botId && m.createdAt >= since && m.message.nonce === parsed.nonce,
          );
          if (duplicate) return ok(publicMessage(duplicate.message));
        }
        const reference = parsed.messageReference;
        if (reference?.message_id) {
          const referenced = state.messagesById.get(reference.message_id);
          const sameChannel =
            referenced && referenced.message.channel_id === (reference.channel_id ?? channel.id);
          if (!sameChannel && reference.fail_if_not_exists !== false) {
            const errors = new FormErrors();
            errors.add(['message_reference'], 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE', 'Unknown message');
            throw DiscordHttpError.invalidForm(errors);
          }
          if (!sameChannel) delete parsed.messageReference;
        }
        const message = buildMessage(state, { channel, parsed, uploads: ctx.uploads, authorId: botId });
        state.storeMessage({ message, ephemeral: false, createdAt: ctx.now, authorId: botId });
        dispatchMessage('MESSAGE_CREATE', message);
        return ok(publicMessage(message));
      },
    },
    {
      method: 'GET',
      template: '/channels/:channelId/messages/:messageId',
      auth: 'bot',
      handler: (ctx) => {
        const { channel, permissions } = visibleChannel(ctx.params.channelId ?? '');
        requirePermission(permissions, Permission.ReadMessageHistory);
        return ok(publicMessage(channelMessage(channel, ctx.params.messageId ?? '').message));
      },
    },
    {
      method: 'PATCH',
      template: '/channels/:channelId/messages/:messageId',
      auth: 'bot',
      handler: (ctx) => {
        const { channel } = visibleChannel(ctx.params.channelId ?? '');
        const stored = channelMessage(channel, ctx.params.messageId ?? '');
        if (stored.authorId !== botId) throw new DiscordHttpError(403, ErrorCode.CannotEditOtherUsersMessage);
        const parsed = parseMessageBody(ctx.body, 'edit', ctx.uploads.length);
        const message = stored.message;
        const content = parsed.content ?? message.content;
        const embeds = parsed.embeds ?? message.embeds;
        const components = parsed.components ?? message.components;
        const attachments = ctx.uploads.length > 0 ? [1] : (parsed.attachments ?? message.attachments);
        if (isEmptyMessage(content, embeds, components, attachments)) {
          throw new DiscordHttpError(400, ErrorCode.CannotSendEmptyMessage);
        }
        applyEdit(state, channel, message, parsed, ctx.uploads);
        dispatchMessage('MESSAGE_UPDATE', message);
        return ok(publicMessage(message));
      },
    },
    {
      method: 'DELETE',
      template: '/channels/:channelId/messages/:messageId',
      auth: 'bot',
      handler: (ctx) => {
        const { channel, permissions } = visibleChannel(ctx.params.channelId ?? '');
        const stored = channelMessage(channel, ctx.params.messageId ?? '');
        if (stored.authorId !== botId) requirePermission(permissions, Permission.ManageMessages);
        state.deleteMessage(stored.message.id);
        deps.dispatch(
          'MESSAGE_DELETE',
          { id: stored.message.id, channel_id: channel.id, guild_id: channel.guildId },
          channel.guildId,
        );
        return noContent();
      },
    },
    {
      method: 'POST',
      template: '/interactions/:interactionId/:interactionToken/callback',
      auth: 'none',
      global: false,
      bucketed: false,
      handler: callback,
    },
    {
      method: 'POST',
      template: '/webhooks/:webhookId/:webhookToken',
      auth: 'none',
      global: false,
      handler: withRefusal('POST /webhooks/:webhookId/:webhookToken', (ctx, record) => {
        if (record.callbackType === null || record.callbackType === 8) {
          throw new DiscordHttpError(404, ErrorCode.UnknownWebhook);
        }
        const wait = ctx.query.get('wait') === 'true';
        const original = record.originalId ? state.messagesById.get(record.originalId) : undefined;
        // The first followup after a deferred reply replaces the "thinking…" message.
        if (original && (original.message.flags & MessageFlag.Loading) !== 0 && !record.originalDeleted) {
          const message = editStored(ctx, record, original);
          return wait ? ok(publicMessage(message)) : noContent();
        }
        const channel = interactionChannel(record);
        const parsed = parseMessageBody(ctx.body, 'create', ctx.uploads.length);
        const ephemeral = ((parsed.flags ?? 0) & MessageFlag.Ephemeral) !== 0;
        const message = buildMessage(state, {
          channel,
          parsed,
          uploads: ctx.uploads,
          authorId: botId,
          type: MessageType.ChatInputCommand,
          extraFlags: ephemeral ? MessageFlag.Ephemeral : 0,
          webhookId: application.id,
          applicationId: application.id,
          interactionMetadata: interactionMetadata(record, record.originalId ?? undefined),
        });
        state.storeMessage({ message, ephemeral, createdAt: ctx.now, authorId: botId });
        record.followupIds.push(message.id);
        if (!ephemeral) dispatchMessage('MESSAGE_CREATE', message);
        interactions.notify(record);
        return wait ? ok(publicMessage(message)) : noContent();
      }),
    },
    {
      method: 'GET',
      template: '/webhooks/:webhookId/:webhookToken/messages/:messageId',
      auth: 'none',
      global: false,
      handler: withRefusal('GET /webhooks/:webhookId/:webhookToken/messages/:messageId', (ctx, record) =>
        ok(publicMessage(webhookMessage(record, ctx.params.messageId ?? '').message)),
      ),
    },
    {
      method: 'PATCH',
      template: '/webhooks/:webhookId/:webhookToken/messages/:messageId',
      auth: 'none',
      global: false,
      handler: withRefusal('PATCH /webhooks/:webhookId/:webhookToken/messages/:messageId', (ctx, record) => {
        const stored = webhookMessage(record, ctx.params.messageId ?? '');
        return ok(publicMessage(editStored(ctx, record, stored)));
      }),
    },
    {
      method: 'DELETE',
      template: '/webhooks/:webhookId/:webhookToken/messages/:messageId',
      auth: 'none',
      global: false,
      handler: withRefusal('DELETE /webhooks/:webhookId/:webhookToken/messages/:messageId', (ctx, record) => {
        const stored = webhookMessage(record, ctx.params.messageId ?? '');
        state.deleteMessage(stored.message.id);
        if (stored.message.id === record.originalId) record.originalDeleted = true;
        if (!stored.ephemeral) {
          deps.dispatch(
            'MESSAGE_DELETE',
            {
              id: stored.message.id,
              channel_id: stored.message.channel_id,
              guild_id: stored.message.guild_id,
            },
            stored.message.guild_id,
          );
        }
        interactions.notify(record);
        return noContent();
      }),
    },
  ];
}
