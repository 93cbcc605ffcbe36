/**
 * `npm start` with a token, as a separate process: logs in to the fake Discord through
 * DISCORD_API_URL, reports ready on the health endpoint, posts a new story to a subscribed channel
 * once, and stops cleanly on SIGTERM.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/database.js';
import { createSqliteSubscriptionStore } from '../../src/storage/subscriptionStore.js';
import { type FakeDiscord, startFakeDiscord } from '../fakes/discord/index.js';
import { cleanEnv, collect, MAIN, START_FLAGS } from '../helpers/cli.js';
import { type FeedServer, rss, startFeedServer } from '../helpers/feedServer.js';
import { tempDir } from '../helpers/tempDir.js';

let fake: FakeDiscord;
let feeds: FeedServer;
let dir: ReturnType<typeof tempDir>;

beforeAll(async () => {
  fake = await startFakeDiscord();
  feeds = await startFeedServer();
  dir = tempDir();
});
afterAll(async () => {
  await fake.close();
  await feeds.close();
  dir.cleanup();
});

const waitFor = async (predicate: () => boolean | Promise<boolean>, what: string, ms = 15_000) => {
  const until = Date.now() + ms;
  while (!(await predicate())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe('npm start with DISCORD_TOKEN', () => {
  it('logs in, becomes ready, posts a new story once, and stops cleanly', async () => {
    const guild = fake.addGuild({
      botPermissions: ['ViewChannel', 'SendMessages', 'EmbedLinks'],
      channels: [{ name: 'policy' }],
    });
    const channelId = guild.channel('policy').id;
    const old = {
      title: 'SEC charges exchange over unregistered crypto offering',
      link: 'https://sec.example/old',
      guid: 'old',
      pubDate: new Date(Date.now() - 3_600_000).toUTCString(),
    };
    feeds.route('/sec.xml', { body: rss([old]) });
    writeFileSync(
      dir.file('feeds.json'),
      JSON.stringify({
        feeds: [
          {
            id: 'sec',
            name: 'SEC press releases',
            url: feeds.url('/sec.xml'),
            kind: 'regulator',
            jurisdictions: ['us'],
          },
        ],
      }),
    );
    // An admin subscribed this channel earlier (as /subscribe would have stored it).
    const db = openDatabase(dir.file('p.db'));
    createSqliteSubscriptionStore(db).upsert(
      { guildId: guild.id, channelId, topic: 'us', mode: 'instant' },
      Date.now(),
    );
    db.close();

    const port = 20_000 + Math.floor(Math.random() * 20_000);
    // Started as `npm start` does, heap limits included.
    const child = spawn(process.execPath, [...START_FLAGS, MAIN], {
      env: cleanEnv({
        DISCORD_TOKEN: fake.token,
        DISCORD_API_URL: fake.apiUrl,
        POLICYWIRE_DB: dir.file('p.db'),
        POLICYWIRE_FEEDS: dir.file('feeds.json'),
        POLL_CRON: '* * * * * *',
        HEALTH_PORT: String(port),
        LOG_LEVEL: 'info',
      }),
      cwd: dir.path,
    });
    const done = collect(child, 60_000);
    const ready = async () => {
      try {
        return (await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200;
      } catch {
        return false;
      }
    };
    await waitFor(ready, 'readiness (first poll done, Discord connected)');
    const posts = () => fake.messages(channelId).filter((m) => m.interaction_metadata === undefined);
    expect(posts()).toHaveLength(0); // the first poll is backlog

    const fresh = {
      title: 'SEC approves crypto custody rule for broker-dealers',
      link: 'https://sec.example/new',
      guid: 'new',
      pubDate: new Date().toUTCString(),
      description: 'The Commission approved a rule on custody of crypto assets.',
    };
    feeds.route('/sec.xml', { body: rss([fresh, old]) });
    await waitFor(() => posts().length > 0, 'the new story in the channel');
    const polls = feeds.hits('/sec.xml').length;
    await waitFor(() => feeds.hits('/sec.xml').length >= polls + 2, 'two more polls');
    expect(posts()).toHaveLength(1);
    expect(posts()[0]?.embeds[0]?.title).toBe('SEC approves crypto custody rule for broker-dealers');
    expect(posts()[0]?.allowed_mentions?.parse).toEqual([]);
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toMatch(/^policywire_deliveries_total\{outcome="sent"\} 1$/m);

    child.kill('SIGTERM');
    const result = await done;
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/"msg":"logged in to Discord"/);
    expect(result.stderr).toMatch(/"msg":"stopped"/);
    expect(result.stderr).not.toContain(fake.token);
  }, 60_000);
});
