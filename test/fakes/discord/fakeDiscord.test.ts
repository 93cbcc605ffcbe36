import { setTimeout as sleep } from 'node:timers/promises';
import {
  ChannelType,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  type Guild,
  type Interaction,
  MessageFlags,
  PermissionFlagsBits,
  REST,
  Routes,
  type TextChannel,
} from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
  type FakeDiscord,
  type FakeGuildHandle,
  type FakeMember,
  MESSAGE_CREATE_ROUTE,
  startFakeDiscord,
} from './index.js';

const RESPONSE_TIMEOUT_MS = 600;

async function once<T extends unknown[]>(client: Client, event: string, timeoutMs = 3000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    client.once(event, (...args: unknown[]) => {
      clearTimeout(timer);
      resolve(args as T);
    });
  });
}

function textChannel(client: Client, id: string): TextChannel {
  const channel = client.channels.cache.get(id);
  if (!channel || channel.type !== ChannelType.GuildText) throw new Error(`channel ${id} not cached as text`);
  return channel;
}

describe('fake Discord with the real discord.js Client', () => {
  let fake: FakeDiscord;
  let client: Client;
  let guild: FakeGuildHandle;
  let admin: FakeMember;
  let reader: FakeMember;
  const handlerErrors: unknown[] = [];
  const lateErrors: unknown[] = [];

  beforeAll(async () => {
    // Discord's message bucket is 5 per 5 s; a 1 s window keeps this suite fast.
    fake = await startFakeDiscord({
      interactionResponseTimeoutMs: RESPONSE_TIMEOUT_MS,
      rateLimits: { routes: { [MESSAGE_CREATE_ROUTE]: { limit: 5, windowMs: 1000 } } },
    });
    guild = fake.addGuild({
      name: 'Policy Desk',
      botPermissions: ['ViewChannel', 'SendMessages', 'EmbedLinks', 'ReadMessageHistory'],
      roles: [{ name: 'Admins', permissions: ['ManageGuild'] }],
      channels: [{ name: 'news' }, { name: 'announcements' }, { name: 'locked' }],
    });
    admin = fake.addMember(guild.id, { username: 'alice', roles: [guild.role('Admins').id] });
    reader = fake.addMember(guild.id, { username: 'bob' });
    // #locked: @everyone may not write and the bot may not even see it; #announcements: the bot's role may not send.
    fake.setChannelOverwrites(guild.channel('locked').id, [
      { id: guild.id, type: 'role', deny: ['SendMessages'] },
      { id: fake.bot.id, type: 'member', deny: ['ViewChannel'] },
    ]);
    fake.setChannelOverwrites(guild.channel('announcements').id, [
      { id: guild.botRoleId, type: 'role', deny: ['SendMessages'] },
    ]);
    fake.registerCommands(
      [
        {
          name: 'subscribe',
          description: 'Subscribe a channel',
          options: [
            { type: 7, name: 'channel', description: 'Where to post', required: true },
            { type: 3, name: 'topic', description: 'Topic', autocomplete: true },
          ],
        },
      ],
      guild.id,
    );

    client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiUrl } });
    client.on(Events.InteractionCreate, (interaction) => {
      handle(interaction).catch((error: unknown) => handlerErrors.push(error));
    });
    const ready = once(client, Events.ClientReady);
    await client.login(fake.token);
    await ready;
  });

  afterAll(async () => {
    await client?.destroy();
    await fake?.close();
  });

  async function handle(interaction: Interaction): Promise<void> {
    if (interaction.isAutocomplete()) {
      const typed = interaction.options.getFocused();
      const topics = ['mica', 'sec-enforcement', 'stablecoins', 'staking'];
      await interaction.respond(
        topics.filter((t) => t.startsWith(typed)).map((t) => ({ name: t, value: t })),
      );
      return;
    }
    if (!interaction.isChatInputCommand()) return;
    switch (interaction.commandName) {
      case 'ping':
        await interaction.reply('pong');
        return;
      case 'summary':
        await interaction.deferReply();
        await sleep(30);
        await interaction.editReply({
          embeds: [{ title: 'MiCA update', description: 'ESMA published guidance.' }],
        });
        return;
      case 'settings':
        await interaction.reply({ content: 'only you can see this', flags: MessageFlags.Ephemeral });
        return;
      case 'digest':
        await interaction.reply('part 1');
        await interaction.followUp('part 2');
        await interaction.followUp({ content: 'admin note', flags: MessageFlags.Ephemeral });
        return;
      case 'thinking':
        await interaction.deferReply({ flags: MessageFlags.Ephemeral });
        await interaction.followUp('done thinking');
        return;
      case 'subscribe': {
        const channel = interaction.options.getChannel('channel', true);
        const canManage = interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false;
        const canPost = interaction.appPermissions.has(PermissionFlagsBits.SendMessages);
        await interaction.reply({
          content: `channel=${channel.id} manage=${canManage} post=${canPost}`,
          flags: MessageFlags.Ephemeral,
        });
        return;
      }
      case 'with-response': {
        const response = await interaction.reply({ content: 'fetched', withResponse: true });
        await interaction.followUp(`id=${response.resource?.message?.id ?? 'none'}`);
        return;
      }
      case 'late':
        await sleep(RESPONSE_TIMEOUT_MS + 150);
        await interaction.reply('too late').catch((error: unknown) => lateErrors.push(error));
        return;
      default:
        return; // 'manual': the test answers through raw HTTP
    }
  }

  it('logs in, emits clientReady, and caches guild, channels, roles and the bot member', async () => {
    expect(client.isReady()).toBe(true);
    expect(client.user?.id).toBe(fake.bot.id);
    expect(client.application?.id).toBe(fake.application.id);
    const cached = client.guilds.cache.get(guild.id) as Guild;
    expect(cached.name).toBe('Policy Desk');
    expect(cached.channels.cache.map((c) => c.name).sort()).toEqual(['announcements', 'locked', 'news']);
    expect(cached.roles.everyone.id).toBe(guild.id);
    expect(cached.members.me?.roles.cache.has(guild.botRoleId)).toBe(true);
    expect(fake.connectedBots()).toBe(1);
    const identify = fake.gatewayLog.find((e) => e.direction === 'in' && e.op === 2);
    expect(identify).toBeDefined();
  });

  it('gives discord.js what it needs to compute permissionsFor, overwrites included', async () => {
    const me = client.user;
    if (!me) throw new Error('no user');
    for (const name of ['news', 'announcements', 'locked']) {
      const channel = textChannel(client, guild.channel(name).id);
      expect(channel.permissionsFor(me)?.bitfield, name).toBe(fake.permissionsFor(channel.id, me.id));
    }
    const news = textChannel(client, guild.channel('news').id);
    expect(news.permissionsFor(me)?.has(PermissionFlagsBits.SendMessages)).toBe(true);
    expect(
      textChannel(client, guild.channel('announcements').id).permissionsFor(me)?.has('SendMessages'),
    ).toBe(false);
    expect(textChannel(client, guild.channel('locked').id).permissionsFor(me)?.has('ViewChannel')).toBe(
      false,
    );

    const updated = once<[unknown, TextChannel]>(client, Events.ChannelUpdate);
    fake.setChannelOverwrites(news.id, [{ id: guild.id, type: 'role', deny: ['EmbedLinks'] }]);
    const [, after] = await updated;
    expect(after.permissionsFor(me)?.has('EmbedLinks')).toBe(false);
    fake.setChannelOverwrites(news.id, []);
    await fake.gatewayRoundTrip();
    expect(news.permissionsFor(me)?.has('EmbedLinks')).toBe(true);
  });

  it('delivers a slash command and exposes the reply through the handle', async () => {
    const handle = fake.invokeCommand({
      guildId: guild.id,
      channelId: guild.channel('news').id,
      userId: reader.user.id,
      name: 'ping',
    });
    const reply = await handle.reply();
    expect(reply.content).toBe('pong');
    expect(reply.interaction_metadata?.user.id).toBe(reader.user.id);
    const outcome = handle.outcome();
    expect(outcome.callbackType).toBe(4);
    expect(outcome.ephemeral).toBe(false);
    expect(fake.messages(guild.channel('news').id).some((m) => m.id === reply.id)).toBe(true);
  });

  it('follows a deferred reply to its edit', async () => {
    const handle = fake.invokeCommand({
      guildId: guild.id,
      channelId: guild.channel('news').id,
      userId: reader.user.id,
      name: 'summary',
    });
    const outcome = await handle.final();
    expect(outcome.callbackType).toBe(5);
    expect(outcome.deferred).toBe(true);
    expect(outcome.original?.embeds[0]?.title).toBe('MiCA update');
    expect(outcome.originalHistory).toHaveLength(2);
    expect(outcome.originalHistory[0]?.flags).toBe(MessageFlags.Loading);
  });

  it('records ephemeral replies and followups, and the first followup after a defer', async () => {
    const channelId = guild.channel('news').id;
    const settings = await fake
      .invokeCommand({ guildId: guild.id, channelId, userId: admin.user.id, name: 'settings' })
      .reply();
    expect(settings.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(fake.messages(channelId).some((m) => m.id === settings.id)).toBe(false);
    expect(fake.messages(channelId, { includeEphemeral: true }).some((m) => m.id === settings.id)).toBe(true);

    const digest = await fake
      .invokeCommand({ guildId: guild.id, channelId, userId: admin.user.id, name: 'digest' })
      .waitFor((o) => o.followups.length === 2);
    expect(digest.original?.content).toBe('part 1');
    expect(digest.followups.map((m) => [m.content, m.flags & MessageFlags.Ephemeral])).toEqual([
      ['part 2', 0],
      ['admin note', MessageFlags.Ephemeral],
    ]);

    const thinking = await fake
      .invokeCommand({ guildId: guild.id, channelId, userId: admin.user.id, name: 'thinking' })
      .final();
    expect(thinking.original?.content).toBe('done thinking');
    expect(thinking.ephemeral).toBe(true);
    expect(thinking.followups).toHaveLength(0);
  });

  it('sends resolved channel options and per-member permissions', async () => {
    const target = guild.channel('announcements').id;
    const asAdmin = fake.invokeCommand({
      guildId: guild.id,
      channelId: guild.channel('announcements').id,
      userId: admin.user.id,
      name: 'subscribe',
      options: [{ name: 'channel', value: target }],
    });
    expect(
      (asAdmin.payload.data as { resolved?: { channels?: Record<string, unknown> } }).resolved?.channels?.[
        target
      ],
    ).toBeDefined();
    expect((await asAdmin.reply()).content).toBe(`channel=${target} manage=true post=false`);
    const asReader = fake.invokeCommand({
      guildId: guild.id,
      channelId: guild.channel('news').id,
      userId: reader.user.id,
      name: 'subscribe',
      options: [{ name: 'channel', value: target }],
    });
    expect((await asReader.reply()).content).toBe(`channel=${target} manage=false post=true`);
  });

  it('answers autocomplete with the choices the bot returns', async () => {
    const handle = fake.invokeAutocomplete({
      guildId: guild.id,
      channelId: guild.channel('news').id,
      userId: reader.user.id,
      name: 'subscribe',
      options: [
        { name: 'channel', value: guild.channel('news').id },
        { name: 'topic', value: 'st', focused: true },
      ],
    });
    expect(await handle.choices()).toEqual([
      { name: 'stablecoins', value: 'stablecoins' },
      { name: 'staking', value: 'staking' },
    ]);
    expect(handle.outcome().callbackType).toBe(8);
  });

  it('returns an InteractionCallbackResponse with with_response=true', async () => {
    const outcome = await fake
      .invokeCommand({
        guildId: guild.id,
        channelId: guild.channel('news').id,
        userId: reader.user.id,
        name: 'with-response',
      })
      .waitFor((o) => o.followups.length === 1);
    expect(outcome.followups[0]?.content).toBe(`id=${outcome.original?.id}`);
  });

  it('refuses a second answer (40060) and a late one (10062)', async () => {
    const channelId = guild.channel('news').id;
    const manual = fake.invokeCommand({
      guildId: guild.id,
      channelId,
      userId: reader.user.id,
      name: 'manual',
    });
    const url = `${fake.apiUrl}/v10/interactions/${manual.id}/${manual.token}/callback`;
    const answer = () =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 4, data: { content: 'hi' } }),
      });
    const first = await answer();
    expect(first.status).toBe(204);
    expect(first.headers.get('content-type')).toBeNull();
    const second = await answer();
    expect(second.status).toBe(400);
    expect(await second.json()).toMatchObject({ code: 40060 });
    expect(manual.outcome().rejected.map((r) => r.code)).toEqual([40060]);

    const late = fake.invokeCommand({ guildId: guild.id, channelId, userId: reader.user.id, name: 'late' });
    await expect(late.reply()).rejects.toThrow(/expired/);
    await sleep(300);
    expect(lateErrors).toHaveLength(1);
    expect(lateErrors[0]).toBeInstanceOf(DiscordAPIError);
    expect((lateErrors[0] as DiscordAPIError).code).toBe(10062);
    expect(late.outcome().rejected[0]).toMatchObject({ status: 404, code: 10062 });
  });

  it('stores messages with embeds and the allowed_mentions sent', async () => {
    const channel = textChannel(client, guild.channel('news').id);
    const sent = await channel.send({
      content: `New MiCA guidance <@${admin.user.id}>`,
      embeds: [
        {
          title: 'ESMA',
          description: 'Guidance on CASP authorisation',
          fields: [{ name: 'Region', value: 'EU' }],
        },
      ],
      allowedMentions: { parse: [] },
    });
    const stored = fake.message(sent.id);
    expect(stored?.embeds[0]).toMatchObject({ type: 'rich', title: 'ESMA' });
    expect(stored?.allowed_mentions).toEqual({ parse: [] });
    expect(stored?.mentions).toEqual([]);
    const request = fake.requestsTo('POST', `/channels/${channel.id}/messages`).at(-1);
    expect(request?.body).toMatchObject({ allowed_mentions: { parse: [] } });
  });

  it('surfaces missing permissions as DiscordAPIError 50013 and missing access as 50001', async () => {
    const announcements = textChannel(client, guild.channel('announcements').id);
    const denied = await announcements.send('hello').catch((error: unknown) => error);
    expect(denied).toBeInstanceOf(DiscordAPIError);
    expect((denied as DiscordAPIError).code).toBe(50013);
    expect((denied as DiscordAPIError).status).toBe(403);

    const hidden = await client.rest
      .post(Routes.channelMessages(guild.channel('locked').id), { body: { content: 'x' } })
      .catch((e: unknown) => e);
    expect((hidden as DiscordAPIError).code).toBe(50001);

    fake.failNext({ method: 'POST', pathPattern: '/channels/:id/messages', status: 403, code: 50013 });
    const injected = await textChannel(client, guild.channel('news').id)
      .send('x')
      .catch((e: unknown) => e);
    expect((injected as DiscordAPIError).code).toBe(50013);
  });

  it('lets discord.js retry an injected 429 by itself, so the message is sent once', async () => {
    const channel = textChannel(client, guild.channel('news').id);
    const before = fake.messages(channel.id).length;
    const statsBefore = { ...fake.stats };
    fake.failNext({ method: 'POST', pathPattern: '/channels/:id/messages', status: 429, retryAfter: 0.2 });
    const started = Date.now();
    await channel.send('after a rate limit');
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(fake.messages(channel.id).length).toBe(before + 1);
    const attempts = fake.requestsTo('POST', `/channels/${channel.id}/messages`).slice(-2);
    expect(attempts.map((r) => r.status)).toEqual([429, 200]);
    expect(fake.stats.rateLimited - statsBefore.rateLimited).toBe(1);
    expect(fake.stats.rateLimitedAvoidable).toBe(statsBefore.rateLimitedAvoidable);
  });

  it('lets discord.js pace a burst on the rate-limit headers without a single 429', async () => {
    const created = once<[TextChannel]>(client, Events.ChannelCreate);
    const burst = fake.addChannel(guild.id, { name: 'burst' });
    const [channel] = await created;
    const limitedBefore = fake.stats.rateLimited;
    const started = Date.now();
    await Promise.all(Array.from({ length: 12 }, (_, i) => channel.send(`item ${i}`)));
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(fake.messages(burst.id).map((m) => m.content)).toEqual(
      Array.from({ length: 12 }, (_, i) => `item ${i}`),
    );
    expect(fake.stats.rateLimited).toBe(limitedBefore);
  });

  it('records files sent as multipart with payload_json', async () => {
    const channel = textChannel(client, guild.channel('news').id);
    const sent = await channel.send({
      content: 'report',
      files: [{ attachment: Buffer.from('hello world'), name: 'notes.txt' }],
    });
    expect(sent.attachments.first()?.name).toBe('notes.txt');
    expect(fake.message(sent.id)?.uploads).toEqual([
      { field: 'files[0]', filename: 'notes.txt', contentType: 'application/octet-stream', size: 11 },
    ]);
  });

  it('returns the existing message for a repeated nonce with enforce_nonce', async () => {
    const channel = textChannel(client, guild.channel('news').id);
    const first = await channel.send({ content: 'posted once', nonce: 'item-42', enforceNonce: true });
    const again = await channel.send({ content: 'posted once', nonce: 'item-42', enforceNonce: true });
    expect(again.id).toBe(first.id);
    expect(fake.messages(channel.id).filter((m) => m.nonce === 'item-42')).toHaveLength(1);
    const loose = await channel.send({ content: 'no enforcement', nonce: 'item-42' });
    expect(loose.id).not.toBe(first.id);
  });

  it('rejects oversized embeds with 50035 and empty messages with 50006', async () => {
    const channel = textChannel(client, guild.channel('news').id);
    const tooLong = await channel.send({ embeds: [{ title: 't'.repeat(257) }] }).catch((e: unknown) => e);
    expect((tooLong as DiscordAPIError).code).toBe(50035);
    expect((tooLong as DiscordAPIError).rawError).toMatchObject({
      errors: { embeds: { 0: { title: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } } },
    });
    const tooBig = await channel
      .send({ embeds: [{ description: 'd'.repeat(3500) }, { description: 'd'.repeat(3500) }] })
      .catch((e: unknown) => e);
    expect((tooBig as DiscordAPIError).rawError).toMatchObject({
      errors: { embeds: { _errors: [{ code: 'MAX_EMBED_SIZE_EXCEEDED' }] } },
    });
    const empty = await client.rest
      .post(Routes.channelMessages(channel.id), { body: { content: '' } })
      .catch((e: unknown) => e);
    expect((empty as DiscordAPIError).code).toBe(50006);
  });

  it('registers commands through PUT (discord.js and plain REST)', async () => {
    await client.application?.commands.set(
      [
        { name: 'ping', description: 'Pong?' },
        { name: 'digest', description: 'Today in policy' },
      ],
      guild.id,
    );
    expect(fake.commands(guild.id).map((c) => c.name)).toEqual(['ping', 'digest']);

    const rest = new REST({ api: fake.apiUrl }).setToken(fake.token);
    const created = (await rest.put(Routes.applicationCommands(fake.application.id), {
      body: [{ name: 'help', description: 'How to use the bot', default_member_permissions: '32' }],
    })) as Array<{ id: string; name: string }>;
    expect(created[0]?.name).toBe('help');
    expect(fake.commands().map((c) => c.default_member_permissions)).toEqual(['32']);
    const invalid = await rest
      .put(Routes.applicationCommands(fake.application.id), {
        body: [{ name: 'Bad Name', description: 'x' }],
      })
      .catch((e: unknown) => e);
    expect((invalid as DiscordAPIError).code).toBe(50035);
  });

  it('sends GUILD_CREATE and CHANNEL_CREATE for changes after READY', async () => {
    const created = once<[Guild]>(client, Events.GuildCreate);
    const second = fake.addGuild({ name: 'Second', channels: [{ name: 'general' }] });
    const [cachedGuild] = await created;
    expect(cachedGuild.id).toBe(second.id);
    expect(cachedGuild.channels.cache.size).toBe(1);
    const channelCreated = once<[TextChannel]>(client, Events.ChannelCreate);
    const added = fake.addChannel(second.id, { name: 'policy' });
    expect((await channelCreated)[0].id).toBe(added.id);
  });

  it('resumes after a dropped connection and replays missed events', async () => {
    const resumed = once(client, Events.ShardResume, 5000);
    fake.disconnectBots(4000);
    const late = fake.addChannel(guild.id, { name: 'while-offline' });
    await resumed;
    await fake.gatewayRoundTrip();
    expect(client.channels.cache.has(late.id)).toBe(true);
    expect(fake.gatewayLog.some((e) => e.direction === 'in' && e.op === 6)).toBe(true);
  });

  it('marks a guild unavailable during an outage and available again', async () => {
    const unavailable = once<[Guild]>(client, Events.GuildUnavailable);
    fake.markGuildUnavailable(guild.id);
    expect((await unavailable)[0].id).toBe(guild.id);
    const available = once<[Guild]>(client, Events.GuildAvailable);
    fake.markGuildAvailable(guild.id);
    expect((await available)[0].available).toBe(true);
  });

  it('makes login fail when asking for a privileged intent that is not enabled (4014)', async () => {
    const greedy = new Client({
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers],
      rest: { api: fake.apiUrl },
    });
    greedy.on(Events.ShardError, () => {});
    await expect(greedy.login(fake.token)).rejects.toThrow(/disallowed intents/i);
    await greedy.destroy();
  });

  it('delivers GUILD_DELETE when the bot is removed, after which REST says Missing Access', async () => {
    const doomed = fake.addGuild({ name: 'Doomed', channels: [{ name: 'gone' }] });
    await once(client, Events.GuildCreate);
    const deleted = once<[Guild]>(client, Events.GuildDelete);
    fake.removeGuild(doomed.id);
    const [gone] = await deleted;
    expect(gone.id).toBe(doomed.id);
    expect(client.guilds.cache.has(doomed.id)).toBe(false);
    const error = await client.rest
      .post(Routes.channelMessages(doomed.channel('gone').id), { body: { content: 'x' } })
      .catch((e: unknown) => e);
    expect((error as DiscordAPIError).code).toBe(50001);
  });

  it('had no errors in the bot handlers', () => {
    expect(handlerErrors).toEqual([]);
  });
});

/** A minimal bot on a raw socket: identifies and keeps the session open (no discord.js). */
async function connectRawBot(fake: FakeDiscord): Promise<WebSocket> {
  const ws = new WebSocket(`${fake.gatewayUrl}?v=10&encoding=json`);
  ws.on('message', (raw) => {
    const payload = JSON.parse(String(raw)) as { op: number };
    if (payload.op === 10)
      ws.send(JSON.stringify({ op: 2, d: { token: fake.token, intents: 1, properties: {} } }));
  });
  await fake.waitForBot();
  return ws;
}

describe('fake Discord REST for plain clients', () => {
  let fake: FakeDiscord;
  let channelId: string;

  beforeAll(async () => {
    fake = await startFakeDiscord({ rateLimits: { global: { limit: 8, windowMs: 1000 } } });
    const guild = fake.addGuild({ channels: [{ name: 'news' }] });
    channelId = guild.channel('news').id;
  });

  afterAll(async () => {
    await fake.close();
  });

  const post = (path: string, body: unknown, token = fake.token) =>
    fetch(`${fake.apiUrl}/v10${path}`, {
      method: 'POST',
      headers: { authorization: `Bot ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('decodes percent-encoded path segments (discord.js sends /users/%40me)', async () => {
    const rest = new REST({ api: fake.apiUrl }).setToken(fake.token);
    const me = (await rest.get(Routes.user('@me'))) as { id: string };
    expect(me.id).toBe(fake.bot.id);
    const encoded = await fetch(`${fake.apiUrl}/v10/users/%40me`, {
      headers: { authorization: `Bot ${fake.token}` },
    });
    expect(((await encoded.json()) as { id: string }).id).toBe(fake.bot.id);
  });

  it('answers a wrong token with 401 and an unknown channel with 404/10003', async () => {
    const wrong = await post(`/channels/${channelId}/messages`, { content: 'x' }, 'nope');
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ message: '401: Unauthorized', code: 0 });
    const unknown = await post('/channels/123456789012345678/messages', { content: 'x' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 10003 });
  });

  it('limits messages to 5 per 5 s per channel with Discord headers, counting ignored headers as avoidable', async () => {
    fake.configureRateLimits({ global: false });
    const responses: Response[] = [];
    for (let i = 0; i < 5; i += 1)
      responses.push(await post(`/channels/${channelId}/messages`, { content: `m${i}` }));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const last = responses[4];
    expect(last?.headers.get('x-ratelimit-limit')).toBe('5');
    expect(last?.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(last?.headers.get('x-ratelimit-reset-after'))).toBeGreaterThan(4);
    expect(last?.headers.get('x-ratelimit-bucket')).toMatch(/^[0-9a-f]{32}$/);

    const limited = await post(`/channels/${channelId}/messages`, { content: 'm5' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(limited.headers.get('x-ratelimit-scope')).toBe('user');
    const body = (await limited.json()) as { retry_after: number; global: boolean };
    expect(body.global).toBe(false);
    expect(body.retry_after).toBeGreaterThan(4);
    expect(fake.stats.rateLimitedAvoidable).toBe(1);
    expect(fake.messages(channelId)).toHaveLength(5);
  });

  it('enforces the global limit with X-RateLimit-Global', async () => {
    fake.configureRateLimits({ global: { limit: 3, windowMs: 1000 } });
    const statuses: number[] = [];
    let globalResponse: Response | undefined;
    for (let i = 0; i < 4; i += 1) {
      const res = await fetch(`${fake.apiUrl}/v10/users/@me`, {
        headers: { authorization: `Bot ${fake.token}` },
      });
      statuses.push(res.status);
      if (res.status === 429) globalResponse = res;
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(globalResponse?.headers.get('x-ratelimit-global')).toBe('true');
    expect(globalResponse?.headers.get('x-ratelimit-scope')).toBe('global');
    expect(await globalResponse?.json()).toMatchObject({ global: true });
    expect(fake.stats.globalRateLimited).toBe(1);
  });

  it('serves the endpoints discord.js needs at login', async () => {
    fake.configureRateLimits(false);
    const get = async (path: string) =>
      (
        await fetch(`${fake.apiUrl}/v10${path}`, { headers: { authorization: `Bot ${fake.token}` } })
      ).json() as Promise<Record<string, unknown>>;
    expect(await get('/gateway/bot')).toMatchObject({ url: fake.gatewayUrl, shards: 1 });
    expect((await get('/applications/@me')).install_params).toEqual({
      scopes: ['bot', 'applications.commands'],
      permissions: '0',
    });
    expect(await get('/users/@me')).toMatchObject({ id: fake.bot.id, bot: true });
  });

  it('refuses followups before the answer (10015) and after the token expired (50027)', async () => {
    const short = await startFakeDiscord({ interactionTokenTtlMs: 500, rateLimits: false });
    const ws = await connectRawBot(short);
    try {
      const g = short.addGuild({ channels: [{ name: 'news' }] });
      const user = short.addMember(g.id, { username: 'carol' });
      const handle = short.invokeCommand({
        guildId: g.id,
        channelId: g.channel('news').id,
        userId: user.user.id,
        name: 'ping',
      });
      const followup = () =>
        fetch(`${short.apiUrl}/v10/webhooks/${short.application.id}/${handle.token}?wait=true`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ content: 'more' }),
        });
      expect((await followup()).status).toBe(404);
      const answer = await fetch(
        `${short.apiUrl}/v10/interactions/${handle.id}/${handle.token}/callback?with_response=true`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ type: 5 }),
        },
      );
      expect(await answer.json()).toMatchObject({
        interaction: { id: handle.id, response_message_loading: true },
        resource: { type: 5 },
      });
      await sleep(550);
      const expired = await followup();
      expect(expired.status).toBe(401);
      expect(await expired.json()).toMatchObject({ code: 50027 });
      expect(handle.outcome().rejected.map((r) => r.code)).toEqual([10015, 50027]);
    } finally {
      ws.close();
      await short.close();
    }
  });

  it('answers 404/10003 for channels of a deleted guild and 403/50001 after the bot was removed', async () => {
    const removed = fake.addGuild({ channels: [{ name: 'a' }] });
    const deleted = fake.addGuild({ channels: [{ name: 'b' }] });
    fake.removeGuild(removed.id);
    const bChannel = deleted.channel('b').id;
    fake.deleteGuild(deleted.id);
    const body = async (res: Response) => ({ status: res.status, ...((await res.json()) as object) });
    expect(
      await body(await post(`/channels/${removed.channel('a').id}/messages`, { content: 'x' })),
    ).toMatchObject({
      status: 403,
      code: 50001,
    });
    expect(await body(await post(`/channels/${bChannel}/messages`, { content: 'x' }))).toMatchObject({
      status: 404,
      code: 10003,
    });
  });

  it('closes the gateway with 4004 on a bad token and 4014 on privileged intents', async () => {
    const closeCode = (d: Record<string, unknown>) =>
      new Promise<number>((resolve, reject) => {
        const ws = new WebSocket(`${fake.gatewayUrl}?v=10&encoding=json`);
        ws.on('message', (raw) => {
          const payload = JSON.parse(String(raw)) as { op: number };
          if (payload.op === 10) ws.send(JSON.stringify({ op: 2, d }));
        });
        ws.on('close', (code) => resolve(code));
        ws.on('error', reject);
      });
    const identify = {
      token: fake.token,
      intents: 1,
      properties: { os: 'linux', browser: 'test', device: 'test' },
    };
    expect(await closeCode({ ...identify, token: 'wrong' })).toBe(4004);
    expect(await closeCode({ ...identify, intents: 1 | (1 << 15) })).toBe(4014);
  });
});
