/**
 * Settings: the one place that reads `process.env`. Every setting is validated at start and every
 * problem is reported at once; nothing starts half-configured.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import cron from 'node-cron';
import { z } from 'zod';
import { ConfigError } from './errors.js';
import { DEFAULT_FEEDS_FILE } from './paths.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const DEFAULT_USER_AGENT =
  'policywire/0.1 (+https://github.com/policywire/policywire; crypto policy news bot)';

const int = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be between ${min} and ${max}`);

const optionalString = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();

const schema = z.object({
  POLICYWIRE_DB: z.string().trim().min(1).default('data/policywire.db'),
  POLICYWIRE_FEEDS: z.string().trim().min(1).optional(),
  POLL_CRON: z
    .string()
    .trim()
    .default('*/10 * * * *')
    .refine(
      (v) => cron.validate(v),
      'must be a cron expression with 5 fields (or 6, with seconds first), e.g. "*/10 * * * *"',
    ),
  POLL_CONCURRENCY: int(1, 64).default(8),
  PARSE_WORKERS: int(0, 16).default(1),
  RETENTION_DAYS: int(1, 3650).default(180),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  HTTP_USER_AGENT: z.string().trim().min(1).max(300).default(DEFAULT_USER_AGENT),
  FETCH_TIMEOUT_MS: int(1000, 120_000).default(15_000),
  FETCH_MAX_BYTES: int(64 * 1024, 50 * 1024 * 1024).default(5 * 1024 * 1024),
  DISCORD_TOKEN: optionalString,
  DISCORD_API_URL: z
    .string()
    .trim()
    .refine(
      (v) => /^https?:\/\/[^\s]+$/.test(v),
      'must be an http(s) URL such as http://127.0.0.1:8080/api (the API version is appended)',
    )
    .optional(),
  DISCORD_DEV_GUILD_ID: z
    .string()
    .trim()
    .regex(/^\d{15,22}$/, 'must be a server (guild) id: 15–22 digits')
    .optional(),
  SUBSCRIPTION_LIMIT: int(1, 500).default(25),
  SUMMARY_PROVIDER: z
    .enum(['extractive', 'openai'], { error: 'must be "extractive" or "openai"' })
    .default('extractive'),
  OPENAI_BASE_URL: z
    .string()
    .trim()
    .refine((v) => /^https?:\/\/[^\s]+$/.test(v), 'must be an http(s) URL such as https://api.openai.com/v1')
    .default('https://api.openai.com/v1'),
  OPENAI_API_KEY: optionalString,
  SUMMARY_MODEL: z.string().trim().min(1).max(100).default('gpt-4o-mini'),
  SUMMARY_TIMEOUT_MS: int(1000, 120_000).default(20_000),
  SUMMARY_DAILY_BUDGET: int(0, 1_000_000).default(500),
  HEALTH_PORT: int(1, 65535).optional(),
  HEALTH_HOST: z.string().trim().min(1).default('127.0.0.1'),
});

export type LogLevel = (typeof LOG_LEVELS)[number];

/** Every setting's name (for documentation checks and `policywire doctor`). */
export const SETTING_NAMES: readonly string[] = Object.keys(schema.shape);

export interface Config {
  dbPath: string;
  feedsFile: string;
  /** True when POLICYWIRE_FEEDS was not set and the bundled list is used. */
  feedsFileIsDefault: boolean;
  pollCron: string;
  pollConcurrency: number;
  /** Worker threads that parse and enrich feeds; 0: in the main thread. */
  parseWorkers: number;
  retentionDays: number;
  logLevel: LogLevel;
  userAgent: string;
  fetchTimeoutMs: number;
  fetchMaxBytes: number;
  discordToken: string | undefined;
  /** REST base for Discord (discord.js appends the API version); undefined = Discord's own. */
  discordApiUrl: string | undefined;
  discordDevGuildId: string | undefined;
  subscriptionLimit: number;
  summaryProvider: 'extractive' | 'openai';
  openaiBaseUrl: string;
  openaiApiKey: string | undefined;
  summaryModel: string;
  summaryTimeoutMs: number;
  summaryDailyBudget: number;
  healthPort: number | undefined;
  healthHost: string;
}

/** Names of settings whose values must never be printed or logged. */
export const SECRET_SETTINGS = ['DISCORD_TOKEN', 'OPENAI_API_KEY'] as const;

/**
 * Loads `.env` from the working directory when present (values already in the environment win),
 * as Node's own `process.loadEnvFile` does.
 */
export function loadDotEnv(path = '.env'): void {
  if (!existsSync(path)) return;
  try {
    process.loadEnvFile(path);
  } catch (error) {
    throw new ConfigError(`.env: cannot be read (${(error as Error).message})`);
  }
}

/** Validates settings from `env` (default `process.env`); throws ConfigError naming every bad one. */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: { db?: string | undefined; feeds?: string | undefined; defaults?: Record<string, string> } = {},
): Config {
  const input: Record<string, string | undefined> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = env[key] ?? overrides.defaults?.[key];
    // An empty value means "not set", as in most .env conventions.
    input[key] = value === undefined || value.trim() === '' ? undefined : value;
  }
  if (overrides.db) input.POLICYWIRE_DB = overrides.db;
  if (overrides.feeds) input.POLICYWIRE_FEEDS = overrides.feeds;
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? 'settings');
      const shown = (SECRET_SETTINGS as readonly string[]).includes(key)
        ? ''
        : ` (got ${JSON.stringify(input[key])})`;
      return `  ${key}: ${issue.message}${shown}`;
    });
    throw new ConfigError(`invalid settings:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return {
    dbPath: c.POLICYWIRE_DB === ':memory:' ? c.POLICYWIRE_DB : resolve(c.POLICYWIRE_DB),
    feedsFile: c.POLICYWIRE_FEEDS ? resolve(c.POLICYWIRE_FEEDS) : DEFAULT_FEEDS_FILE,
    feedsFileIsDefault: !c.POLICYWIRE_FEEDS,
    pollCron: c.POLL_CRON,
    pollConcurrency: c.POLL_CONCURRENCY,
    parseWorkers: c.PARSE_WORKERS,
    retentionDays: c.RETENTION_DAYS,
    logLevel: c.LOG_LEVEL,
    userAgent: c.HTTP_USER_AGENT,
    fetchTimeoutMs: c.FETCH_TIMEOUT_MS,
    fetchMaxBytes: c.FETCH_MAX_BYTES,
    discordToken: c.DISCORD_TOKEN,
    discordApiUrl: c.DISCORD_API_URL?.replace(/\/+$/, ''),
    discordDevGuildId: c.DISCORD_DEV_GUILD_ID,
    subscriptionLimit: c.SUBSCRIPTION_LIMIT,
    summaryProvider: c.SUMMARY_PROVIDER,
    openaiBaseUrl: c.OPENAI_BASE_URL.replace(/\/+$/, ''),
    openaiApiKey: c.OPENAI_API_KEY,
    summaryModel: c.SUMMARY_MODEL,
    summaryTimeoutMs: c.SUMMARY_TIMEOUT_MS,
    summaryDailyBudget: c.SUMMARY_DAILY_BUDGET,
    healthPort: c.HEALTH_PORT,
    healthHost: c.HEALTH_HOST,
  };
}
