import type { ChannelPoster, OutgoingMessage, PostResult } from '../../src/jobs/dispatch.js';

export interface RecordedPost {
  channelId: string;
  message: OutgoingMessage;
  nonce: string;
}

/** A recording ChannelPoster; `script` decides each send's result (default: sent). */
export function createFakePoster(
  script: (channelId: string, message: OutgoingMessage, nonce: string) => PostResult = () => ({
    status: 'sent',
    messageId: null,
  }),
) {
  const sent: RecordedPost[] = [];
  const poster: ChannelPoster & { sent: RecordedPost[] } = {
    sent,
    async post(channelId, message, nonce) {
      const result = script(channelId, message, nonce);
      sent.push({ channelId, message, nonce });
      return result;
    },
  };
  return poster;
}
