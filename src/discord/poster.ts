/**
 * The Discord ChannelPoster: renders an OutgoingMessage and sends it through discord.js's REST
 * client, which queues per route, keeps within the global limit and waits out 429s by itself.
 * Discord's answers are mapped to what the queue needs to do next.
 */
import {
  DiscordAPIError,
  HTTPError,
  RateLimitError,
  type REST,
  type RESTPostAPIChannelMessageResult,
  Routes,
} from 'discord.js';
import type { ChannelPoster, OutgoingMessage, PostResult } from '../jobs/dispatch.js';
import { restClient } from './application.js';
import { digestMessage, storyMessage } from './format.js';

/** Discord error codes that mean "this channel refuses us until someone fixes it". */
export const PAUSING_CODES: Record<number, string> = {
  50001: 'Missing Access: the bot cannot see this channel',
  50013: 'Missing Permissions: the bot needs View Channel, Send Messages and Embed Links here',
  10003: 'Unknown Channel: the channel was deleted',
};

/** Maps an error thrown by discord.js REST to a PostResult. */
export function classifyDiscordError(error: unknown): PostResult {
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === 'number' ? error.code : Number(error.code);
    const reason = PAUSING_CODES[code];
    if (reason) return { status: 'paused', reason, code };
    if (error.status === 429) return { status: 'retry', reason: 'rate limited (429)' };
    if (error.status >= 500) return { status: 'retry', reason: `Discord error ${error.status}` };
    return {
      status: 'failed',
      reason: `Discord refused the message: ${error.status} ${code} ${error.message}`.slice(0, 300),
    };
  }
  if (error instanceof RateLimitError)
    return { status: 'retry', reason: 'rate limited (429)', retryAfterMs: error.retryAfter };
  if (error instanceof HTTPError) return { status: 'retry', reason: `Discord HTTP ${error.status}` };
  // Network errors, timeouts (AbortError), Discord unreachable: wait and try again.
  return {
    status: 'retry',
    reason: `cannot reach Discord: ${(error as Error)?.message ?? String(error)}`.slice(0, 300),
  };
}

/** A poster with a REST client of its own, for a token, outside the running bot (benchmarks). */
export function createTokenPoster(token: string, apiUrl?: string): ChannelPoster {
  return createDiscordPoster(restClient(token, apiUrl));
}

export function createDiscordPoster(rest: REST, onError?: (code: string) => void): ChannelPoster {
  return {
    async post(channelId: string, message: OutgoingMessage, nonce: string): Promise<PostResult> {
      const body =
        message.kind === 'story' ? storyMessage(message.post) : digestMessage(message.posts, message.title);
      try {
        const sent = (await rest.post(Routes.channelMessages(channelId), {
          body: { ...body, nonce, enforce_nonce: true },
        })) as RESTPostAPIChannelMessageResult;
        return { status: 'sent', messageId: sent.id };
      } catch (error) {
        const result = classifyDiscordError(error);
        if (error instanceof DiscordAPIError) onError?.(String(error.code || error.status));
        else if (error instanceof HTTPError) onError?.(String(error.status));
        else onError?.('network');
        return result;
      }
    },
  };
}
