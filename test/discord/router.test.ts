/**
 * The error boundary, with stand-in interactions at the router's seam (the end-to-end suite covers
 * the same paths with the real client; these pin down what users see and what is logged).
 */
import { Writable } from 'node:stream';
import type { Interaction } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { APOLOGY, createInteractionHandler } from '../../src/discord/router.js';
import type { CommandDeps, SlashCommand } from '../../src/discord/types.js';
import { UserError } from '../../src/errors.js';
import { createLogger } from '../../src/log.js';

function setup(execute: SlashCommand['execute']) {
  const lines: string[] = [];
  const log = createLogger(
    'info',
    new Writable({
      write(chunk, _e, done) {
        lines.push(chunk.toString());
        done();
      },
    }),
  );
  const command = { data: { name: 'boom', description: 'x' }, execute } as SlashCommand;
  const handler = createInteractionHandler([command], { log } as unknown as CommandDeps);
  const replies: Array<{ content: string; flags?: unknown }> = [];
  const interaction = {
    commandName: 'boom',
    guildId: 'g1',
    channelId: 'c1',
    user: { id: 'u1' },
    deferred: false,
    replied: false,
    isAutocomplete: () => false,
    isChatInputCommand: () => true,
    reply: async (payload: { content: string; flags?: unknown }) => {
      replies.push(payload);
    },
  } as unknown as Interaction;
  return { handler, interaction, replies, lines };
}

describe('interaction router', () => {
  it('shows a UserError’s message ephemerally and logs nothing alarming', async () => {
    const { handler, interaction, replies, lines } = setup(async () => {
      throw new UserError('Pick a text channel.');
    });
    await handler(interaction);
    expect(replies).toEqual([{ content: 'Pick a text channel.', allowedMentions: { parse: [] }, flags: 64 }]);
    expect(lines.join('')).not.toMatch(/"level":50/);
  });

  it('answers an unexpected error with an apology, never the error text, and logs it with context', async () => {
    const { handler, interaction, replies, lines } = setup(async () => {
      throw new Error('SQLITE_CORRUPT: database disk image is malformed at /srv/secret/path');
    });
    await handler(interaction);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.content).toBe(APOLOGY);
    expect(JSON.stringify(replies)).not.toMatch(/SQLITE|secret|at /);
    const logged = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.msg === 'command failed');
    expect(logged).toMatchObject({
      level: 50,
      command: 'boom',
      guildId: 'g1',
      channelId: 'c1',
      userId: 'u1',
    });
  });
});
