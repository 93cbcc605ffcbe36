/**
 * Public types of the fake Discord. Objects named `Fake*` are Discord wire objects (snake_case,
 * permission bitfields as decimal strings), exactly what the fake sends to clients; `*Input`
 * types are what tests pass to the controls (camelCase, permissions in any {@link PermissionsInput}).
 */
import type { PermissionsInput } from './permissions.js';

/** A user object as Discord sends it. */
export interface FakeUser {
  id: string;
  username: string;
  global_name: string | null;
  discriminator: string;
  avatar: string | null;
  bot?: boolean;
  public_flags: number;
  flags: number;
}

/** A role object as Discord sends it. The @everyone role's id is the guild id. */
export interface FakeRole {
  id: string;
  name: string;
  permissions: string;
  position: number;
  color: number;
  colors: { primary_color: number; secondary_color: number | null; tertiary_color: number | null };
  hoist: boolean;
  icon: string | null;
  unicode_emoji: string | null;
  managed: boolean;
  mentionable: boolean;
  flags: number;
  tags?: { bot_id?: string };
}

/** A channel permission overwrite as Discord sends it (type 0 = role, 1 = member). */
export interface FakeOverwrite {
  id: string;
  type: 0 | 1;
  allow: string;
  deny: string;
}

/** A guild channel as Discord sends it (type 0 = text, 2 = voice, 4 = category, 5 = announcement). */
export interface FakeChannel {
  id: string;
  type: number;
  guild_id: string;
  name: string;
  position: number;
  permission_overwrites: FakeOverwrite[];
  topic: string | null;
  nsfw: boolean;
  parent_id: string | null;
  last_message_id: string | null;
  rate_limit_per_user: number;
  flags: number;
}

/** A guild member as Discord sends it. `roles` never contains @everyone. */
export interface FakeMember {
  user: FakeUser;
  roles: string[];
  nick: string | null;
  avatar: string | null;
  banner: string | null;
  joined_at: string;
  premium_since: string | null;
  deaf: boolean;
  mute: boolean;
  flags: number;
  pending: boolean;
  communication_disabled_until: string | null;
}

/** A full guild as in GUILD_CREATE / `GET /guilds/:id` (channels and members only in GUILD_CREATE). */
export interface FakeGuild {
  id: string;
  name: string;
  icon: string | null;
  splash: null;
  discovery_splash: null;
  banner: null;
  description: null;
  owner_id: string;
  afk_channel_id: null;
  afk_timeout: number;
  verification_level: number;
  default_message_notifications: number;
  explicit_content_filter: number;
  mfa_level: number;
  nsfw_level: number;
  premium_tier: number;
  premium_subscription_count: number;
  premium_progress_bar_enabled: boolean;
  system_channel_id: string | null;
  system_channel_flags: number;
  rules_channel_id: null;
  public_updates_channel_id: null;
  safety_alerts_channel_id: null;
  vanity_url_code: null;
  preferred_locale: string;
  features: string[];
  roles: FakeRole[];
  emojis: unknown[];
  stickers: unknown[];
  application_id: null;
  max_members: number;
  max_video_channel_users: number;
  max_stage_video_channel_users: number;
  incidents_data: null;
  // Only in GUILD_CREATE:
  joined_at?: string;
  large?: boolean;
  unavailable?: boolean;
  member_count?: number;
  members?: FakeMember[];
  channels?: FakeChannel[];
  threads?: unknown[];
  presences?: unknown[];
  voice_states?: unknown[];
  stage_instances?: unknown[];
  guild_scheduled_events?: unknown[];
  soundboard_sounds?: unknown[];
}

/** An embed as stored (what the client sent, plus `type: 'rich'` like Discord adds). */
export interface FakeEmbed {
  type?: string;
  title?: string;
  description?: string;
  url?: string;
  timestamp?: string;
  color?: number;
  footer?: { text: string; icon_url?: string };
  image?: { url: string };
  thumbnail?: { url: string };
  author?: { name: string; url?: string; icon_url?: string };
  fields?: Array<{ name: string; value: string; inline?: boolean }>;
  [extra: string]: unknown;
}

/** `allowed_mentions` as a client sends it. */
export interface FakeAllowedMentions {
  parse?: Array<'roles' | 'users' | 'everyone'>;
  roles?: string[];
  users?: string[];
  replied_user?: boolean;
}

/** A file uploaded with a multipart request. */
export interface FakeUpload {
  field: string;
  filename: string;
  contentType: string;
  size: number;
}

/** The interaction a message answers (Discord's `interaction_metadata`). */
export interface FakeInteractionMetadata {
  id: string;
  type: number;
  name?: string;
  command_type?: number;
  user: FakeUser;
  authorizing_integration_owners: Record<string, string>;
  original_response_message_id?: string;
}

/**
 * A message as Discord returns it, plus two fields Discord does not echo that tests want to check:
 * `allowed_mentions` (as sent) and `uploads` (files of a multipart request).
 */
export interface FakeMessage {
  id: string;
  type: number;
  channel_id: string;
  guild_id?: string;
  author: FakeUser;
  content: string;
  timestamp: string;
  edited_timestamp: string | null;
  tts: boolean;
  mention_everyone: boolean;
  mentions: FakeUser[];
  mention_roles: string[];
  attachments: unknown[];
  embeds: FakeEmbed[];
  components: unknown[];
  pinned: boolean;
  flags: number;
  nonce?: string | number;
  webhook_id?: string;
  application_id?: string;
  interaction_metadata?: FakeInteractionMetadata;
  message_reference?: { type?: number; message_id?: string; channel_id?: string; guild_id?: string };
  /** Not part of Discord's message object: the `allowed_mentions` the client sent. */
  allowed_mentions?: FakeAllowedMentions;
  /** Not part of Discord's message object: files uploaded with the request. */
  uploads?: FakeUpload[];
}

/** An application command as stored and returned by the command routes. */
export interface FakeCommand {
  id: string;
  application_id: string;
  version: string;
  type: number;
  name: string;
  name_localizations: Record<string, string> | null;
  description: string;
  description_localizations: Record<string, string> | null;
  options?: FakeCommandOption[];
  default_member_permissions: string | null;
  dm_permission?: boolean;
  contexts: number[] | null;
  integration_types: number[];
  nsfw: boolean;
  guild_id?: string;
}

/** An option of a registered command (recursively for subcommands). */
export interface FakeCommandOption {
  type: number;
  name: string;
  description: string;
  required?: boolean;
  choices?: Array<{ name: string; value: string | number }>;
  options?: FakeCommandOption[];
  channel_types?: number[];
  autocomplete?: boolean;
  min_value?: number;
  max_value?: number;
  min_length?: number;
  max_length?: number;
  [extra: string]: unknown;
}

/** One HTTP request the fake received, with what it answered. */
export interface RecordedRequest {
  method: string;
  /** Path without the `/api/v10` prefix and without the query, e.g. `/channels/123/messages`. */
  path: string;
  query: Record<string, string>;
  /** The matched route template, e.g. `POST /channels/:channelId/messages`; null if no route matched. */
  route: string | null;
  /** Parsed JSON body (or `payload_json` of a multipart body); undefined when empty. */
  body: unknown;
  uploads: FakeUpload[];
  /** Whether a valid `Authorization: Bot <token>` header was sent. */
  authorized: boolean;
  status: number;
  responseBody: unknown;
  /** When the request arrived (ms since the Unix epoch). */
  time: number;
  durationMs: number;
  /** The answer came from {@link FailureRule} injection. */
  injected: boolean;
  /** The answer was a 429 (real or injected). */
  rateLimited: boolean;
}

/** A fixed-window limit: `limit` requests per `windowMs`. */
export interface WindowLimit {
  limit: number;
  windowMs: number;
}

/** Rate-limit configuration. Defaults follow Discord. */
export interface RateLimitOptions {
  /** All authenticated requests except interaction routes. Default 50 per 1000 ms; false disables. */
  global?: WindowLimit | false;
  /** Bucket for every route without an entry in `routes`. Default 50 per 1000 ms. */
  defaultRoute?: WindowLimit;
  /**
   * Per-route buckets keyed by route template, e.g. `'POST /channels/:channelId/messages'`
   * (default 5 per 5000 ms, per channel). Routes are listed in README.md.
   */
  routes?: Record<string, WindowLimit>;
}

/** Counters of what the fake did. */
export interface FakeStats {
  /** HTTP requests received. */
  requests: number;
  /** 429 answers (real and injected). */
  rateLimited: number;
  /**
   * 429s a well-behaved client would have avoided: the request hit a bucket after the fake had
   * already answered on that bucket with `X-RateLimit-Remaining: 0` and before its reset.
   */
  rateLimitedAvoidable: number;
  /** 429s from the global limit. */
  globalRateLimited: number;
  /** Answers produced by {@link FailureRule}s. */
  injectedFailures: number;
}

/** A scripted failure, see `FakeDiscord.failNext`. */
export interface FailureRule {
  /** HTTP method to match (any when omitted). Case-insensitive. */
  method?: string;
  /**
   * Path to match, without `/api/v10` and the query: a string (exact match, where `:param`
   * segments match any one segment, e.g. `/channels/:id/messages`) or a RegExp.
   */
  pathPattern: string | RegExp;
  /** Status to answer with, e.g. 429, 500, 403. */
  status: number;
  /** Discord JSON error code (default 0; for 429 no code unless given). */
  code?: number;
  /** Error message (default: Discord's message for the code or status). */
  message?: string;
  /** For 429: seconds to wait, in the body's `retry_after` (default 0.25). */
  retryAfter?: number;
  /** For 429: a global rate limit (`X-RateLimit-Global`, scope `global`). */
  global?: boolean;
  /** For 429: the `X-RateLimit-Scope` header (default `user`, or `global` when `global`). */
  scope?: 'user' | 'global' | 'shared';
  /** How many matching requests fail (default 1). */
  times?: number;
}

/** Options of {@link startFakeDiscord}. */
export interface FakeDiscordOptions {
  /** The bot token the fake accepts (default: a random one, see `fake.token`). */
  token?: string;
  /** The bot user (default id random snowflake, username `policywire-bot`). */
  bot?: { id?: string; username?: string };
  /** The application (default id = bot id, like real bots; name = bot username). */
  application?: { id?: string; name?: string; flags?: number };
  /**
   * Privileged intents enabled "in the developer portal" as a bitfield: GuildMembers (1 << 1),
   * GuildPresences (1 << 8), MessageContent (1 << 15). IDENTIFY asking for others closes with 4014.
   * Default 0 (none).
   */
  privilegedIntents?: number;
  /** HELLO's heartbeat_interval in ms (default 41250, like Discord). */
  heartbeatIntervalMs?: number;
  /** Time a bot has to answer an interaction before it becomes unknown (404/10062). Default 3000 ms. */
  interactionResponseTimeoutMs?: number;
  /** How long interaction tokens work for followups and edits. Default 15 min. */
  interactionTokenTtlMs?: number;
  /** Window in which `enforce_nonce` deduplicates messages. Default 5 min ("the past few minutes"). */
  nonceWindowMs?: number;
  /** Default timeout of the interaction handle's waits (`reply()`, `final()`, ...). Default 5000 ms. */
  waitTimeoutMs?: number;
  /** Rate limits; `false` disables them all. Defaults as in {@link RateLimitOptions}. */
  rateLimits?: RateLimitOptions | false;
  /** Receives one line per notable event (unknown routes, gateway closes), e.g. `console.log`. */
  log?: (line: string) => void;
}

/** A user to create (a member when passed to `addMember`). */
export interface UserInput {
  /** Reuse this id (an existing user keeps their data). Default: a new snowflake. */
  id?: string;
  username?: string;
  globalName?: string | null;
  bot?: boolean;
}

/** A member to add to a guild. */
export interface MemberInput extends UserInput {
  /** Role ids (not @everyone). */
  roles?: string[];
  nick?: string | null;
}

/** A role to create. */
export interface RoleInput {
  id?: string;
  name?: string;
  permissions?: PermissionsInput;
  position?: number;
  color?: number;
  hoist?: boolean;
  mentionable?: boolean;
  managed?: boolean;
}

/** A permission overwrite to set; `type` 'role' (0) or 'member' (1). @everyone's role id is the guild id. */
export interface OverwriteInput {
  id: string;
  type: 'role' | 'member' | 0 | 1;
  allow?: PermissionsInput;
  deny?: PermissionsInput;
}

/** A guild channel to create (default: a text channel, type 0). */
export interface ChannelInput {
  id?: string;
  name?: string;
  type?: number;
  topic?: string | null;
  position?: number;
  parentId?: string | null;
  nsfw?: boolean;
  rateLimitPerUser?: number;
  overwrites?: OverwriteInput[];
}

/** A guild to create with its roles, channels and members; the bot joins it. */
export interface GuildInput {
  id?: string;
  name?: string;
  /** Owner's user id; default: a new user `guild-owner` who becomes a member. */
  ownerId?: string;
  /** @everyone's permissions (default: Discord's defaults for reading and writing text). */
  everyonePermissions?: PermissionsInput;
  /** Permissions of the bot's managed role (default: none, so @everyone decides). */
  botPermissions?: PermissionsInput;
  /** More role ids the bot's member holds (ids you gave in `roles`). */
  botRoleIds?: string[];
  roles?: RoleInput[];
  channels?: ChannelInput[];
  members?: MemberInput[];
  preferredLocale?: string;
}

/** What `addGuild` returns: ids plus lookups by name that read the current state. */
export interface FakeGuildHandle {
  readonly id: string;
  /** Same as the guild id. */
  readonly everyoneRoleId: string;
  /** The bot's managed role. */
  readonly botRoleId: string;
  readonly ownerId: string;
  /** The channel with this name (throws if there is none). */
  channel(name: string): FakeChannel;
  /** The role with this name (throws if there is none); `'@everyone'` works. */
  role(name: string): FakeRole;
  /** The member with this username or id (throws if there is none). */
  member(usernameOrId: string): FakeMember;
}

/** An option of an invoked command, as in the interaction's `data.options`. */
export interface InteractionOptionInput {
  name: string;
  /**
   * Option type (1 subcommand, 2 group, 3 string, 4 integer, 5 boolean, 6 user, 7 channel,
   * 8 role, 9 mentionable, 10 number). Default: from the registered command with this name,
   * else from the value (string 3, boolean 5, integer 4, other numbers 10).
   */
  type?: number;
  value?: string | number | boolean;
  options?: InteractionOptionInput[];
  /** Autocomplete only: the option the user is typing in. */
  focused?: boolean;
}

/** What a test passes to `invokeCommand` / `invokeAutocomplete`. */
export interface InvokeCommandInput {
  guildId: string;
  channelId: string;
  /** The invoking user; must be a member of the guild (`addMember`). */
  userId: string;
  /** Command name. If a command with this name is registered (guild, then global) its id is used. */
  name: string;
  options?: InteractionOptionInput[];
  /** Overrides `member.permissions` (default: computed for the member in the channel). */
  memberPermissions?: PermissionsInput;
  /** Overrides `app_permissions` (default: computed for the bot in the channel). */
  appPermissions?: PermissionsInput;
  /** User's locale (default `en-US`). */
  locale?: string;
}

/** Options of the interaction handle's waits. */
export interface WaitOptions {
  /** Reject after this many ms (default: the fake's `waitTimeoutMs`). */
  timeoutMs?: number;
}

/** Options of `handle.final()`. */
export interface FinalOptions extends WaitOptions {
  /** Resolve once nothing changed for this long after a visible reply (default 150 ms). */
  quietMs?: number;
}

/** A callback the fake refused (answering twice, too late, invalid body...). */
export interface RejectedResponse {
  route: string;
  status: number;
  code: number;
  message: string;
  time: number;
}

/** Everything the bot did with one interaction, as seen by Discord. */
export interface InteractionOutcome {
  id: string;
  token: string;
  /** Interaction type: 2 application command, 4 autocomplete. */
  type: number;
  /** The initial callback type: 4 reply, 5 deferred reply, 8 autocomplete result, 9 modal; null if none yet. */
  callbackType: number | null;
  /** ms from dispatch to the accepted initial callback. */
  acknowledgedAfterMs: number | null;
  deferred: boolean;
  ephemeral: boolean;
  /** The `@original` message in its current state (null before a reply/defer or after deletion). */
  original: FakeMessage | null;
  /** Every state `@original` had: the reply or loading message, then each edit. */
  originalHistory: FakeMessage[];
  originalDeleted: boolean;
  followups: FakeMessage[];
  /** Autocomplete choices (callback type 8). */
  choices: Array<{ name: string; value: string | number }> | null;
  /** Modal data (callback type 9). */
  modal: unknown;
  /** No accepted callback arrived within the response window. */
  expired: boolean;
  /** Callbacks and webhook calls the fake refused. */
  rejected: RejectedResponse[];
}
