/**
 * `npm run deploy:commands`: registers the slash commands in commands/ with Discord — to
 * DISCORD_DEV_GUILD_ID when set (instant, for development), else globally. Uses the same settings
 * as `npm start`; the application id is read from the API with the token.
 */
import { commandData } from '../commands/index.js';
import { loadConfig, loadDotEnv } from '../src/config.js';
import { registerCommands } from '../src/discord/application.js';
import { UserError } from '../src/errors.js';

async function deploy(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  if (!config.discordToken) {
    throw new UserError(
      'DISCORD_TOKEN is not set: the commands are registered with the bot’s token (see README, "Discord setup").',
    );
  }
  let result: Awaited<ReturnType<typeof registerCommands>>;
  try {
    result = await registerCommands(
      config.discordToken,
      config.discordApiUrl,
      commandData,
      config.discordDevGuildId,
    );
  } catch (error) {
    throw new UserError(`Discord refused the registration: ${(error as Error).message}`);
  }
  const where = config.discordDevGuildId
    ? `server ${config.discordDevGuildId} (available now)`
    : 'all servers (global commands can take up to an hour to appear)';
  process.stdout.write(
    `Registered ${result.names.length} commands for ${result.application.name} in ${where}: ${result.names.map((n) => `/${n}`).join(', ')}\n`,
  );
  process.stdout.write(`Invite the bot with: ${result.application.inviteUrl}\n`);
}

deploy().then(
  () => {
    process.exitCode = 0;
  },
  (error: unknown) => {
    process.stderr.write(
      `deploy:commands: ${error instanceof UserError ? error.message : ((error as Error)?.stack ?? String(error))}\n`,
    );
    process.exitCode = 1;
  },
);
