/**
 * The fake's world: users, guilds (roles, members, channels), messages and application commands.
 * Plain data plus Discord's serialisation; no I/O and no gateway events (the facade emits those).
 */
import {
  computeBasePermissions,
  computeChannelPermissions,
  DEFAULT_EVERYONE_PERMISSIONS,
  type Overwrite,
  type PermissionSubject,
  resolvePermissions,
} from './permissions.js';
import { nextSnowflake } from './snowflake.js';
import type {
  ChannelInput,
  FakeChannel,
  FakeCommand,
  FakeGuild,
  FakeMember,
  FakeMessage,
  FakeRole,
  FakeUser,
  GuildInput,
  MemberInput,
  OverwriteInput,
  RoleInput,
  UserInput,
} from './types.js';

export interface UserRecord {
  id: string;
  username: string;
  globalName: string | null;
  bot: boolean;
}

export interface RoleRecord {
  id: string;
  name: string;
  permissions: bigint;
  position: number;
  color: number;
  hoist: boolean;
  managed: boolean;
  mentionable: boolean;
  botId?: string;
}

export interface ChannelRecord {
  id: string;
  guildId: string;
  type: number;
  name: string;
  position: number;
  topic: string | null;
  nsfw: boolean;
  parentId: string | null;
  overwrites: Overwrite[];
  lastMessageId: string | null;
  rateLimitPerUser: number;
}

export interface MemberRecord {
  userId: string;
  roles: string[];
  nick: string | null;
  joinedAt: string;
}

export interface GuildRecord {
  id: string;
  name: string;
  ownerId: string;
  preferredLocale: string;
  roles: Map<string, RoleRecord>;
  members: Map<string, MemberRecord>;
  /** Channel ids in creation order. */
  channelIds: string[];
  botRoleId: string;
  joinedAt: string;
  /** The bot is a member. False after `removeGuild` (kicked/left). */
  botPresent: boolean;
}

export interface StoredMessage {
  message: FakeMessage;
  ephemeral: boolean;
  createdAt: number;
  authorId: string;
}

/** Scope key of global application commands in {@link FakeState.commands}. */
export const GLOBAL_SCOPE = 'global';

export function toOverwrite(input: OverwriteInput): Overwrite {
  const type = input.type === 'role' || input.type === 0 ? 0 : 1;
  return { id: input.id, type, allow: resolvePermissions(input.allow), deny: resolvePermissions(input.deny) };
}

export class FakeState {
  readonly users = new Map<string, UserRecord>();
  readonly guilds = new Map<string, GuildRecord>();
  readonly channels = new Map<string, ChannelRecord>();
  /** Messages per channel id, oldest first. */
  readonly messagesByChannel = new Map<string, StoredMessage[]>();
  readonly messagesById = new Map<string, StoredMessage>();
  /** Registered commands per scope: {@link GLOBAL_SCOPE} or a guild id. */
  readonly commands = new Map<string, FakeCommand[]>();
  readonly bot: UserRecord;

  constructor(bot: { id: string; username: string }) {
    this.bot = { id: bot.id, username: bot.username, globalName: null, bot: true };
    this.users.set(bot.id, this.bot);
  }

  // ---- users -------------------------------------------------------------------------------

  ensureUser(input: UserInput = {}): UserRecord {
    const existing = input.id ? this.users.get(input.id) : undefined;
    if (existing) return existing;
    const id = input.id ?? nextSnowflake();
    const user: UserRecord = {
      id,
      username: input.username ?? `user${id.slice(-5)}`,
      globalName: input.globalName ?? null,
      bot: input.bot ?? false,
    };
    this.users.set(id, user);
    return user;
  }

  // ---- guilds ------------------------------------------------------------------------------

  createGuild(input: GuildInput): GuildRecord {
    const id = input.id ?? nextSnowflake();
    if (this.guilds.has(id)) throw new Error(`guild ${id} already exists`);
    const now = new Date().toISOString();
    const owner = input.ownerId
      ? this.ensureUser({ id: input.ownerId })
      : this.ensureUser({ username: 'guild-owner' });
    const guild: GuildRecord = {
      id,
      name: input.name ?? 'Test Guild',
      ownerId: owner.id,
      preferredLocale: input.preferredLocale ?? 'en-US',
      roles: new Map(),
      members: new Map(),
      channelIds: [],
      botRoleId: '',
      joinedAt: now,
      botPresent: true,
    };
    this.guilds.set(id, guild);
    guild.roles.set(id, {
      id,
      name: '@everyone',
      permissions: resolvePermissions(input.everyonePermissions, DEFAULT_EVERYONE_PERMISSIONS),
      position: 0,
      color: 0,
      hoist: false,
      managed: false,
      mentionable: false,
    });
    for (const role of input.roles ?? []) this.createRole(guild, role);
    const botRole = this.createRole(guild, {
      name: this.bot.username,
      permissions: input.botPermissions ?? 0n,
      managed: true,
    });
    botRole.botId = this.bot.id;
    guild.botRoleId = botRole.id;
    this.addMember(guild, { id: owner.id });
    this.addMember(guild, { id: this.bot.id, roles: [botRole.id, ...(input.botRoleIds ?? [])] });
    for (const member of input.members ?? []) this.addMember(guild, member);
    for (const channel of input.channels ?? []) this.createChannel(guild, channel);
    return guild;
  }

  createRole(guild: GuildRecord, input: RoleInput): RoleRecord {
    const id = input.id ?? nextSnowflake();
    if (guild.roles.has(id)) throw new Error(`role ${id} already exists in guild ${guild.id}`);
    const role: RoleRecord = {
      id,
      name: input.name ?? 'new role',
      permissions: resolvePermissions(input.permissions),
      position: input.position ?? guild.roles.size,
      color: input.color ?? 0,
      hoist: input.hoist ?? false,
      managed: input.managed ?? false,
      mentionable: input.mentionable ?? false,
    };
    guild.roles.set(id, role);
    return role;
  }

  addMember(guild: GuildRecord, input: MemberInput): MemberRecord {
    const user = this.ensureUser(input);
    const existing = guild.members.get(user.id);
    if (existing) {
      if (input.roles) existing.roles = [...input.roles];
      if (input.nick !== undefined) existing.nick = input.nick;
      return existing;
    }
    for (const roleId of input.roles ?? []) {
      if (!guild.roles.has(roleId)) throw new Error(`role ${roleId} does not exist in guild ${guild.id}`);
    }
    const member: MemberRecord = {
      userId: user.id,
      roles: [...(input.roles ?? [])],
      nick: input.nick ?? null,
      joinedAt: new Date().toISOString(),
    };
    guild.members.set(user.id, member);
    return member;
  }

  createChannel(guild: GuildRecord, input: ChannelInput): ChannelRecord {
    const id = input.id ?? nextSnowflake();
    if (this.channels.has(id)) throw new Error(`channel ${id} already exists`);
    const channel: ChannelRecord = {
      id,
      guildId: guild.id,
      type: input.type ?? 0,
      name: input.name ?? `channel-${guild.channelIds.length + 1}`,
      position: input.position ?? guild.channelIds.length,
      topic: input.topic ?? null,
      nsfw: input.nsfw ?? false,
      parentId: input.parentId ?? null,
      overwrites: (input.overwrites ?? []).map(toOverwrite),
      lastMessageId: null,
      rateLimitPerUser: input.rateLimitPerUser ?? 0,
    };
    this.channels.set(id, channel);
    guild.channelIds.push(id);
    return channel;
  }

  deleteChannel(channel: ChannelRecord): void {
    this.channels.delete(channel.id);
    const guild = this.guilds.get(channel.guildId);
    if (guild) guild.channelIds = guild.channelIds.filter((id) => id !== channel.id);
  }

  /** Channels of a guild in creation order. */
  guildChannels(guild: GuildRecord): ChannelRecord[] {
    return guild.channelIds.flatMap((id) => {
      const channel = this.channels.get(id);
      return channel ? [channel] : [];
    });
  }

  /** Guilds the bot is currently a member of. */
  botGuilds(): GuildRecord[] {
    return [...this.guilds.values()].filter((g) => g.botPresent);
  }

  // ---- permissions -------------------------------------------------------------------------

  private subject(guild: GuildRecord, userId: string): PermissionSubject | null {
    const member = guild.members.get(userId);
    if (!member) return null;
    const rolePermissions = new Map<string, bigint>();
    for (const role of guild.roles.values()) rolePermissions.set(role.id, role.permissions);
    return {
      guildId: guild.id,
      ownerId: guild.ownerId,
      userId,
      memberRoleIds: member.roles,
      rolePermissions,
    };
  }

  /** Guild-level permissions of a member (0n when not a member). */
  guildPermissions(guild: GuildRecord, userId: string): bigint {
    const subject = this.subject(guild, userId);
    return subject ? computeBasePermissions(subject) : 0n;
  }

  /** Permissions of a member in a channel, overwrites applied (0n when not a member). */
  channelPermissions(channel: ChannelRecord, userId: string): bigint {
    const guild = this.guilds.get(channel.guildId);
    if (!guild) return 0n;
    const subject = this.subject(guild, userId);
    return subject ? computeChannelPermissions(subject, channel.overwrites) : 0n;
  }

  // ---- messages ----------------------------------------------------------------------------

  storeMessage(stored: StoredMessage): void {
    const list = this.messagesByChannel.get(stored.message.channel_id) ?? [];
    list.push(stored);
    this.messagesByChannel.set(stored.message.channel_id, list);
    this.messagesById.set(stored.message.id, stored);
    const channel = this.channels.get(stored.message.channel_id);
    if (channel && !stored.ephemeral) channel.lastMessageId = stored.message.id;
  }

  deleteMessage(id: string): void {
    const stored = this.messagesById.get(id);
    if (!stored) return;
    this.messagesById.delete(id);
    const list = this.messagesByChannel.get(stored.message.channel_id);
    if (list) {
      this.messagesByChannel.set(
        stored.message.channel_id,
        list.filter((m) => m.message.id !== id),
      );
    }
  }

  // ---- serialisation -----------------------------------------------------------------------

  userJson(user: UserRecord): FakeUser {
    const json: FakeUser = {
      id: user.id,
      username: user.username,
      global_name: user.globalName,
      discriminator: user.bot ? '0000' : '0',
      avatar: null,
      public_flags: 0,
      flags: 0,
    };
    if (user.bot) json.bot = true;
    return json;
  }

  roleJson(role: RoleRecord): FakeRole {
    const json: FakeRole = {
      id: role.id,
      name: role.name,
      permissions: role.permissions.toString(),
      position: role.position,
      color: role.color,
      colors: { primary_color: role.color, secondary_color: null, tertiary_color: null },
      hoist: role.hoist,
      icon: null,
      unicode_emoji: null,
      managed: role.managed,
      mentionable: role.mentionable,
      flags: 0,
    };
    if (role.botId) json.tags = { bot_id: role.botId };
    return json;
  }

  channelJson(channel: ChannelRecord): FakeChannel {
    return {
      id: channel.id,
      type: channel.type,
      guild_id: channel.guildId,
      name: channel.name,
      position: channel.position,
      permission_overwrites: channel.overwrites.map((o) => ({
        id: o.id,
        type: o.type,
        allow: o.allow.toString(),
        deny: o.deny.toString(),
      })),
      topic: channel.topic,
      nsfw: channel.nsfw,
      parent_id: channel.parentId,
      last_message_id: channel.lastMessageId,
      rate_limit_per_user: channel.rateLimitPerUser,
      flags: 0,
    };
  }

  memberJson(member: MemberRecord): FakeMember {
    const user = this.users.get(member.userId);
    if (!user) throw new Error(`member ${member.userId} has no user`);
    return {
      user: this.userJson(user),
      roles: [...member.roles],
      nick: member.nick,
      avatar: null,
      banner: null,
      joined_at: member.joinedAt,
      premium_since: null,
      deaf: false,
      mute: false,
      flags: 0,
      pending: false,
      communication_disabled_until: null,
    };
  }

  /**
   * A guild object. `gatewayCreate` adds what GUILD_CREATE carries: channels, the bot's member
   * (members beyond the bot need the GuildMembers intent on real Discord), member_count...
   */
  guildJson(guild: GuildRecord, gatewayCreate: boolean): FakeGuild {
    const json: FakeGuild = {
      id: guild.id,
      name: guild.name,
      icon: null,
      splash: null,
      discovery_splash: null,
      banner: null,
      description: null,
      owner_id: guild.ownerId,
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 1,
      explicit_content_filter: 0,
      mfa_level: 0,
      nsfw_level: 0,
      premium_tier: 0,
      premium_subscription_count: 0,
      premium_progress_bar_enabled: false,
      system_channel_id: guild.channelIds[0] ?? null,
      system_channel_flags: 0,
      rules_channel_id: null,
      public_updates_channel_id: null,
      safety_alerts_channel_id: null,
      vanity_url_code: null,
      preferred_locale: guild.preferredLocale,
      features: [],
      roles: [...guild.roles.values()].map((r) => this.roleJson(r)),
      emojis: [],
      stickers: [],
      application_id: null,
      max_members: 500_000,
      max_video_channel_users: 25,
      max_stage_video_channel_users: 50,
      incidents_data: null,
    };
    if (!gatewayCreate) return json;
    const botMember = guild.members.get(this.bot.id);
    return {
      ...json,
      joined_at: guild.joinedAt,
      large: false,
      unavailable: false,
      member_count: guild.members.size,
      members: botMember ? [this.memberJson(botMember)] : [],
      channels: this.guildChannels(guild).map((c) => this.channelJson(c)),
      threads: [],
      presences: [],
      voice_states: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }
}
