import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeDiscord, startFakeDiscord } from '../fakes/discord/index.js';
import { runCli } from '../helpers/cli.js';
import { type FeedServer, startFeedServer } from '../helpers/feedServer.js';
import { fixture } from '../helpers/fixtures.js';
import { tempDir } from '../helpers/tempDir.js';

let dir: ReturnType<typeof tempDir>;
let server: FeedServer;
let fake: FakeDiscord;
let env: Record<string, string>;

beforeAll(async () => {
  dir = tempDir();
  server = await startFeedServer({
    '/ok.xml': { body: fixture('feeds/sec-press.xml') },
    '/403': { status: 403 },
  });
  fake = await startFakeDiscord();
  writeFileSync(
    dir.file('feeds.json'),
    JSON.stringify({
      feeds: [
        { id: 'good', name: 'Good', url: server.url('/ok.xml'), kind: 'regulator', jurisdictions: ['us'] },
        { id: 'blocked', name: 'Blocked', url: server.url('/403'), kind: 'media' },
      ],
    }),
  );
  env = {
    POLICYWIRE_DB: dir.file('p.db'),
    POLICYWIRE_FEEDS: dir.file('feeds.json'),
    HTTP_USER_AGENT: 'policywire-test (ops@example.org)',
  };
});
afterAll(async () => {
  await fake.close();
  await server.close();
  dir.cleanup();
});

describe('policywire doctor', () => {
  it('checks settings, feeds file, database and feeds, and names what to fix', async () => {
    await runCli(['poll', '--once'], env);
    const result = await runCli(['doctor'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/\[ok {2}\] settings: all valid/);
    expect(result.stdout).toMatch(/\[ok {2}\] feeds file: .*2 feeds/);
    expect(result.stdout).toMatch(/\[ok {2}\] database: .*schema \d+\/\d+, 3 stories/);
    expect(result.stdout).toMatch(/\[WARN\] feed blocked: .*HTTP 403/);
    expect(result.stdout).toMatch(/fix: set HTTP_USER_AGENT with a contact address/);
    expect(result.stdout).toMatch(/\[skip\] Discord: DISCORD_TOKEN not set/);
  });

  it('skips the network with --offline', async () => {
    const before = server.requests.length;
    const result = await runCli(['doctor', '--offline'], env);
    expect(result.stdout).toMatch(/\[skip\] feeds: not fetched \(--offline\)/);
    expect(server.requests.length).toBe(before);
  });

  it('checks the token against Discord and prints the invite link, never the token', async () => {
    const ok = await runCli(['doctor', '--offline'], {
      ...env,
      DISCORD_TOKEN: fake.token,
      DISCORD_API_URL: fake.apiUrl,
    });
    expect(ok.stdout).toMatch(/All good|No blocking problem/);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/\[ok {2}\] Discord: token accepted/);
    expect(ok.stdout).toMatch(
      new RegExp(`client_id=${fake.application.id}&scope=bot%20applications.commands&permissions=84992`),
    );
    expect(ok.stdout + ok.stderr).not.toContain(fake.token);
    const bad = await runCli(['doctor', '--offline'], {
      ...env,
      DISCORD_TOKEN: 'not-the-token',
      DISCORD_API_URL: fake.apiUrl,
    });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/\[FAIL\] Discord: token refused/);
    expect(bad.stdout).not.toContain('not-the-token');
  });

  it('fails on bad settings and a bad feeds file, saying how to fix them', async () => {
    const settings = await runCli(['doctor', '--offline'], { ...env, POLL_CONCURRENCY: 'many' });
    expect(settings.code).toBe(1);
    expect(settings.stdout).toMatch(/\[FAIL\] settings: invalid settings:\n\s+POLL_CONCURRENCY/);
    writeFileSync(dir.file('bad.json'), '{"feeds":[{"id":"x"}]}');
    const feeds = await runCli(['doctor', '--offline', '--feeds', dir.file('bad.json')], env);
    expect(feeds.code).toBe(1);
    expect(feeds.stdout).toMatch(/\[FAIL\] feeds file: .*feeds\[0\] \("x"\) field "name"/s);
  });
});
