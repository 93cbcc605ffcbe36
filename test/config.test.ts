import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, SETTING_NAMES } from '../src/config.js';
import { ConfigError } from '../src/errors.js';
import { DEFAULT_FEEDS_FILE } from '../src/paths.js';
import { ROOT } from './helpers/cli.js';

describe('settings', () => {
  it('has sane defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      pollCron: '*/10 * * * *',
      pollConcurrency: 8,
      parseWorkers: 1,
      retentionDays: 180,
      logLevel: 'info',
      feedsFile: DEFAULT_FEEDS_FILE,
      discordToken: undefined,
      subscriptionLimit: 25,
      summaryProvider: 'extractive',
    });
    expect(config.dbPath).toBe(join(process.cwd(), 'data', 'policywire.db'));
    expect(config.userAgent).toMatch(/policywire.*https:\/\/github\.com\//);
  });

  it('reports every bad setting at once, and never echoes a secret', () => {
    let message = '';
    try {
      loadConfig({
        POLL_CONCURRENCY: '1000',
        PARSE_WORKERS: '-1',
        LOG_LEVEL: 'loud',
        DISCORD_API_URL: 'not a url',
        SUMMARY_PROVIDER: 'magic',
        OPENAI_BASE_URL: 'ftp://x',
        HEALTH_PORT: '70000',
      });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    for (const name of [
      'POLL_CONCURRENCY',
      'PARSE_WORKERS',
      'LOG_LEVEL',
      'DISCORD_API_URL',
      'SUMMARY_PROVIDER',
      'OPENAI_BASE_URL',
      'HEALTH_PORT',
    ])
      expect(message).toContain(name);
    let secretMessage = '';
    try {
      loadConfig({ DISCORD_TOKEN: 'token-very-secret', OPENAI_API_KEY: 'sk-very-secret', POLL_CRON: 'x' });
    } catch (error) {
      secretMessage = (error as Error).message;
    }
    expect(secretMessage).toMatch(/POLL_CRON/);
    expect(secretMessage).not.toMatch(/very-secret/);
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ DISCORD_TOKEN: '', POLL_CRON: '', HEALTH_PORT: '' })).toMatchObject({
      discordToken: undefined,
      pollCron: '*/10 * * * *',
      healthPort: undefined,
    });
  });

  it('documents every setting in the README and .env.example', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const example = readFileSync(join(ROOT, '.env.example'), 'utf8');
    for (const name of SETTING_NAMES) {
      expect(readme, `README lacks ${name}`).toContain(`\`${name}\``);
      expect(example, `.env.example lacks ${name}`).toMatch(new RegExp(`^${name}=`, 'm'));
    }
  });
});
