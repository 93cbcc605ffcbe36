import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLI, cleanEnv, collect, runCli } from '../helpers/cli.js';
import { type FeedServer, rss, startFeedServer } from '../helpers/feedServer.js';
import { fixture } from '../helpers/fixtures.js';
import { tempDir } from '../helpers/tempDir.js';

let dir: ReturnType<typeof tempDir>;
let server: FeedServer;
let env: Record<string, string>;

function writeFeeds(feeds: object[]): void {
  writeFileSync(dir.file('feeds.json'), JSON.stringify({ feeds }));
}

beforeEach(async () => {
  dir = tempDir();
  server = await startFeedServer({
    '/sec.xml': { body: fixture('feeds/sec-press.xml') },
    '/media.rss': { body: fixture('feeds/media.rss') },
    '/500': { status: 500 },
  });
  env = { POLICYWIRE_DB: dir.file('p.db'), POLICYWIRE_FEEDS: dir.file('feeds.json') };
  writeFeeds([
    {
      id: 'sec-press',
      name: 'SEC press releases',
      url: server.url('/sec.xml'),
      kind: 'regulator',
      jurisdictions: ['us'],
      language: 'en',
    },
    { id: 'crypto-daily', name: 'Crypto Daily', url: server.url('/media.rss'), kind: 'media' },
    { id: 'broken', name: 'Broken feed', url: server.url('/500'), kind: 'media' },
  ]);
});
afterEach(async () => {
  await server.close();
  dir.cleanup();
});

describe('policywire CLI: usage', () => {
  it('prints usage with --help (exit 0) and without a command (exit 2)', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: policywire <command>/);
    const none = await runCli([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/Usage: policywire/);
  });

  it.each([['poll'], ['news'], ['sources']])('has --help for %s', async (command) => {
    const result = await runCli([command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`Usage: policywire ${command}`));
  });

  it.each([
    [['frobnicate'], /unknown command "frobnicate"/],
    [['poll', '--onse'], /Unknown option '--onse'/],
    [['news', '--limit'], /--limit/],
    [['news', '--limit', 'abc'], /--limit must be a whole number/],
    [['news', '--since', 'yesterday'], /--since takes a duration/],
    [['sources', 'extra'], /unexpected argument .extra./i],
  ])('exits 2 with usage for %j', async (args, message) => {
    const result = await runCli(args, env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/Usage: policywire/);
  });
});

describe('policywire CLI: pipes', () => {
  it('stops quietly when stdout is closed early (policywire topics | head)', async () => {
    const child = spawn(process.execPath, [CLI, 'topics'], { env: cleanEnv(env) });
    // Close our end before the CLI writes anything: every write it makes then fails with EPIPE.
    child.stdout?.destroy();
    const done = collect(child);
    const result = await done;
    expect(result.code).toBe(0);
    expect(result.stderr).not.toMatch(/EPIPE|Error/);
  });
});

describe('policywire CLI: settings and feeds file', () => {
  it('stops with every bad setting named, and creates no database', async () => {
    const result = await runCli(['poll', '--once'], {
      ...env,
      POLL_CONCURRENCY: '0',
      POLL_CRON: 'every minute',
      RETENTION_DAYS: 'x',
      DISCORD_TOKEN: 'secret-token',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/POLL_CONCURRENCY: must be between 1 and 64/);
    expect(result.stderr).toMatch(/POLL_CRON: must be a cron expression/);
    expect(result.stderr).toMatch(/RETENTION_DAYS: must be a whole number/);
    expect(existsSync(dir.file('p.db'))).toBe(false);
  });

  it('accepts the 6-field cron form with seconds', async () => {
    const result = await runCli(['sources', '--json'], { ...env, POLL_CRON: '*/30 * * * * *' });
    expect(result.code).toBe(0);
  });

  it('names the entry and field of a bad feeds file, and starts nothing', async () => {
    writeFeeds([
      { id: 'ok', name: 'OK', url: server.url('/sec.xml'), kind: 'media' },
      { id: 'bad', name: 'Bad', url: server.url('/x'), kind: 'newspaper' },
    ]);
    const result = await runCli(['poll', '--once'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/feeds\[1\] \("bad"\) field "kind": must be "media" or "regulator"/);
    expect(existsSync(dir.file('p.db'))).toBe(false);
    expect(server.requests).toHaveLength(0);
  });

  it('creates the default database directory (data/policywire.db) in the working directory', async () => {
    const result = await runCli(['poll', '--once', '--feeds', dir.file('feeds.json')], {}, { cwd: dir.path });
    expect(result.code).toBe(0);
    expect(existsSync(dir.file('data/policywire.db'))).toBe(true);
  });

  it('reports an unusable database as fatal (exit 1)', async () => {
    writeFileSync(dir.file('junk.db'), 'not a database'.repeat(200));
    const result = await runCli(['poll', '--once', '--db', dir.file('junk.db')], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/database .*junk\.db/);
  });
});

describe('policywire CLI: poll, sources, news', () => {
  it('polls once: a line per feed and a total; exit 0 even when a feed fails', async () => {
    const result = await runCli(['poll', '--once'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^sec-press\s+3 new\s+ok \(first poll: 3 stored as backlog, not posted\)$/m,
    );
    expect(result.stdout).toMatch(/^crypto-daily\s+3 new\s+ok/m);
    expect(result.stdout).toMatch(/^broken\s+0 new\s+FAILED http-error: HTTP 500 Internal Server Error$/m);
    expect(result.stdout).toMatch(/^3 feed\(s\) polled: 2 ok, 1 failed; 6 new item\(s\), 0 new stories$/m);
  });

  it('lists sources as JSON with their health', async () => {
    await runCli(['poll', '--once'], env);
    writeFeeds([
      {
        id: 'sec-press',
        name: 'SEC press releases',
        url: server.url('/sec.xml'),
        kind: 'regulator',
        jurisdictions: ['us'],
      },
      { id: 'broken', name: 'Broken feed', url: server.url('/500'), kind: 'media' },
      { id: 'newcomer', name: 'New feed', url: server.url('/new.xml'), kind: 'media' },
    ]);
    const result = await runCli(['sources', '--json'], env);
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
    const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
    expect(Object.keys(rows[0] ?? {}).sort()).toEqual(
      ['id', 'itemCount', 'kind', 'lastError', 'lastFetchedAt', 'name', 'nextPollAt', 'status', 'url'].sort(),
    );
    expect(byId['sec-press']).toMatchObject({
      status: 'ok',
      itemCount: 3,
      lastError: null,
      kind: 'regulator',
      lastFetchedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(byId.broken).toMatchObject({
      status: 'failing',
      lastError: 'HTTP 500 Internal Server Error',
      itemCount: 0,
    });
    expect(byId.newcomer).toMatchObject({ status: 'never-fetched', lastFetchedAt: null, itemCount: 0 });
    expect(byId['crypto-daily']).toMatchObject({ status: 'inactive', itemCount: 3, nextPollAt: null });
    const text = await runCli(['sources'], env);
    expect(text.stdout).toMatch(
      /^broken\s+failing\s+0 items\s+last \S+\s+\(HTTP 500 Internal Server Error\)$/m,
    );
  });

  it('lists news as JSON, newest first, with every field', async () => {
    await runCli(['poll', '--once'], env);
    const result = await runCli(['news', '--all', '--json', '--limit', '4'], env);
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(4);
    expect(Object.keys(rows[0] ?? {}).sort()).toEqual(
      ['id', 'policy', 'publishedAt', 'source', 'sources', 'summary', 'title', 'topics', 'url'].sort(),
    );
    const dates = rows.map((r) => Date.parse(r.publishedAt as string));
    expect([...dates].sort((a, b) => b - a)).toEqual(dates);
    expect(rows[0]).toMatchObject({
      title: "Hong Kong's SFC Grants Two More Virtual Asset Trading Licences",
      url: 'https://cryptodaily.example/news/hk-sfc-licences',
      source: 'Crypto Daily',
      sources: ['Crypto Daily'],
      publishedAt: '2025-11-18T08:15:00.000Z',
    });
    expect(rows[0]?.summary).toMatch(
      /^The Securities and Futures Commission \(SFC\) of Hong Kong granted licences/,
    );
  });

  it('lists policy stories only by default, with topics, and filters by topic, alias or search words', async () => {
    await runCli(['poll', '--once'], env);
    const policy = JSON.parse((await runCli(['news', '--json'], env)).stdout) as Array<{
      title: string;
      topics: string[];
      policy: boolean;
    }>;
    const titles = policy.map((r) => r.title);
    expect(titles).toContain(
      'SEC Charges Crypto Asset Trading Platform With Operating Unregistered Exchange',
    );
    // A regulator's release about a municipal bond adviser is not crypto policy; a price move is not either.
    expect(titles).not.toContain('SEC Obtains Final Judgment Against Municipal Bond Adviser');
    expect(titles).not.toContain('Bitcoin tops $98,000 as ETF inflows continue');
    expect(policy.every((r) => r.policy)).toBe(true);
    const sec = policy.find((r) => r.title.startsWith('SEC Charges'));
    expect(sec?.topics).toEqual(expect.arrayContaining(['us', 'enforcement']));

    const hk = JSON.parse((await runCli(['news', 'hong-kong', '--json'], env)).stdout) as Array<{
      title: string;
    }>;
    expect(hk.map((r) => r.title)).toEqual([
      "Hong Kong's SFC Grants Two More Virtual Asset Trading Licences",
    ]);
    const alias = JSON.parse((await runCli(['news', 'SFC', '--json'], env)).stdout) as Array<{
      title: string;
    }>;
    expect(alias.map((r) => r.title)).toEqual(hk.map((r) => r.title));
    const search = JSON.parse((await runCli(['news', 'custody roundtable', '--json'], env)).stdout) as Array<{
      title: string;
    }>;
    expect(search.map((r) => r.title)).toEqual([
      'SEC Announces Agenda for Crypto Task Force Roundtable on Custody',
    ]);
    const all = JSON.parse((await runCli(['news', '--all', '--json'], env)).stdout) as Array<{
      title: string;
    }>;
    expect(all.map((r) => r.title)).toContain('SEC Obtains Final Judgment Against Municipal Bond Adviser');
    const text = await runCli(['news', 'nigeria'], env);
    expect(text.stdout).toMatch(/No policy stories about Nigeria/);
    const bad = await runCli(['news', '!!!'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/policywire: the search has no words in it/);
  });

  it('lists topics with aliases and story counts', async () => {
    await runCli(['poll', '--once'], env);
    const rows = JSON.parse((await runCli(['topics', '--json'], env)).stdout) as Array<{
      slug: string;
      name: string;
      kind: string;
      aliases: string[];
      stories: number;
    }>;
    const slugs = rows.map((r) => r.slug);
    for (const slug of [
      'us',
      'eu',
      'uk',
      'china',
      'hong-kong',
      'japan',
      'south-korea',
      'singapore',
      'india',
      'uae',
      'russia',
      'brazil',
      'canada',
      'australia',
      'switzerland',
      'el-salvador',
      'nigeria',
      'international',
      'stablecoins',
      'cbdc',
      'tax',
      'aml',
      'securities',
      'enforcement',
      'licensing',
      'ban',
      'etf',
      'mining',
      'defi',
      'sanctions',
      'banking',
      'legislation',
      'custody',
    ]) {
      expect(slugs).toContain(slug);
    }
    const china = rows.find((r) => r.slug === 'china');
    expect(china).toMatchObject({ name: 'China', kind: 'jurisdiction' });
    expect(china?.aliases).toEqual(expect.arrayContaining(['PBoC', '中国']));
    expect(rows.find((r) => r.slug === 'us')?.stories).toBeGreaterThanOrEqual(2);
    const text = await runCli(['topics'], env);
    expect(text.stdout).toMatch(/^Jurisdictions:/m);
    expect(text.stdout).toMatch(/^\s+china\s+China/m);
  });

  it('says how to get news when there is none', async () => {
    const result = await runCli(['news'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/run "policywire poll --once"/);
  });
});

describe('policywire CLI: crash safety', () => {
  it('loses nothing committed and doubles nothing when killed with SIGKILL mid-poll', async () => {
    const FEEDS = 24;
    const ITEMS = 40;
    const feeds = [];
    for (let f = 0; f < FEEDS; f++) {
      const body = rss(
        Array.from({ length: ITEMS }, (_, i) => ({
          title: `Feed ${f} item ${i}`,
          link: `https://crash.example/${f}/${i}`,
          guid: `${f}-${i}`,
          pubDate: 'Mon, 17 Nov 2025 10:00:00 GMT',
        })),
      );
      server.route(`/crash-${f}.xml`, { body, delayMs: 20 + ((f * 37) % 120) });
      feeds.push({ id: `crash-${f}`, name: `Crash ${f}`, url: server.url(`/crash-${f}.xml`), kind: 'media' });
    }
    writeFeeds(feeds);
    const crashEnv = { ...env, POLL_CONCURRENCY: '3' };
    for (const killAfterMs of [250, 500]) {
      const child = spawn(process.execPath, [CLI, 'poll', '--once'], { env: cleanEnv(crashEnv) });
      const done = collect(child);
      await new Promise((r) => setTimeout(r, killAfterMs));
      child.kill('SIGKILL');
      const result = await done;
      expect(result.signal).toBe('SIGKILL');
    }
    const final = await runCli(['poll', '--once'], crashEnv);
    expect(final.code).toBe(0);
    const db = new Database(dir.file('p.db'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare('SELECT count(*) AS n FROM items').get()).toEqual({ n: FEEDS * ITEMS });
    expect(db.prepare('SELECT count(*) AS n FROM stories').get()).toEqual({ n: FEEDS * ITEMS });
    expect(
      db
        .prepare(
          'SELECT count(*) AS n FROM (SELECT feed_id, item_key FROM items GROUP BY 1, 2 HAVING count(*) > 1)',
        )
        .get(),
    ).toEqual({ n: 0 });
    db.close();
  });
});
