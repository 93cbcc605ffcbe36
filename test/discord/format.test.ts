import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DiscordAPIError, HTTPError } from 'discord.js';
import { describe, expect, it } from 'vitest';
import type { Post } from '../../src/core/types.js';
import { INVITE_PERMISSIONS } from '../../src/discord/commandKit.js';
import {
  digestMessage,
  embedLength,
  escapeText,
  LIMITS,
  storiesMessage,
  storyMessage,
} from '../../src/discord/format.js';
import { classifyDiscordError } from '../../src/discord/poster.js';
import { ROOT } from '../helpers/cli.js';

const post = (over: Partial<Post> = {}): Post => ({
  storyId: 1,
  title: 'SEC approves rule',
  url: 'https://sec.example/1',
  summary: 'The Commission approved a rule.',
  sources: ['SEC press releases'],
  publishedAt: Date.parse('2025-11-20T10:00:00Z'),
  topics: ['us', 'custody'],
  policy: true,
  ...over,
});

describe('message formatting', () => {
  it('renders a story as one embed with a linked title, summary, sources, date and topics, and no mentions', () => {
    const body = storyMessage(post());
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.embeds?.[0]).toMatchObject({
      title: 'SEC approves rule',
      url: 'https://sec.example/1',
      description: 'The Commission approved a rule.',
      timestamp: '2025-11-20T10:00:00.000Z',
      fields: [
        { name: 'Source', value: 'SEC press releases', inline: true },
        { name: 'Topics', value: '#us #custody', inline: true },
      ],
    });
  });

  it('escapes markdown and neutralises mention syntax from feed text', () => {
    const hostile = post({
      title: '**Bold** @everyone [click](https://evil.example) `code`',
      summary: '<@&123> <@!456> <#789> @here ||spoiler|| # heading',
    });
    const embed = storyMessage(hostile).embeds?.[0];
    // An escaped "[" is enough to stop a masked link from rendering.
    expect(embed?.title).toBe('\\*\\*Bold\\*\\* @\u200beveryone \\[click](https://evil.example) \\`code\\`');
    expect(embed?.description).not.toMatch(/<@&123>|<@!456>|<#789>|@here/);
    expect(escapeText('a_b_c')).toBe('a\\_b\\_c');
  });

  it('drops links that are not http(s) and keeps every field within Discord’s limits', () => {
    const long = post({
      title: 'T'.repeat(1000),
      summary: 'S'.repeat(10_000),
      url: 'javascript:alert(1)',
      sources: Array.from({ length: 200 }, (_, i) => `Source ${i}`),
      topics: Array.from({ length: 100 }, (_, i) => `topic-${i}`),
    });
    const embed = storyMessage(long).embeds?.[0];
    expect(embed?.url).toBeUndefined();
    expect(embed?.title?.length).toBeLessThanOrEqual(LIMITS.title);
    expect(embed?.description?.length).toBeLessThanOrEqual(LIMITS.description);
    for (const field of embed?.fields ?? [])
      expect(field.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    expect(embedLength(embed ?? {})).toBeLessThanOrEqual(LIMITS.total);
  });

  it('fits ten long stories into one message under 6000 characters, and never more than ten embeds', () => {
    const posts = Array.from({ length: 14 }, (_, i) =>
      post({
        storyId: i,
        title: `Story ${i} ${'T'.repeat(300)}`,
        summary: 'S'.repeat(2000),
        sources: ['A', 'B', 'C'],
      }),
    );
    const body = digestMessage(posts, 'Policy digest — 2025-11-20 (14 stories)');
    expect(body.embeds).toHaveLength(LIMITS.embeds);
    expect((body.embeds ?? []).reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(LIMITS.total);
    expect(body.content).toBe('**Policy digest — 2025-11-20 (14 stories)**');
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(storiesMessage([post()]).embeds).toHaveLength(1);
  });
});

describe('Discord errors', () => {
  const apiError = (status: number, code: number) =>
    new DiscordAPIError({ code, message: 'x' }, code, status, 'POST', '/channels/1/messages', {
      body: undefined,
      files: undefined,
    });
  it.each([
    [apiError(403, 50001), 'paused'],
    [apiError(403, 50013), 'paused'],
    [apiError(404, 10003), 'paused'],
    [apiError(400, 50035), 'failed'],
    [apiError(429, 0), 'retry'],
    [apiError(502, 0), 'retry'],
    [
      new HTTPError(503, 'Service Unavailable', 'POST', '/channels/1/messages', {
        body: undefined,
        files: undefined,
      }),
      'retry',
    ],
    [new TypeError('fetch failed'), 'retry'],
  ])('maps %s to %s', (error, status) => {
    expect(classifyDiscordError(error).status).toBe(status);
  });
});

describe('invite link', () => {
  it('asks for View Channel, Send Messages, Embed Links and Read Message History = 84992, as the README says', () => {
    expect(INVITE_PERMISSIONS).toBe(84992n);
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('scope=bot%20applications.commands&permissions=84992');
  });
});
