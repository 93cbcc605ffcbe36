/**
 * `npm run deploy:commands`: registers the slash commands in commands/ with Discord — to
 * DISCORD_DEV_GUILD_ID when set (instant, for development), else globally. Uses the same settings
 * as `npm start`; the application id is read from the API with the token.
 */
import {
  REST,
  type RESTGetCurrentApplicationResult,
  type RESTPutAPIApplicationCommandsResult,
  Routes,
} from 'discord.js';
import { commandData } from '../commands/index.js';
import { loadConfig, loadDotEnv } from '../src/config.js';
import { restOptions } from '../src/discord/bot.js';
import { UserError } from '../src/errors.js';

async function deploy(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  if (!config.discordToken)
    throw new UserError(
      'DISCORD_TOKEN is not set: the commands are registered with the bot’s token (see README, "Discord setup").',
    );
  const rest = new REST(restOptions(config.discordApiUrl)).setToken(config.discordToken);
  let application: RESTGetCurrentApplicationResult;
  try {
    application = (await rest.get(Routes.currentApplication())) as RESTGetCurrentApplicationResult;
  } catch (error) {
    throw new UserError(`cannot read the application with this token: ${(error as Error).message}`);
  }
  const route = config.discordDevGuildId
    ? Routes.applicationGuildCommands(application.id, config.discordDevGuildId)
    : Routes.applicationCommands(application.id);
  const registered = (await rest.put(route, { body: commandData })) as RESTPutAPIApplicationCommandsResult;
  const where = config.discordDevGuildId
    ? `server ${config.discordDevGuildId} (available now)`
    : 'all servers (global commands can take up to an hour to appear)';
  process.stdout.write(
    `Registered ${registered.length} commands for ${application.name} in ${where}: ${registered.map((c) => `/${c.name}`).join(', ')}\n`,
  );
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
