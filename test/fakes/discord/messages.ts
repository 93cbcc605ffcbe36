/** Building and editing message objects the way Discord fills them in. */
import { Permission } from './permissions.js';
import { nextSnowflake } from './snowflake.js';
import type { ChannelRecord, FakeState } from './state.js';
import type { FakeInteractionMetadata, FakeMessage, FakeUpload } from './types.js';
import type { ParsedMessage } from './validation.js';

/** Message flags the fake sets or reads. */
export const MessageFlag = {
  SuppressEmbeds: 1 << 2,
  Ephemeral: 1 << 6,
  Loading: 1 << 7,
  SuppressNotifications: 1 << 12,
  IsComponentsV2: 1 << 15,
} as const;

/** Message types the fake produces. */
export const MessageType = { Default: 0, Reply: 19, ChatInputCommand: 20 } as const;

/**
 * Resolves mentions like Discord: `<@id>`/`<@!id>` users and `<@&id>` roles found in the content
 * count only when `allowed_mentions` lets them (no `allowed_mentions` = everything allowed);
 * @everyone/@here also needs MENTION_EVERYONE.
 */
function resolveMentions(
  state: FakeState,
  channel: ChannelRecord,
  content: string,
  allowed: ParsedMessage['allowedMentions'],
  authorId: string,
): Pick<FakeMessage, 'mentions' | 'mention_roles' | 'mention_everyone'> {
  const parse = allowed ? (allowed.parse ?? []) : ['users', 'roles', 'everyone'];
  const userIds = new Set<string>();
  for (const match of content.matchAll(/<@!?(\d{17,20})>/g)) {
    const id = match[1];
    if (!id) continue;
    if (parse.includes('users') || allowed?.users?.includes(id)) userIds.add(id);
  }
  const roleIds = new Set<string>();
  for (const match of content.matchAll(/<@&(\d{17,20})>/g)) {
    const id = match[1];
    if (!id) continue;
    if (parse.includes('roles') || allowed?.roles?.includes(id)) roleIds.add(id);
  }
  const everyone =
    /@(everyone|here)/.test(content) &&
    parse.includes('everyone') &&
    (state.channelPermissions(channel, authorId) & Permission.MentionEveryone) !== 0n;
  return {
    mentions: [...userIds].flatMap((id) => {
      const user = state.users.get(id);
      return user ? [state.userJson(user)] : [];
    }),
    mention_roles: [...roleIds],
    mention_everyone: everyone,
  };
}

export interface BuildMessageInput {
  channel: ChannelRecord;
  parsed: ParsedMessage;
  uploads: FakeUpload[];
  authorId: string;
  type?: number;
  /** Flags to force on (e.g. EPHEMERAL, LOADING) in addition to the allowed ones sent. */
  extraFlags?: number;
  webhookId?: string;
  applicationId?: string;
  interactionMetadata?: FakeInteractionMetadata;
}

/** A new message object (not stored). */
export function buildMessage(state: FakeState, input: BuildMessageInput): FakeMessage {
  const { channel, parsed } = input;
  const author = state.users.get(input.authorId);
  if (!author) throw new Error(`unknown author ${input.authorId}`);
  const content = parsed.content ?? '';
  const sentFlags =
    (parsed.flags ?? 0) &
    (MessageFlag.SuppressEmbeds | MessageFlag.SuppressNotifications | MessageFlag.IsComponentsV2);
  const message: FakeMessage = {
    id: nextSnowflake(),
    type: input.type ?? (parsed.messageReference ? MessageType.Reply : MessageType.Default),
    channel_id: channel.id,
    guild_id: channel.guildId,
    author: state.userJson(author),
    content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: parsed.tts,
    ...resolveMentions(state, channel, content, parsed.allowedMentions, input.authorId),
    attachments: input.uploads.map((upload, i) => ({
      id: nextSnowflake(),
      filename: upload.filename,
      size: upload.size,
      content_type: upload.contentType,
      url: `https://cdn.discordapp.invalid/attachments/${channel.id}/${i}/${upload.filename}`,
      proxy_url: `https://media.discordapp.invalid/attachments/${channel.id}/${i}/${upload.filename}`,
    })),
    embeds: parsed.embeds ?? [],
    components: parsed.components ?? [],
    pinned: false,
    flags: sentFlags | (input.extraFlags ?? 0),
  };
  if (parsed.nonce !== undefined) message.nonce = parsed.nonce;
  if (input.webhookId) message.webhook_id = input.webhookId;
  if (input.applicationId) message.application_id = input.applicationId;
  if (input.interactionMetadata) message.interaction_metadata = input.interactionMetadata;
  if (parsed.messageReference?.message_id) {
    message.message_reference = {
      type: 0,
      message_id: parsed.messageReference.message_id,
      channel_id: parsed.messageReference.channel_id ?? channel.id,
      guild_id: channel.guildId,
    };
  }
  if (parsed.allowedMentions) message.allowed_mentions = parsed.allowedMentions;
  if (input.uploads.length > 0) message.uploads = input.uploads;
  return message;
}

/** Applies a validated edit to a message in place (absent fields stay as they were). */
export function applyEdit(
  state: FakeState,
  channel: ChannelRecord,
  message: FakeMessage,
  parsed: ParsedMessage,
  uploads: FakeUpload[],
): void {
  if (parsed.content !== undefined) message.content = parsed.content;
  if (parsed.embeds !== undefined) message.embeds = parsed.embeds;
  if (parsed.components !== undefined) message.components = parsed.components;
  if (parsed.allowedMentions !== undefined) message.allowed_mentions = parsed.allowedMentions;
  if (parsed.flags !== undefined) {
    const keep = message.flags & (MessageFlag.Ephemeral | MessageFlag.IsComponentsV2);
    message.flags = keep | (parsed.flags & MessageFlag.SuppressEmbeds);
  }
  if (parsed.attachments !== undefined && uploads.length === 0) {
    const keepIds = new Set(parsed.attachments.map((a) => String((a as { id?: unknown }).id)));
    message.attachments = message.attachments.filter((a) => keepIds.has(String((a as { id?: unknown }).id)));
  }
  if (uploads.length > 0) {
    message.uploads = [...(message.uploads ?? []), ...uploads];
    message.attachments = [
      ...message.attachments,
      ...uploads.map((upload) => ({
        id: nextSnowflake(),
        filename: upload.filename,
        size: upload.size,
        content_type: upload.contentType,
      })),
    ];
  }
  message.flags &= ~MessageFlag.Loading;
  Object.assign(
    message,
    resolveMentions(state, channel, message.content, message.allowed_mentions, message.author.id),
  );
  message.edited_timestamp = new Date().toISOString();
}

/** Whether a message shows something (content, embeds, components or files) and is not loading. */
export function isVisibleMessage(message: FakeMessage): boolean {
  if ((message.flags & MessageFlag.Loading) !== 0) return false;
  return (
    message.content.trim() !== '' ||
    message.embeds.length > 0 ||
    message.components.length > 0 ||
    message.attachments.length > 0
  );
}

/** What a client may see of a stored message (drops the fake-only fields). */
export function publicMessage(message: FakeMessage): FakeMessage {
  const { allowed_mentions: _allowed, uploads: _uploads, ...rest } = message;
  return rest;
}
