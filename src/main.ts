/**
 * `npm start`: the composition root. Settings → database and migrations → stores → pipeline →
 * Discord client when DISCORD_TOKEN is set, else console mode → scheduler.
 */
import { openApp } from './app.js';
import { loadConfig, loadDotEnv } from './config.js';
import { UserError } from './errors.js';
import { createLogger } from './log.js';
import { startHealthServer } from './ops/healthServer.js';
import { createMetrics } from './ops/metrics.js';
import { createReadiness } from './ops/readiness.js';
import { runConsoleMode, runDiscordMode, type ServiceOptions } from './service.js';

// Console mode prints to stdout; if whoever reads it goes away (`npm start | head`), keep running
// and stop printing rather than crash mid-poll.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

async function main(): Promise<number> {
  loadDotEnv();
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const app = openApp(config, log);
  const metrics = createMetrics();
  const readiness = createReadiness({
    poll: 'the first poll has not finished',
    ...(config.discordToken ? { discord: 'not connected to Discord yet' } : {}),
  });
  let running = true;
  const health = config.healthPort
    ? await startHealthServer({
        port: config.healthPort,
        host: config.healthHost,
        metrics,
        live: () => running,
        ready: readiness.state,
        log,
      }).catch((error: unknown) => {
        app.close();
        throw new UserError(
          `HEALTH_PORT ${config.healthPort}: cannot listen on ${config.healthHost} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
        );
      })
    : undefined;
  // The health server logs its own "health endpoint listening" line (host, port).
  const observe: ServiceOptions = {
    onReady: () => readiness.clear('discord'),
    onReport: (report) => {
      readiness.clear('poll');
      metrics.recordPoll(report);
      metrics.setQueueDepth(app.deliveries.pendingCount());
    },
    onDeliveryOutcome: (outcome) => metrics.recordDelivery(outcome),
    onDiscordError: (code) => metrics.recordDiscordError(code),
  };
  try {
    if (config.discordToken) await runDiscordMode(app, config.discordToken, observe);
    else await runConsoleMode(app, observe);
    return 0;
  } finally {
    running = false;
    await health?.close();
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
