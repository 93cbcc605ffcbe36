import { writeFileSync } from 'node:fs';
import pino from 'pino';
import { type App, type AppOptions, openApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { FeedDefinition } from '../../src/core/types.js';
import { tempDir } from './tempDir.js';

export interface TestApp extends App {
  feedsPath: string;
  writeFeeds: (feeds: Array<Partial<FeedDefinition> & Pick<FeedDefinition, 'id' | 'url'>>) => void;
  cleanup: () => void;
}

/** A real App on a temporary SQLite file with a feeds file we control; silent logs. */
export function createTestApp(
  feeds: Array<Partial<FeedDefinition> & Pick<FeedDefinition, 'id' | 'url'>>,
  options: AppOptions & { env?: Record<string, string> } = {},
): TestApp {
  const dir = tempDir();
  const feedsPath = dir.file('feeds.json');
  const writeFeeds: TestApp['writeFeeds'] = (list) =>
    writeFileSync(
      feedsPath,
      JSON.stringify({ feeds: list.map((f) => ({ name: f.id, kind: 'media', ...f })) }),
    );
  writeFeeds(feeds);
  const config = loadConfig({
    POLICYWIRE_DB: dir.file('test.db'),
    POLICYWIRE_FEEDS: feedsPath,
    LOG_LEVEL: 'silent',
    FETCH_TIMEOUT_MS: '2000',
    ...options.env,
  });
  const app = openApp(config, pino({ level: 'silent' }), options);
  return {
    ...app,
    feedsPath,
    writeFeeds,
    cleanup: () => {
      app.close();
      dir.cleanup();
    },
  };
}
