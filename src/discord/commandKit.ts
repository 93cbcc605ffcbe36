/**
 * Pieces the slash commands share: permission checks, topic autocomplete, duration parsing.
 */
import {
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type GuildBasedChannel,
  PermissionFlagsBits,
  type PermissionResolvable,
  type UserResolvable,
} from 'discord.js';
import { parseDuration } from '../core/duration.js';
import { resolveTopic, type Topic, topicAliasesForAutocomplete } from '../core/topics/index.js';
import { UserError } from '../errors.js';

/** What the bot needs in a channel to post stories there. */
export const POSTING_PERMISSIONS: ReadonlyArray<[bigint, string]> = [
  [PermissionFlagsBits.ViewChannel, 'View Channel'],
  [PermissionFlagsBits.SendMessages, 'Send Messages'],
  [PermissionFlagsBits.EmbedLinks, 'Embed Links'],
];

/** The permission integer for the invite link: View Channel, Send Messages, Embed Links, Read Message History. */
export const INVITE_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.ReadMessageHistory;

/** Admin commands: checked here even though `default_member_permissions` hides them from others. */
export function requireManageGuild(
  interaction: ChatInputCommandInteraction,
): asserts interaction is ChatInputCommandInteraction<'cached' | 'raw'> {
  if (!interaction.inGuild()) throw new UserError('This command only works in a server.');
  const required: PermissionResolvable = PermissionFlagsBits.ManageGuild;
  if (!interaction.memberPermissions?.has(required)) {
    throw new UserError('You need the **Manage Server** permission to change this server’s subscriptions.');
  }
}

/** Names of the posting permissions `me` lacks in `channel` (empty when it can post). */
export function missingPostingPermissions(channel: GuildBasedChannel, me: UserResolvable): string[] {
  const permissions = channel.permissionsFor(me);
  return POSTING_PERMISSIONS.filter(([flag]) => permissions?.has(flag) !== true).map(([, name]) => name);
}

/** Throws a UserError naming what the bot lacks in `channel`, if anything. */
export function requireBotCanPost(
  channel: GuildBasedChannel,
  interaction: ChatInputCommandInteraction,
): void {
  const missing = missingPostingPermissions(channel, interaction.client.user);
  if (missing.length > 0) {
    throw new UserError(
      `I can’t post in <#${channel.id}>: I’m missing **${missing.join('**, **')}** there. Give my role those permissions in that channel, or pick another channel.`,
    );
  }
}

/** Resolves a topic option or throws a UserError that says how to find one. */
export function requireTopic(input: string): Topic {
  const topic = resolveTopic(input);
  if (!topic)
    throw new UserError(
      `I don’t know the topic “${input.slice(0, 80)}”. Use \`/topics\` to see the list (for example \`china\`, \`eu\`, \`stablecoins\`).`,
    );
  return topic;
}

/** Parses a `since` option ("24h", "7d") into a timestamp, or throws a UserError. */
export function parseSince(input: string | null, now: number): number | undefined {
  if (input === null || input.trim() === '') return undefined;
  const ms = parseDuration(input);
  if (ms === undefined)
    throw new UserError(
      `“${input.slice(0, 40)}” is not a duration: use a number and a unit, like \`24h\`, \`7d\` or \`2w\` (at most a year).`,
    );
  return now - ms;
}

const MAX_CHOICES = 25;

/** Answers a topic autocomplete: slugs, names and aliases matching what was typed so far. */
export async function respondWithTopics(interaction: AutocompleteInteraction): Promise<void> {
  const typed = String(interaction.options.getFocused() ?? '')
    .trim()
    .toLowerCase();
  const all = topicAliasesForAutocomplete();
  const starts = all.filter((c) => c.label.toLowerCase().startsWith(typed));
  const contains = typed
    ? all.filter((c) => !c.label.toLowerCase().startsWith(typed) && c.label.toLowerCase().includes(typed))
    : [];
  const seen = new Set<string>();
  const choices: { name: string; value: string }[] = [];
  for (const c of [...starts, ...contains]) {
    const name = c.label === c.slug ? c.slug : `${c.label} → ${c.slug}`;
    if (seen.has(name)) continue;
    seen.add(name);
    choices.push({ name: name.slice(0, 100), value: c.slug.slice(0, 100) });
    if (choices.length >= MAX_CHOICES) break;
  }
  await interaction.respond(choices);
}
