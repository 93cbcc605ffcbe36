/**
 * Permission bits (the same names and values as discord-api-types' `PermissionFlagsBits`), so
 * tests can write `['ViewChannel', 'SendMessages']` instead of bigint arithmetic.
 */
export const Permission = {
  CreateInstantInvite: 1n << 0n,
  KickMembers: 1n << 1n,
  BanMembers: 1n << 2n,
  Administrator: 1n << 3n,
  ManageChannels: 1n << 4n,
  ManageGuild: 1n << 5n,
  AddReactions: 1n << 6n,
  ViewAuditLog: 1n << 7n,
  PrioritySpeaker: 1n << 8n,
  Stream: 1n << 9n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  SendTTSMessages: 1n << 12n,
  ManageMessages: 1n << 13n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  MentionEveryone: 1n << 17n,
  UseExternalEmojis: 1n << 18n,
  ViewGuildInsights: 1n << 19n,
  Connect: 1n << 20n,
  Speak: 1n << 21n,
  MuteMembers: 1n << 22n,
  DeafenMembers: 1n << 23n,
  MoveMembers: 1n << 24n,
  UseVAD: 1n << 25n,
  ChangeNickname: 1n << 26n,
  ManageNicknames: 1n << 27n,
  ManageRoles: 1n << 28n,
  ManageWebhooks: 1n << 29n,
  ManageGuildExpressions: 1n << 30n,
  UseApplicationCommands: 1n << 31n,
  RequestToSpeak: 1n << 32n,
  ManageEvents: 1n << 33n,
  ManageThreads: 1n << 34n,
  CreatePublicThreads: 1n << 35n,
  CreatePrivateThreads: 1n << 36n,
  UseExternalStickers: 1n << 37n,
  SendMessagesInThreads: 1n << 38n,
  UseEmbeddedActivities: 1n << 39n,
  ModerateMembers: 1n << 40n,
  ViewCreatorMonetizationAnalytics: 1n << 41n,
  UseSoundboard: 1n << 42n,
  CreateGuildExpressions: 1n << 43n,
  CreateEvents: 1n << 44n,
  UseExternalSounds: 1n << 45n,
  SendVoiceMessages: 1n << 46n,
  SetVoiceChannelStatus: 1n << 48n,
  SendPolls: 1n << 49n,
  UseExternalApps: 1n << 50n,
  PinMessages: 1n << 51n,
  BypassSlowmode: 1n << 52n,
} as const;

/** A permission name, e.g. `'SendMessages'`. */
export type PermissionName = keyof typeof Permission;

/**
 * Permissions as a test may write them: a bigint, a decimal string bitfield (Discord's wire
 * format), a number, or a list of names and/or bits.
 */
export type PermissionsInput = bigint | string | number | ReadonlyArray<PermissionName | bigint>;

/** Every permission bit Discord currently defines: what ADMINISTRATOR (or owning the guild) grants. */
export const ALL_PERMISSIONS: bigint = Object.values(Permission).reduce((all, bit) => all | bit, 0n);

/**
 * What a fresh guild's @everyone role gets unless the test says otherwise: enough to read and
 * write in text channels, like Discord's default.
 */
export const DEFAULT_EVERYONE_PERMISSIONS: bigint =
  Permission.CreateInstantInvite |
  Permission.AddReactions |
  Permission.ViewChannel |
  Permission.SendMessages |
  Permission.EmbedLinks |
  Permission.AttachFiles |
  Permission.ReadMessageHistory |
  Permission.UseExternalEmojis |
  Permission.Connect |
  Permission.Speak |
  Permission.UseVAD |
  Permission.ChangeNickname |
  Permission.UseApplicationCommands |
  Permission.SendMessagesInThreads |
  Permission.CreatePublicThreads |
  Permission.SendPolls;

/** Turns any {@link PermissionsInput} into a bigint bitfield. Throws on unknown names. */
export function resolvePermissions(input: PermissionsInput | undefined, fallback = 0n): bigint {
  if (input === undefined) return fallback;
  if (typeof input === 'bigint') return input;
  if (typeof input === 'number') return BigInt(input);
  if (typeof input === 'string') {
    if (!/^\d+$/.test(input))
      throw new TypeError(`permissions string must be a decimal bitfield, got "${input}"`);
    return BigInt(input);
  }
  let bits = 0n;
  for (const item of input) {
    if (typeof item === 'bigint') {
      bits |= item;
      continue;
    }
    const bit = Permission[item];
    if (bit === undefined) throw new TypeError(`unknown permission name "${String(item)}"`);
    bits |= bit;
  }
  return bits;
}

/** Names of the permission bits set in `bits` (for readable assertion messages). */
export function permissionNames(bits: bigint): PermissionName[] {
  return (Object.keys(Permission) as PermissionName[]).filter((name) => (bits & Permission[name]) !== 0n);
}

/** One permission overwrite as stored: type 0 = role, 1 = member. */
export interface Overwrite {
  id: string;
  type: 0 | 1;
  allow: bigint;
  deny: bigint;
}

/** The inputs of Discord's permission algorithm for one member in one guild. */
export interface PermissionSubject {
  guildId: string;
  ownerId: string;
  userId: string;
  /** Role ids of the member, not including @everyone. */
  memberRoleIds: readonly string[];
  /** Permissions of every role in the guild by id (including @everyone, whose id is the guild id). */
  rolePermissions: ReadonlyMap<string, bigint>;
}

/**
 * Guild-level permissions, as Discord computes them: the owner has everything; otherwise
 * @everyone | each member role, and ADMINISTRATOR means everything.
 */
export function computeBasePermissions(subject: PermissionSubject): bigint {
  if (subject.userId === subject.ownerId) return ALL_PERMISSIONS;
  let permissions = subject.rolePermissions.get(subject.guildId) ?? 0n;
  for (const roleId of subject.memberRoleIds) permissions |= subject.rolePermissions.get(roleId) ?? 0n;
  if ((permissions & Permission.Administrator) !== 0n) return ALL_PERMISSIONS;
  return permissions;
}

/**
 * Channel permissions: base permissions, then the @everyone overwrite, then all of the member's
 * role overwrites together (denies first, then allows), then the member's own overwrite.
 * ADMINISTRATOR is never restricted by overwrites.
 */
export function computeChannelPermissions(
  subject: PermissionSubject,
  overwrites: readonly Overwrite[],
): bigint {
  const base = computeBasePermissions(subject);
  if ((base & Permission.Administrator) !== 0n) return ALL_PERMISSIONS;
  let permissions = base;
  const everyone = overwrites.find((o) => o.type === 0 && o.id === subject.guildId);
  if (everyone) permissions = (permissions & ~everyone.deny) | everyone.allow;
  let allow = 0n;
  let deny = 0n;
  for (const overwrite of overwrites) {
    if (overwrite.type === 0 && subject.memberRoleIds.includes(overwrite.id)) {
      allow |= overwrite.allow;
      deny |= overwrite.deny;
    }
  }
  permissions = (permissions & ~deny) | allow;
  const member = overwrites.find((o) => o.type === 1 && o.id === subject.userId);
  if (member) permissions = (permissions & ~member.deny) | member.allow;
  return permissions;
}
