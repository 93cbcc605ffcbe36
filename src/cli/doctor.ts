/**
 * `policywire doctor`: checks what a self-hoster gets wrong — settings, the feeds file, the
 * database, the feeds themselves (unless --offline) and the Discord token — and says how to fix
 * each problem. Exit 0 when everything is fine, 1 when something needs fixing.
 */
import { accessSync, constants, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { type Config, loadConfig, loadDotEnv } from '../config.js';
import type { FeedDefinition } from '../core/types.js';
import { fetchApplication } from '../discord/application.js';
import { loadFeedsFile } from '../feeds/feedsFile.js';
import { fetchFeed } from '../feeds/fetchFeed.js';
import { parseFeedBytes } from '../feeds/parseFeed.js';
import { mapConcurrent } from '../jobs/concurrency.js';
import { inspectDatabase, openDatabase } from '../storage/database.js';
import { createSqliteDeliveryStore } from '../storage/deliveryStore.js';
import { createSqliteFeedStore } from '../storage/feedStore.js';
import { createSqliteStoryStore } from '../storage/storyStore.js';

export interface DoctorOptions {
  offline: boolean;
  db?: string | undefined;
  feeds?: string | undefined;
}

type Status = 'ok' | 'warn' | 'fail' | 'skip';
interface Finding {
  status: Status;
  check: string;
  detail: string;
  fix?: string;
}

const ICON: Record<Status, string> = { ok: 'ok  ', warn: 'WARN', fail: 'FAIL', skip: 'skip' };

/** Runs every check, writes a report, and returns the exit code. */
export async function runDoctor(options: DoctorOptions, out: (line: string) => void): Promise<number> {
  const findings: Finding[] = [];
  const add = (f: Finding) => {
    findings.push(f);
    out(`[${ICON[f.status]}] ${f.check}: ${f.detail}${f.fix ? `\n       fix: ${f.fix}` : ''}`);
  };

  // 1. Settings
  let config: Config;
  try {
    loadDotEnv();
    config = loadConfig(undefined, { db: options.db, feeds: options.feeds });
    add({ status: 'ok', check: 'settings', detail: 'all valid' });
  } catch (error) {
    add({
      status: 'fail',
      check: 'settings',
      detail: (error as Error).message,
      fix: 'correct the settings named above in the environment or .env (see .env.example)',
    });
    return 1;
  }
  if (config.userAgent.includes('github.com/policywire/policywire')) {
    add({
      status: 'warn',
      check: 'HTTP_USER_AGENT',
      detail: 'the default User-Agent names no contact of yours',
      fix: 'set HTTP_USER_AGENT="policywire (you@example.org)": sec.gov and others refuse anonymous pollers',
    });
  }

  // 2. Feeds file
  let definitions: FeedDefinition[] = [];
  try {
    definitions = loadFeedsFile(config.feedsFile);
    add({
      status: 'ok',
      check: 'feeds file',
      detail: `${config.feedsFile}: ${definitions.length} feeds${config.feedsFileIsDefault ? ' (the bundled list)' : ''}`,
    });
  } catch (error) {
    add({
      status: 'fail',
      check: 'feeds file',
      detail: (error as Error).message,
      fix: 'fix the entry and field named above, or unset POLICYWIRE_FEEDS to use the bundled list',
    });
  }

  // 3. Database
  try {
    const exists = config.dbPath === ':memory:' || existsSync(config.dbPath);
    if (!exists) {
      const dir = dirname(config.dbPath);
      if (existsSync(dir)) accessSync(dir, constants.W_OK);
      add({
        status: 'ok',
        check: 'database',
        detail: `${config.dbPath} does not exist yet; it will be created on first start`,
      });
    } else {
      const db = openDatabase(config.dbPath);
      const { integrity, schemaVersion: version, latestVersion } = inspectDatabase(db);
      const stories = createSqliteStoryStore(db).count();
      const pending = createSqliteDeliveryStore(db).pendingCount();
      const failing = createSqliteFeedStore(db)
        .list()
        .filter((f) => f.status === 'failing')
        .map((f) => ({ id: f.id, last_error: f.lastError ?? '' }));
      db.close();
      if (integrity !== 'ok')
        add({
          status: 'fail',
          check: 'database',
          detail: `integrity check: ${String(integrity)}`,
          fix: 'restore the last backup (docs/operations.md)',
        });
      else
        add({
          status: 'ok',
          check: 'database',
          detail: `${config.dbPath}: schema ${version}/${latestVersion}, ${stories} stories, ${pending} posts queued`,
        });
      if (failing.length > 0) {
        add({
          status: 'warn',
          check: 'feeds (last poll)',
          detail: `${failing.length} failing: ${failing
            .slice(0, 5)
            .map((f) => `${f.id} (${f.last_error})`)
            .join('; ')}${failing.length > 5 ? '; …' : ''}`,
          fix: 'see `policywire sources`; fix or remove those feeds',
        });
      }
    }
  } catch (error) {
    add({
      status: 'fail',
      check: 'database',
      detail: (error as Error).message,
      fix: 'point POLICYWIRE_DB at a writable location, or restore a backup',
    });
  }

  // 4. Feeds, fetched now
  if (options.offline) add({ status: 'skip', check: 'feeds', detail: 'not fetched (--offline)' });
  else if (definitions.length > 0) {
    const results = await mapConcurrent(definitions, config.pollConcurrency, async (feed) => {
      const fetched = await fetchFeed({
        url: feed.url,
        userAgent: config.userAgent,
        limits: { timeoutMs: config.fetchTimeoutMs, maxBytes: config.fetchMaxBytes },
      });
      if (fetched.status !== 'ok')
        return { feed, error: fetched.status === 'not-modified' ? undefined : fetched.message };
      const parsed = await parseFeedBytes(fetched.body, {
        contentType: fetched.contentType,
        baseUrl: fetched.finalUrl,
        now: Date.now(),
        maxBytes: config.fetchMaxBytes,
      });
      return {
        feed,
        error: parsed.ok ? undefined : parsed.reason,
        items: parsed.ok ? parsed.feed.items.length : 0,
      };
    });
    const bad = results.filter((r) => r.error);
    if (bad.length === 0)
      add({ status: 'ok', check: 'feeds', detail: `all ${results.length} answered with a feed` });
    else {
      for (const r of bad)
        add({
          status: 'warn',
          check: `feed ${r.feed.id}`,
          detail: `${r.feed.url}: ${r.error}`,
          fix: /403|User-Agent/i.test(r.error ?? '')
            ? 'set HTTP_USER_AGENT with a contact address'
            : 'check the URL in a browser; replace or remove the feed',
        });
      add({
        status: bad.length === results.length ? 'fail' : 'warn',
        check: 'feeds',
        detail: `${results.length - bad.length} of ${results.length} answered with a feed`,
        fix:
          bad.length === results.length
            ? 'no feed is reachable: check this machine’s network and proxy'
            : undefined,
      });
    }
  }

  // 5. Discord token
  if (!config.discordToken)
    add({
      status: 'skip',
      check: 'Discord',
      detail: 'DISCORD_TOKEN not set: npm start runs in console mode',
    });
  else {
    try {
      const application = await fetchApplication(config.discordToken, config.discordApiUrl);
      add({
        status: 'ok',
        check: 'Discord',
        detail: `token accepted: application ${application.name} (${application.id})`,
      });
      out(`       invite: ${application.inviteUrl}`);
    } catch (error) {
      add({
        status: 'fail',
        check: 'Discord',
        detail: `token refused or Discord unreachable: ${(error as Error).message}`,
        fix: 'reset the token in the Developer Portal (Bot → Reset Token) and set DISCORD_TOKEN',
      });
    }
  }

  const failed = findings.filter((f) => f.status === 'fail').length;
  const warned = findings.filter((f) => f.status === 'warn').length;
  out(
    failed === 0
      ? `\n${warned === 0 ? 'All good.' : `No blocking problem; ${warned} warning(s).`}`
      : `\n${failed} problem(s) to fix.`,
  );
  return failed === 0 ? 0 : 1;
}
