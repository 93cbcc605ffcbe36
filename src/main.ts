/**
 * `npm start`: the composition root. Settings → database and migrations → stores → pipeline →
 * Discord client when DISCORD_TOKEN is set, else console mode → scheduler.
 */
import { openApp } from './app.js';
import { loadConfig, loadDotEnv } from './config.js';
import { UserError } from './errors.js';
import { createLogger } from './log.js';
import { runConsoleMode, runDiscordMode } from './service.js';

async function main(): Promise<number> {
  loadDotEnv();
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const app = openApp(config, log);
  try {
    if (config.discordToken) await runDiscordMode(app, config.discordToken);
    else await runConsoleMode(app);
    return 0;
  } finally {
    app.close();
    log.info('stopped');
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UserError) process.stderr.write(`policywire: ${error.message}\n`);
    else process.stderr.write(`policywire: unexpected error: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
