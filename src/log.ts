/**
 * The root logger: pino, JSON lines on stderr (stdout belongs to command output and console posts),
 * with tokens and keys redacted wherever they appear in a logged object.
 */
import pino from 'pino';
import type { LogLevel } from './config.js';

export type Logger = pino.Logger;

export const REDACT_PATHS = [
  'token',
  '*.token',
  'discordToken',
  '*.discordToken',
  'apiKey',
  '*.apiKey',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'config.discordToken',
  'config.openaiApiKey',
];

/** Creates the root logger. `destination` defaults to stderr. */
export function createLogger(
  level: LogLevel,
  destination: pino.DestinationStream = pino.destination({ fd: 2, sync: true }),
): Logger {
  return pino(
    { level, base: { app: 'policywire' }, redact: { paths: REDACT_PATHS, censor: '[redacted]' } },
    destination,
  );
}
