/**
 * Talking to Discord's REST API with the bot token outside the running bot: checking the token
 * (doctor) and registering the slash commands (deploy script). The application id is read from
 * the API, so no setting is needed for it.
 */
import {
  REST,
  type RESTGetCurrentApplicationResult,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  type RESTPutAPIApplicationCommandsResult,
  Routes,
} from 'discord.js';
import { restOptions } from './bot.js';
import { INVITE_PERMISSIONS } from './commandKit.js';

export interface ApplicationInfo {
  id: string;
  name: string;
  /** The invite URL with the scopes and permissions policywire needs. */
  inviteUrl: string;
}

/** A REST client for `token` outside the running bot (doctor, deploy script, benchmarks). */
export function restClient(token: string, apiUrl: string | undefined): REST {
  return new REST({ ...restOptions(apiUrl), timeout: 10_000 }).setToken(token);
}

/** Reads the application behind `token`; rejects when Discord refuses the token or cannot be reached. */
export async function fetchApplication(token: string, apiUrl: string | undefined): Promise<ApplicationInfo> {
  const application = (await restClient(token, apiUrl).get(
    Routes.currentApplication(),
  )) as RESTGetCurrentApplicationResult;
  return {
    id: application.id,
    name: application.name,
    inviteUrl: `https://discord.com/oauth2/authorize?client_id=${application.id}&scope=bot%20applications.commands&permissions=${INVITE_PERMISSIONS}`,
  };
}

/** Registers `commands` to one server (instant) or globally; returns the registered names. */
export async function registerCommands(
  token: string,
  apiUrl: string | undefined,
  commands: readonly RESTPostAPIChatInputApplicationCommandsJSONBody[],
  guildId?: string,
): Promise<{ application: ApplicationInfo; names: string[] }> {
  const application = await fetchApplication(token, apiUrl);
  const route = guildId
    ? Routes.applicationGuildCommands(application.id, guildId)
    : Routes.applicationCommands(application.id);
  const registered = (await restClient(token, apiUrl).put(route, {
    body: commands,
  })) as RESTPutAPIApplicationCommandsResult;
  return { application, names: registered.map((c) => c.name) };
}
