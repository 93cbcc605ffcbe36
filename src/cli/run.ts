import { parseArgs } from 'node:util';
import { type App, openApp } from '../app.js';
import { type Config, loadConfig, loadDotEnv } from '../config.js';
import { parseDuration } from '../core/duration.js';
import { toPost } from '../core/post.js';
import { isoMinute, renderPostText } from '../core/render.js';
import { TOPICS } from '../core/topics/index.js';
import { runDaemon } from '../daemon.js';
import { UsageError, UserError } from '../errors.js';
import { findNews } from '../jobs/news.js';
import type { PollReport } from '../jobs/pollFeeds.js';
import { createLogger } from '../log.js';
import { runDoctor } from './doctor.js';

export interface CliIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

const USAGE = `Usage: policywire <command> [options]

Commands:
  poll      Fetch the feeds and store new stories
  news      List stories, newest first
  sources   List the feeds and their health
  topics    List the topics (jurisdictions and themes) and their aliases
  doctor    Check settings, database, feeds and token, and say how to fix problems
  help      Show help for a command

Options for every command:
  --db FILE      Database file (default: POLICYWIRE_DB, or data/policywire.db)
  -h, --help     Show help

Run "policywire <command> --help" for the options of a command.`;

const HELP: Record<string, string> = {
  poll: `Usage: policywire poll [--once] [--feeds FILE] [--db FILE]

Fetches every due feed, stores new stories and prints a line per feed and a total.
  --once         Run one poll and exit (without it, keep polling on POLL_CRON until Ctrl-C)
  --feeds FILE   Feeds file, JSON or OPML (default: POLICYWIRE_FEEDS, or the bundled list)
  --db FILE      Database file
Exit status: 0 when the run completed (even if some feeds failed), 1 on a fatal error.`,
  news: `Usage: policywire news [TOPIC-OR-QUERY] [--since 7d] [--limit N] [--all] [--json] [--db FILE]

Lists stories, newest first: policy stories only unless --all.
  TOPIC-OR-QUERY A topic slug or alias (china, 中国, pboc, stablecoins, sec…) or else words to search
                 for: plain words, "a phrase", OR, -excluded
  --since DUR    Only stories published in the last DUR (e.g. 24h, 7d, 2w)
  --limit N      At most N stories (default 20, at most 500)
  --all          Include stories that are not policy news
  --json         One JSON array: {id, title, url, source, sources, publishedAt, summary, topics, policy}
  --db FILE      Database file`,
  doctor: `Usage: policywire doctor [--offline] [--feeds FILE] [--db FILE]

Checks the settings, the feeds file, the database, every feed (fetched once, nothing stored;
skipped with --offline) and the Discord token when set, and prints what is wrong and how to fix it.
Exit status: 0 when nothing blocks running, 1 otherwise.`,
  topics: `Usage: policywire topics [--json] [--db FILE]

Lists every topic: slug, name, kind (jurisdiction or theme), aliases, and how many policy stories have it.
  --json         One JSON array: {slug, name, kind, aliases, stories}
  --db FILE      Database file (for the story counts)`,
  sources: `Usage: policywire sources [--json] [--feeds FILE] [--db FILE]

Lists every feed with its health: ok, failing, inactive or never-fetched.
  --json         One JSON array: {id, name, url, kind, status, lastError, itemCount, lastFetchedAt, nextPollAt}
  --feeds FILE   Feeds file to sync first (default: POLICYWIRE_FEEDS, or the bundled list)
  --db FILE      Database file`,
};

/** Runs the CLI and returns the exit code. Never throws. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const out = (text: string) => io.stdout.write(`${text}\n`);
  const err = (text: string) => io.stderr.write(`${text}\n`);
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '-h' || command === '--help') {
      (command === undefined ? err : out)(USAGE);
      return command === undefined ? 2 : 0;
    }
    if (command === 'help') {
      const topic = rest[0];
      out(topic && HELP[topic] ? (HELP[topic] as string) : USAGE);
      return 0;
    }
    if (command === '--version' || command === '-v') {
      out('policywire 0.1.0');
      return 0;
    }
    switch (command) {
      case 'poll':
        return await pollCommand(rest, io);
      case 'news':
        return newsCommand(rest, io);
      case 'sources':
        return sourcesCommand(rest, io);
      case 'topics':
        return topicsCommand(rest, io);
      case 'doctor': {
        const { values } = parse('doctor', rest, {
          offline: { type: 'boolean' },
          feeds: { type: 'string' },
          db: { type: 'string' },
        });
        if (values.help) return help('doctor', io);
        return await runDoctor(
          { offline: values.offline === true, db: text(values.db), feeds: text(values.feeds) },
          (line) => io.stdout.write(`${line}\n`),
        );
      }
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      err(`policywire: ${error.message}\n`);
      err(command && HELP[command] ? (HELP[command] as string) : USAGE);
      return 2;
    }
    if (error instanceof UserError) {
      err(`policywire: ${error.message}`);
      return 1;
    }
    err(`policywire: unexpected error: ${(error as Error)?.stack ?? String(error)}`);
    return 1;
  }
}

type Options = Record<string, { type: 'string' | 'boolean'; short?: string }>;

interface Parsed {
  values: Record<string, string | boolean | undefined> & { help?: boolean };
  positionals: string[];
}

function parse(command: string, args: string[], options: Options, positionals = 0): Parsed {
  try {
    const parsed = parseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: positionals > 0,
      strict: true,
    });
    if (parsed.positionals.length > positionals)
      throw new UsageError(`${command}: unexpected argument "${parsed.positionals[positionals]}"`);
    return parsed as Parsed;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    // parseArgs names the unknown option or the missing value; keep its words.
    throw new UsageError(
      `${command}: ${(error as Error).message.replace(/\. To specify a positional argument.*$/s, '')}`,
    );
  }
}

function text(value: string | boolean | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function setup(values: Parsed['values']): { config: Config; app: () => App } {
  loadDotEnv();
  // Command output goes to stdout and already reports each feed's failure; only errors are logged
  // to stderr unless LOG_LEVEL says otherwise.
  const config = loadConfig(undefined, {
    db: text(values.db),
    feeds: text(values.feeds),
    defaults: { LOG_LEVEL: 'error' },
  });
  return { config, app: () => openApp(config, createLogger(config.logLevel)) };
}

async function pollCommand(args: string[], io: CliIO): Promise<number> {
  const { values } = parse('poll', args, {
    once: { type: 'boolean' },
    feeds: { type: 'string' },
    db: { type: 'string' },
  });
  if (values.help) return help('poll', io);
  const { app: open } = setup(values);
  const app = open();
  try {
    if (!values.once) {
      await runDaemon(app, {
        onReport: (report) => {
          io.stdout.write(`${formatReport(report)}\n`);
        },
      });
      return 0;
    }
    const controller = new AbortController();
    const stop = () => controller.abort();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    try {
      const report = await app.poll(controller.signal);
      io.stdout.write(`${formatReport(report)}\n`);
      return report.aborted ? 130 : 0;
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    }
  } finally {
    app.close();
  }
}

/** One line per feed and a total. */
export function formatReport(report: PollReport): string {
  const width = Math.min(40, Math.max(8, ...report.feeds.map((f) => f.feedId.length)));
  const lines = report.feeds.map((f) => {
    const status = f.outcome === 'ok' || f.outcome === 'not-modified' ? f.outcome : `FAILED ${f.outcome}`;
    const detail = f.error
      ? `: ${f.error}`
      : f.baseline && f.outcome === 'ok'
        ? ` (first poll: ${f.newItems} stored as backlog, not posted)`
        : '';
    return `${f.feedId.padEnd(width)}  ${String(f.newItems).padStart(4)} new  ${status}${detail}`;
  });
  const ok = report.feeds.length - report.failed;
  lines.push(
    `${report.feeds.length} feed(s) polled: ${ok} ok, ${report.failed} failed; ${report.newItems} new item(s), ${report.newStoryIds.length} new stor${report.newStoryIds.length === 1 ? 'y' : 'ies'}${report.aborted ? ' (stopped early)' : ''}`,
  );
  return lines.join('\n');
}

function newsCommand(args: string[], io: CliIO): number {
  const { values, positionals } = parse(
    'news',
    args,
    {
      since: { type: 'string' },
      limit: { type: 'string' },
      all: { type: 'boolean' },
      json: { type: 'boolean' },
      db: { type: 'string' },
    },
    1,
  );
  if (values.help) return help('news', io);
  const subject = positionals[0]?.trim() || undefined;
  const limitText = text(values.limit);
  const sinceText = text(values.since);
  const limit = limitText === undefined ? 20 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500)
    throw new UsageError(`news: --limit must be a whole number from 1 to 500 (got "${limitText}")`);
  let since: number | undefined;
  if (sinceText !== undefined) {
    const ms = parseDuration(sinceText);
    if (ms === undefined)
      throw new UsageError(
        `news: --since takes a duration up to a year, such as 24h, 7d or 2w (got "${sinceText}")`,
      );
    since = Date.now() - ms;
  }
  const { app: open } = setup(values);
  const app = open();
  try {
    const { stories, topic } = findNews(app.stories, { subject, since, limit, all: values.all === true });
    if (values.json) {
      const rows = stories.map((s) => ({
        id: s.id,
        title: s.title,
        url: s.url,
        source: s.source,
        sources: s.sources,
        publishedAt: new Date(s.publishedAt).toISOString(),
        summary: s.summary,
        topics: s.topics,
        policy: s.policy,
      }));
      io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    } else if (stories.length === 0) {
      const about = topic ? ` about ${topic.name}` : subject ? ` matching "${subject}"` : '';
      io.stdout.write(
        `No ${values.all ? '' : 'policy '}stories${about}${sinceText ? ` in the last ${sinceText}` : ''}. ${values.all ? '' : 'Add --all to include other news, or '}run "policywire poll --once" to fetch the feeds.\n`,
      );
    } else {
      io.stdout.write(`${stories.map((s) => renderPostText(toPost(s))).join('\n\n')}\n`);
    }
    return 0;
  } finally {
    app.close();
  }
}

function sourcesCommand(args: string[], io: CliIO): number {
  const { values } = parse('sources', args, {
    json: { type: 'boolean' },
    feeds: { type: 'string' },
    db: { type: 'string' },
  });
  if (values.help) return help('sources', io);
  const { app: open } = setup(values);
  const app = open();
  try {
    app.feeds.sync(app.loadFeeds(), Date.now());
    const feeds = app.feeds.list();
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    if (values.json) {
      const rows = feeds.map((f) => ({
        id: f.id,
        name: f.name,
        url: f.url,
        kind: f.kind,
        status: f.status,
        lastError: f.lastError,
        itemCount: f.itemCount,
        lastFetchedAt: iso(f.lastFetchedAt),
        nextPollAt: f.active ? iso(f.nextPollAt) : null,
      }));
      io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      return 0;
    }
    const width = Math.min(40, Math.max(8, ...feeds.map((f) => f.id.length)));
    for (const f of feeds) {
      const last = f.lastFetchedAt === null ? 'never' : isoMinute(f.lastFetchedAt);
      const error = f.status === 'failing' && f.lastError ? `  (${f.lastError})` : '';
      io.stdout.write(
        `${f.id.padEnd(width)}  ${f.status.padEnd(13)} ${String(f.itemCount).padStart(6)} items  last ${last}${error}\n`,
      );
    }
    const counts: Record<string, number> = {};
    for (const f of feeds) counts[f.status] = (counts[f.status] ?? 0) + 1;
    io.stdout.write(
      `${feeds.length} feed(s): ${Object.entries(counts)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ')}\n`,
    );
    return 0;
  } finally {
    app.close();
  }
}

function topicsCommand(args: string[], io: CliIO): number {
  const { values } = parse('topics', args, { json: { type: 'boolean' }, db: { type: 'string' } });
  if (values.help) return help('topics', io);
  const { app: open } = setup(values);
  const app = open();
  try {
    const counts = app.stories.topicCounts(true);
    const rows = TOPICS.map((t) => ({
      slug: t.slug,
      name: t.name,
      kind: t.kind,
      aliases: [...t.aliases],
      stories: counts.get(t.slug) ?? 0,
    }));
    if (values.json) {
      io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      return 0;
    }
    for (const kind of ['jurisdiction', 'theme'] as const) {
      io.stdout.write(`${kind === 'jurisdiction' ? 'Jurisdictions' : 'Themes'}:\n`);
      for (const row of rows.filter((r) => r.kind === kind)) {
        const aliases =
          row.aliases.slice(0, 8).join(', ') +
          (row.aliases.length > 8 ? `, … (${row.aliases.length - 8} more)` : '');
        io.stdout.write(
          `  ${row.slug.padEnd(14)} ${row.name.padEnd(22)} ${String(row.stories).padStart(6)} stories  ${aliases}\n`,
        );
      }
    }
    return 0;
  } finally {
    app.close();
  }
}

function help(command: string, io: CliIO): number {
  io.stdout.write(`${HELP[command] ?? USAGE}\n`);
  return 0;
}
