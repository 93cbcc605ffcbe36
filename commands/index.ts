/**
 * The slash commands, listed explicitly (no directory scanning). The deploy script imports only
 * this list's data; handlers receive their services from the router.
 */
import type { SlashCommand } from '../src/discord/types.js';
import * as help from './help.js';
import * as news from './news.js';
import * as sources from './sources.js';
import * as subscribe from './subscribe.js';
import * as subscriptions from './subscriptions.js';
import * as topics from './topics.js';
import * as unsubscribe from './unsubscribe.js';

export const commands: readonly SlashCommand[] = [
  news,
  subscribe,
  unsubscribe,
  subscriptions,
  topics,
  sources,
  help,
];

/** The JSON bodies to register with Discord. */
export const commandData = commands.map((c) => c.data);
