/**
 * The Discord client: Guilds intent only (no privileged intents), pointed at DISCORD_API_URL when
 * set. It routes interactions, cleans up when the bot leaves a server or a channel is deleted, and
 * resumes paused subscriptions once the channel lets the bot post again.
 */
import { Client, Events, GatewayIntentBits, type GuildBasedChannel, type REST } from 'discord.js';
import { UserError } from '../errors.js';
import type { Logger } from '../log.js';
import type { SubscriptionStore } from '../storage/subscriptionStore.js';
import { missingPostingPermissions } from './commandKit.js';
import { createInteractionHandler } from './router.js';
import type { CommandDeps, SlashCommand } from './types.js';

export interface BotOptions {
  token: string;
  apiUrl?: string | undefined;
  commands: readonly SlashCommand[];
  deps: CommandDeps;
  subscriptions: SubscriptionStore;
  log: Logger;
}

export interface Bot {
  client: Client;
  rest: REST;
  /** Checks every paused channel and resumes those the bot can post in again. */
  recheckPaused(): number;
  stop(): Promise<void>;
}

/** discord.js client options for our settings (used by the bot and by the deploy script). */
export function restOptions(apiUrl: string | undefined): { api?: string } {
  return apiUrl ? { api: apiUrl } : {};
}

/** Logs in and resolves once the client is ready (guilds cached). */
export async function startBot(options: BotOptions): Promise<Bot> {
  const { log, subscriptions, deps } = options;
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: restOptions(options.apiUrl) });
  const handler = createInteractionHandler(options.commands, deps);

  const canPost = (channel: GuildBasedChannel | undefined): boolean => {
    const me = client.user;
    return !!channel && !!me && missingPostingPermissions(channel, me).length === 0;
  };
  const recheckPaused = (): number => {
    let resumed = 0;
    const channels = new Set(subscriptions.paused().map((s) => s.channelId));
    for (const channelId of channels) {
      const channel = client.channels.cache.get(channelId);
      if (channel && 'guild' in channel && canPost(channel as GuildBasedChannel)) {
        deps.resumeChannel(channelId);
        resumed++;
      }
    }
    return resumed;
  };

  client.on(Events.InteractionCreate, (interaction) => void handler(interaction));
  // discord.js reports an outage (GUILD_DELETE with `unavailable`) as GuildUnavailable, never as
  // GuildDelete: this is the bot leaving or being removed.
  client.on(Events.GuildDelete, (guild) => {
    const removed = subscriptions.removeGuild(guild.id);
    log.info({ guildId: guild.id, removed }, 'left a server: its subscriptions were removed');
  });
  client.on(Events.ChannelDelete, (channel) => {
    const removed = subscriptions.removeChannel(channel.id);
    if (removed > 0)
      log.info({ channelId: channel.id, removed }, 'channel deleted: its subscriptions were removed');
  });
  // Permission changes can unblock a paused channel.
  client.on(Events.ChannelUpdate, () => void recheckPaused());
  client.on(Events.GuildRoleUpdate, () => void recheckPaused());
  client.on(Events.GuildRoleCreate, () => void recheckPaused());
  client.on(Events.GuildCreate, () => void recheckPaused());
  client.on(Events.Error, (error) => log.error({ err: error }, 'discord client error'));
  client.on(Events.Warn, (message) => log.warn({ message }, 'discord client warning'));

  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  try {
    await client.login(options.token);
  } catch (error) {
    await client.destroy().catch(() => {});
    // discord.js's messages never contain the token; keep it that way.
    throw new UserError(
      `Discord login failed: ${(error as Error).message}. Check DISCORD_TOKEN (Developer Portal → your application → Bot → Reset Token).`,
    );
  }
  await ready;
  log.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'logged in to Discord');
  return {
    client,
    rest: client.rest,
    recheckPaused,
    async stop() {
      await client.destroy();
    },
  };
}
