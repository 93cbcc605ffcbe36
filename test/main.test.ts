import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanEnv, collect, MAIN } from './helpers/cli.js';
import { type FeedServer, rss, startFeedServer } from './helpers/feedServer.js';
import { tempDir } from './helpers/tempDir.js';

let dir: ReturnType<typeof tempDir>;
let server: FeedServer;

beforeEach(async () => {
  dir = tempDir();
  server = await startFeedServer();
});
afterEach(async () => {
  await server.close();
  dir.cleanup();
});

const recent = () => new Date(Date.now() - 60_000).toUTCString();

describe('npm start without DISCORD_TOKEN (console mode)', () => {
  it('polls at start and on schedule, prints only new stories, and stops cleanly on SIGTERM', async () => {
    const backlog = {
      title: 'SEC charges crypto exchange with operating an unregistered exchange',
      link: 'https://sec.example/old',
      guid: 'old',
      pubDate: recent(),
    };
    server.route('/feed.xml', { body: rss([backlog]) });
    writeFileSync(
      dir.file('feeds.json'),
      JSON.stringify({
        feeds: [
          {
            id: 'sec-press',
            name: 'SEC press releases',
            url: server.url('/feed.xml'),
            kind: 'regulator',
            jurisdictions: ['us'],
          },
        ],
      }),
    );
    const child = spawn(process.execPath, [MAIN], {
      env: cleanEnv({
        POLICYWIRE_DB: dir.file('p.db'),
        POLICYWIRE_FEEDS: dir.file('feeds.json'),
        POLL_CRON: '* * * * * *',
        LOG_LEVEL: 'info',
      }),
      cwd: dir.path,
    });
    const done = collect(child, 30_000);
    let stdout = '';
    child.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    const waitFor = async (predicate: () => boolean, ms = 10_000) => {
      const until = Date.now() + ms;
      while (!predicate()) {
        if (Date.now() > until) throw new Error(`timed out; stdout so far:\n${stdout}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    // The first poll is backlog: stored, not printed.
    await waitFor(() => server.hits('/feed.xml').length >= 1);
    const fresh = {
      title: 'SEC approves rule on crypto asset custody by broker-dealers',
      link: 'https://sec.example/new?utm_source=rss',
      guid: 'new',
      pubDate: recent(),
      description: 'The Commission approved a rule on custody of crypto assets.',
    };
    server.route('/feed.xml', { body: rss([fresh, backlog]) });
    await waitFor(() => stdout.includes('SEC approves rule on crypto asset custody'));
    // Give the scheduler a few more ticks: the story must not be printed twice.
    const hits = server.hits('/feed.xml').length;
    await waitFor(() => server.hits('/feed.xml').length >= hits + 2);
    child.kill('SIGTERM');
    const result = await done;
    expect(result.code).toBe(0);
    expect(result.stdout.match(/SEC approves rule on crypto asset custody/g)).toHaveLength(1);
    expect(result.stdout).not.toMatch(/SEC charges crypto exchange/);
    expect(result.stdout).toMatch(/https:\/\/sec\.example\/new\n/);
    expect(result.stderr).toMatch(/console mode/);
    expect(result.stderr).toMatch(/"msg":"stopped"/);
    const db = new Database(dir.file('p.db'));
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(
      db
        .prepare("SELECT count(*) AS n FROM deliveries WHERE channel_id = 'console' AND status = 'sent'")
        .get(),
    ).toEqual({ n: 1 });
    db.close();
  });

  it('serves /livez, /readyz and /metrics on HEALTH_PORT', async () => {
    server.route('/feed.xml', {
      body: rss([
        {
          title: 'SEC approves crypto custody rule',
          link: 'https://sec.example/1',
          guid: '1',
          pubDate: recent(),
        },
      ]),
    });
    writeFileSync(
      dir.file('feeds.json'),
      JSON.stringify({
        feeds: [
          {
            id: 'sec-press',
            name: 'SEC',
            url: server.url('/feed.xml'),
            kind: 'regulator',
            jurisdictions: ['us'],
          },
        ],
      }),
    );
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const child = spawn(process.execPath, [MAIN], {
      env: cleanEnv({
        POLICYWIRE_DB: dir.file('p.db'),
        POLICYWIRE_FEEDS: dir.file('feeds.json'),
        POLL_CRON: '0 0 1 1 *',
        HEALTH_PORT: String(port),
        HEALTH_HOST: '127.0.0.1',
      }),
      cwd: dir.path,
    });
    const done = collect(child, 30_000);
    const get = async (path: string) => {
      for (let i = 0; i < 100; i++) {
        try {
          const response = await fetch(`http://127.0.0.1:${port}${path}`);
          return { status: response.status, text: (await response.text()).trim() };
        } catch {
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      throw new Error('health endpoint never answered');
    };
    expect(await get('/livez')).toEqual({ status: 200, text: 'ok' });
    let ready = await get('/readyz');
    for (let i = 0; i < 50 && ready.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 100));
      ready = await get('/readyz');
    }
    expect(ready).toEqual({ status: 200, text: '{"ready":true}' });
    const metrics = await get('/metrics');
    expect(metrics.text).toMatch(/^policywire_polls_total\{result="completed"\} 1$/m);
    expect(metrics.text).toMatch(/^policywire_delivery_queue_depth 0$/m);
    child.kill('SIGTERM');
    expect((await done).code).toBe(0);
  });

  it('with a token Discord refuses, exits 1 with a clear message and never prints the token', async () => {
    const { startFakeDiscord } = await import('./fakes/discord/index.js');
    const fake = await startFakeDiscord();
    try {
      const result = await collect(
        spawn(process.execPath, [MAIN], {
          env: cleanEnv({
            DISCORD_TOKEN: 'not-the-right-token-123',
            DISCORD_API_URL: fake.apiUrl,
            POLICYWIRE_DB: dir.file('p.db'),
            POLL_CRON: '0 0 1 1 *',
          }),
          cwd: dir.path,
        }),
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/Discord login failed: .*Check DISCORD_TOKEN/);
      expect(result.stdout + result.stderr).not.toContain('not-the-right-token-123');
    } finally {
      await fake.close();
    }
  });

  it('refuses to start with a bad setting, naming it', async () => {
    const result = await collect(
      spawn(process.execPath, [MAIN], {
        env: cleanEnv({ POLL_CRON: 'whenever', POLICYWIRE_DB: dir.file('p.db') }),
        cwd: dir.path,
      }),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/POLL_CRON: must be a cron expression/);
  });
});
