/**
 * End to end: the real discord.js Client, the real pipeline and a real SQLite file, talking to
 * the Discord-compatible fake over 127.0.0.1 and to a feed server over 127.0.0.1.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDiscordMode, type ServiceHandles } from '../../src/service.js';
import { type FakeDiscord, type FakeGuildHandle, startFakeDiscord } from '../fakes/discord/index.js';
import { cleanEnv, collect, ROOT } from '../helpers/cli.js';
import { type FeedServer, rss, startFeedServer } from '../helpers/feedServer.js';
import { createTestApp, type TestApp } from '../helpers/testApp.js';

const HOUR = 3_600_000;
let now = Date.parse('2025-11-20T08:00:00Z');
const clock = () => now;

let feeds: FeedServer;
let fake: FakeDiscord;
let guild: FakeGuildHandle;
let app: TestApp;
let service: { handles: ServiceHandles; stop: () => Promise<void> } | undefined;

interface Item {
  title: string;
  guid: string;
  description: string;
  ageHours?: number;
}
const chinaItems: Item[] = [];
const euItems: Item[] = [];

function publish(): void {
  const toRss = (items: Item[], host: string) =>
    rss(
      items.map((i) => ({
        title: i.title,
        link: `https://${host}/${i.guid}`,
        guid: i.guid,
        pubDate: new Date(now - (i.ageHours ?? 1) * HOUR).toUTCString(),
        description: i.description,
      })),
    );
  feeds.route('/pboc.xml', { body: toRss(chinaItems, 'pbc.example') });
  feeds.route('/esma.xml', { body: toRss(euItems, 'esma.example') });
}

async function startService(): Promise<void> {
  let stop!: () => void;
  const until = new Promise<void>((resolve) => {
    stop = resolve;
  });
  const handles = await new Promise<ServiceHandles>((resolve, reject) => {
    const running = runDiscordMode(app, fake.token, { until, onReady: resolve });
    running.catch(reject);
    service = {
      handles: undefined as unknown as ServiceHandles,
      stop: async () => {
        stop();
        await running;
      },
    };
  });
  if (service) service.handles = handles;
  await handles.pollNow();
}

async function stopService(): Promise<void> {
  await service?.stop();
  service = undefined;
}

/** Messages the bot posted on its own (not replies to commands). */
function posts(channel: string) {
  return fake.messages(channel).filter((m) => m.interaction_metadata === undefined);
}

function channelId(name: string): string {
  return guild.channel(name).id;
}

function invoke(
  user: string,
  name: string,
  options: Array<{ name: string; value: string | number }> = [],
  channel = 'news',
) {
  return fake.invokeCommand({
    guildId: guild.id,
    channelId: channelId(channel),
    userId: guild.member(user).user.id,
    name,
    options,
  });
}

beforeAll(async () => {
  feeds = await startFeedServer();
  fake = await startFakeDiscord();
  guild = fake.addGuild({
    name: 'Compliance Club',
    botPermissions: ['ViewChannel', 'SendMessages', 'EmbedLinks', 'ReadMessageHistory'],
    roles: [{ name: 'Admins', permissions: ['ManageGuild'] }],
    channels: [
      { name: 'news' },
      { name: 'digest' },
      { name: 'locked', overwrites: [{ id: fake.bot.id, type: 'member', deny: ['SendMessages'] }] },
    ],
  });
  fake.addMember(guild.id, { username: 'alice', roles: [guild.role('Admins').id] });
  fake.addMember(guild.id, { username: 'bob' });

  chinaItems.push(
    {
      title: 'PBoC vows to keep crackdown on crypto trading and mining in 2025',
      guid: 'pboc-1',
      description:
        'The People’s Bank of China said it will continue to crack down on virtual currency trading.',
      ageHours: 30,
    },
    {
      title: 'PBoC expands e-CNY pilot to more provinces',
      guid: 'pboc-2',
      description: 'The People’s Bank of China will expand the digital yuan (e-CNY) pilot programme.',
      ageHours: 20,
    },
  );
  euItems.push({
    title: 'ESMA publishes MiCA guidelines on crypto-asset transfers',
    guid: 'esma-1',
    description: 'The European Securities and Markets Authority published guidelines under MiCA.',
    ageHours: 10,
  });
  publish();
  app = createTestApp(
    [
      {
        id: 'pboc',
        name: 'PBoC news',
        url: feeds.url('/pboc.xml'),
        kind: 'regulator',
        jurisdictions: ['china'],
      },
      {
        id: 'esma',
        name: 'ESMA news',
        url: feeds.url('/esma.xml'),
        kind: 'regulator',
        jurisdictions: ['eu'],
      },
    ],
    { clock, env: { DISCORD_API_URL: fake.apiUrl, POLL_CRON: '0 0 1 1 *' } },
  );
});

afterAll(async () => {
  await stopService();
  await fake.close();
  await feeds.close();
  app.cleanup();
});

describe('Discord bot end to end', () => {
  it('registers the slash commands with npm run deploy:commands (application id read from the API)', async () => {
    const result = await collect(
      spawn(process.execPath, ['dist/scripts/deployCommands.js'], {
        cwd: ROOT,
        env: cleanEnv({
          DISCORD_TOKEN: fake.token,
          DISCORD_API_URL: fake.apiUrl,
          DISCORD_DEV_GUILD_ID: guild.id,
          POLICYWIRE_DB: ':memory:',
        }),
      }),
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Registered 7 commands/);
    expect(
      fake
        .commands(guild.id)
        .map((c) => c.name)
        .sort(),
    ).toEqual(['help', 'news', 'sources', 'subscribe', 'subscriptions', 'topics', 'unsubscribe']);
    const subscribe = fake.commands(guild.id).find((c) => c.name === 'subscribe');
    expect(subscribe?.default_member_permissions).toBe('32');
    expect(result.stdout).not.toContain(fake.token);
  });

  it('logs in and answers /news china with embeds (backlog is searchable, just never auto-posted)', async () => {
    await startService();
    const reply = await invoke('bob', 'news', [{ name: 'topic', value: 'china' }]).reply();
    expect(reply.embeds.map((e) => e.title)).toEqual([
      'PBoC expands e-CNY pilot to more provinces',
      'PBoC vows to keep crackdown on crypto trading and mining in 2025',
    ]);
    expect(reply.embeds[0]).toMatchObject({
      url: 'https://pbc.example/pboc-2',
      fields: expect.arrayContaining([expect.objectContaining({ name: 'Source', value: 'PBoC news' })]),
    });
    expect(reply.allowed_mentions?.parse).toEqual([]);
    // Aliases resolve too.
    const alias = await invoke('bob', 'news', [
      { name: 'topic', value: '中国' },
      { name: 'count', value: 1 },
    ]).reply();
    expect(alias.embeds).toHaveLength(1);
    expect(posts(channelId('news'))).toHaveLength(0);
  });

  it('helps when nothing is found', async () => {
    const outcome = await invoke('bob', 'news', [{ name: 'topic', value: 'nigeria' }]).final();
    expect(outcome.ephemeral).toBe(true);
    expect(outcome.original?.content).toMatch(/No policy stories about \*\*Nigeria\*\*/);
  });

  it('offers topic autocomplete over slugs and aliases', async () => {
    const choices = await fake
      .invokeAutocomplete({
        guildId: guild.id,
        channelId: channelId('news'),
        userId: guild.member('bob').user.id,
        name: 'news',
        options: [{ name: 'topic', value: 'chi', focused: true }],
      })
      .choices();
    expect(choices.map((c) => c.value)).toContain('china');
  });

  it('refuses /subscribe from a member without Manage Server', async () => {
    const outcome = await invoke('bob', 'subscribe', [{ name: 'topic', value: 'china' }]).final();
    expect(outcome.ephemeral).toBe(true);
    expect(outcome.original?.content).toMatch(/Manage Server/);
    expect(app.subscriptions.count()).toBe(0);
  });

  it('refuses to subscribe a channel where the bot cannot send, saying why', async () => {
    const outcome = await invoke('alice', 'subscribe', [
      { name: 'topic', value: 'china' },
      { name: 'channel', value: channelId('locked') },
    ]).final();
    expect(outcome.original?.content).toMatch(/missing \*\*Send Messages\*\*/);
    expect(app.subscriptions.count()).toBe(0);
  });

  it('rejects an unknown topic with a hint', async () => {
    const outcome = await invoke('alice', 'subscribe', [{ name: 'topic', value: 'atlantis' }]).final();
    expect(outcome.original?.content).toMatch(/don’t know the topic “atlantis”.*\/topics/);
  });

  it('subscribes, then posts new policy stories once as embeds that cannot ping', async () => {
    const outcome = await invoke('alice', 'subscribe', [{ name: 'topic', value: 'pboc' }]).final();
    expect(outcome.original?.content).toMatch(/Subscribed: new policy stories about \*\*China\*\*/);
    chinaItems.unshift({
      title: 'PBoC bans crypto payments by banks, @everyone take note',
      guid: 'pboc-3',
      description:
        'The People’s Bank of China ordered banks not to process crypto payments. <@&123> **urgent**',
    });
    publish();
    now += 10 * 60_000;
    await service?.handles.pollNow();
    const messages = posts(channelId('news'));
    expect(messages).toHaveLength(1);
    const [message] = messages;
    expect(message?.embeds[0]?.title).toBe('PBoC bans crypto payments by banks, @\u200beveryone take note');
    expect(message?.embeds[0]?.description).toContain('\\*\\*urgent\\*\\*');
    expect(message?.allowed_mentions?.parse).toEqual([]);
    expect(message?.mention_everyone).toBe(false);
    expect(message?.mention_roles).toEqual([]);
    // The next poll finds nothing new and posts nothing.
    now += 10 * 60_000;
    await service?.handles.pollNow();
    expect(posts(channelId('news'))).toHaveLength(1);
  });

  it('reposts nothing after a restart, and a send repeated after a crash is not doubled', async () => {
    await stopService();
    await startService();
    await service?.handles.deliverNow();
    expect(posts(channelId('news'))).toHaveLength(1);
    // Simulate a crash right after Discord accepted a message but before it was marked sent.
    const storyId = app.stories.news({ limit: 1, topic: 'china' })[0]?.id as number;
    const sub = app.subscriptions.forGuild(guild.id)[0];
    app.db.prepare('DELETE FROM deliveries WHERE story_id = ?').run(storyId);
    app.deliveries.enqueueMatches(
      [
        {
          channelId: channelId('news'),
          guildId: guild.id,
          storyId,
          subscriptionId: sub?.id as number,
          mode: 'instant',
        },
      ],
      now,
    );
    const [pending] = app.deliveries.due(now, 1, channelId('news'));
    app.deliveries.setNonce(pending?.id as number, 'pwcrashtest0000000000001');
    const before = posts(channelId('news')).length;
    await fetch(`${fake.apiUrl}/v10/channels/${channelId('news')}/messages`, {
      method: 'POST',
      headers: { authorization: `Bot ${fake.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        content: 'sent before the crash',
        nonce: 'pwcrashtest0000000000001',
        enforce_nonce: true,
        allowed_mentions: { parse: [] },
      }),
    });
    await service?.handles.deliverNow();
    expect(posts(channelId('news'))).toHaveLength(before + 1);
    expect(app.deliveries.pendingCount()).toBe(0);
  });

  it('waits out a 429 and posts once', async () => {
    fake.failNext({ method: 'POST', pathPattern: '/channels/:id/messages', status: 429, retryAfter: 0.3 });
    chinaItems.unshift({
      title: 'CSRC warns brokers over crypto asset promotion',
      guid: 'csrc-1',
      description: 'China’s securities regulator warned brokers against promoting crypto assets.',
    });
    publish();
    now += 10 * 60_000;
    const before = posts(channelId('news')).length;
    await service?.handles.pollNow();
    await service?.handles.deliverNow();
    expect(posts(channelId('news'))).toHaveLength(before + 1);
    expect(fake.stats.rateLimited).toBeGreaterThanOrEqual(1);
  });

  it('pauses a subscription on 50013, shows why in /subscriptions, and resumes once fixed', async () => {
    const news = channelId('news');
    const updated = new Promise((resolve) => service?.handles.bot?.client.once('channelUpdate', resolve));
    fake.setChannelOverwrites(news, [{ id: fake.bot.id, type: 'member', deny: ['SendMessages'] }]);
    await updated;
    chinaItems.unshift({
      title: 'PBoC issues rules on stablecoin reserves',
      guid: 'pboc-4',
      description: 'The People’s Bank of China issued rules on reserves backing stablecoins.',
    });
    publish();
    now += 10 * 60_000;
    const before = posts(news).length;
    await service?.handles.pollNow();
    expect(posts(news)).toHaveLength(before);
    expect(app.subscriptions.forGuild(guild.id)[0]?.pausedReason).toMatch(/Missing Permissions/);
    const listing = await invoke('alice', 'subscriptions', [], 'digest').final();
    expect(listing.original?.content).toMatch(/paused\*\*: Missing Permissions/);

    const fixed = new Promise((resolve) => service?.handles.bot?.client.once('channelUpdate', resolve));
    fake.setChannelOverwrites(news, []);
    await fixed;
    await new Promise((r) => setTimeout(r, 50));
    expect(app.subscriptions.forGuild(guild.id)[0]?.pausedReason).toBeNull();
    await service?.handles.deliverNow();
    expect(posts(news)).toHaveLength(before + 1);
    expect(posts(news).at(-1)?.embeds[0]?.title).toBe('PBoC issues rules on stablecoin reserves');
  });

  it('sends a daily digest at the subscription’s local time, once', async () => {
    const digest = channelId('digest');
    const outcome = await invoke('alice', 'subscribe', [
      { name: 'topic', value: 'eu' },
      { name: 'channel', value: digest },
      { name: 'mode', value: 'digest' },
      { name: 'time', value: '18:00' },
      { name: 'timezone', value: 'Europe/Paris' },
    ]).final();
    expect(outcome.original?.content).toMatch(/daily digest at 18:00 \(Europe\/Paris\)/);
    now = Date.parse('2025-11-20T12:00:00Z');
    euItems.unshift(
      {
        title: 'EBA consults on MiCA stablecoin liquidity rules',
        guid: 'eba-1',
        description:
          'The European Banking Authority launched a consultation on liquidity requirements for stablecoin issuers under MiCA.',
      },
      {
        title: 'European Commission adopts AMLA rules for crypto-asset service providers',
        guid: 'ec-1',
        description:
          'The European Commission adopted anti-money laundering rules covering crypto-asset service providers.',
      },
    );
    publish();
    await service?.handles.pollNow();
    await service?.handles.deliverNow();
    expect(posts(digest)).toHaveLength(0);
    now = Date.parse('2025-11-20T17:01:00Z'); // 18:01 in Paris
    await service?.handles.deliverNow();
    const messages = posts(digest);
    expect(messages).toHaveLength(1);
    expect(messages[0]?.content).toMatch(/Policy digest — 2025-11-20 \(2 stories\)/);
    expect(messages[0]?.embeds.map((e) => e.title).sort()).toEqual([
      'EBA consults on MiCA stablecoin liquidity rules',
      'European Commission adopts AMLA rules for crypto-asset service providers',
    ]);
    expect(messages[0]?.allowed_mentions?.parse).toEqual([]);
    now += 5 * 60_000;
    await service?.handles.deliverNow();
    expect(posts(digest)).toHaveLength(1);
  });

  it('answers /topics, /sources and /help ephemerally', async () => {
    const topics = await invoke('bob', 'topics').final();
    expect(topics.ephemeral).toBe(true);
    expect(topics.original?.content).toMatch(/`china` China \(\d+\)/);
    const sources = await invoke('bob', 'sources').final();
    expect(sources.original?.content).toMatch(/\*\*2 feeds\*\*: 2 healthy, 0 failing/);
    expect(sources.original?.content).toMatch(/PBoC news/);
    const help = await invoke('bob', 'help').final();
    expect(help.original?.content).toMatch(/\/subscribe topic \[channel\] \[mode\]/);
  });

  it('unsubscribes, and says so when there was nothing to remove', async () => {
    await invoke('alice', 'subscribe', [{ name: 'topic', value: 'stablecoins' }]).final();
    const removed = await invoke('alice', 'unsubscribe', [{ name: 'topic', value: 'stablecoins' }]).final();
    expect(removed.original?.content).toMatch(
      /Unsubscribed: .* will no longer get \*\*Stablecoins\*\* stories/,
    );
    const again = await invoke('alice', 'unsubscribe', [{ name: 'topic', value: 'stablecoins' }]).final();
    expect(again.original?.content).toMatch(/is not subscribed to \*\*Stablecoins\*\*/);
  });

  it('enforces the per-server subscription limit with a clear message', async () => {
    const existing = app.subscriptions.countForGuild(guild.id);
    for (let i = existing; i < app.config.subscriptionLimit; i++) {
      app.subscriptions.upsert(
        { guildId: guild.id, channelId: `9${String(i).padStart(17, '0')}`, topic: 'us', mode: 'instant' },
        now,
      );
    }
    const refused = await invoke('alice', 'subscribe', [{ name: 'topic', value: 'japan' }]).final();
    expect(refused.original?.content).toMatch(/already has 25 subscriptions, the most it can have/);
    for (let i = existing; i < app.config.subscriptionLimit; i++)
      app.subscriptions.remove(guild.id, `9${String(i).padStart(17, '0')}`, 'us');
  });

  it('cleans up when a channel is deleted and when the bot leaves the server', async () => {
    const deleted = new Promise((resolve) => service?.handles.bot?.client.once('channelDelete', resolve));
    fake.removeChannel(channelId('digest'));
    await deleted;
    expect(app.subscriptions.forGuild(guild.id).map((s) => s.topic)).toEqual(['china']);
    const left = new Promise((resolve) => service?.handles.bot?.client.once('guildDelete', resolve));
    fake.removeGuild(guild.id);
    await left;
    expect(app.subscriptions.count()).toBe(0);
  });
});
