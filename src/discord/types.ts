/**
 * What a slash command is, and what it may use. Commands get their services handed in (no globals).
 */
import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Logger } from '../log.js';
import type { DeliveryStore } from '../storage/deliveryStore.js';
import type { FeedStore } from '../storage/feedStore.js';
import type { StoryStore } from '../storage/storyStore.js';
import type { SubscriptionStore } from '../storage/subscriptionStore.js';

export interface CommandDeps {
  stories: StoryStore;
  feeds: FeedStore;
  subscriptions: SubscriptionStore;
  deliveries: DeliveryStore;
  clock: () => number;
  log: Logger;
  /** Subscriptions one server may have. */
  subscriptionLimit: number;
  /** A channel's subscriptions were (re)confirmed by an admin: resume it if it was paused. */
  resumeChannel: (channelId: string) => void;
}

export interface SlashCommand {
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(interaction: ChatInputCommandInteraction, deps: CommandDeps): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, deps: CommandDeps): Promise<void>;
}
