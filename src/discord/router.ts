/**
 * The interaction router and its error boundary: the one place where a command's failure becomes
 * a reply. A UserError is shown (ephemerally) as it is; anything else gets a generic apology and a
 * log line with the command, server and user — never a stack trace in Discord.
 */
import { type ChatInputCommandInteraction, type Interaction, MessageFlags } from 'discord.js';
import { UserError } from '../errors.js';
import type { CommandDeps, SlashCommand } from './types.js';

export const APOLOGY =
  'Sorry, something went wrong on my side while doing that. It has been logged; please try again in a moment.';

export function createInteractionHandler(
  commands: readonly SlashCommand[],
  deps: CommandDeps,
): (interaction: Interaction) => Promise<void> {
  const byName = new Map(commands.map((c) => [c.data.name, c]));
  return async (interaction) => {
    if (interaction.isAutocomplete()) {
      const command = byName.get(interaction.commandName);
      try {
        await command?.autocomplete?.(interaction, deps);
      } catch (error) {
        deps.log.warn(
          { err: error, command: interaction.commandName, guildId: interaction.guildId },
          'autocomplete failed',
        );
      }
      return;
    }
    if (!interaction.isChatInputCommand()) return;
    const command = byName.get(interaction.commandName);
    const context = {
      command: interaction.commandName,
      guildId: interaction.guildId,
      channelId: interaction.channelId,
      userId: interaction.user.id,
    };
    if (!command) {
      deps.log.warn(context, 'unknown command (deploy the commands again?)');
      await reply(
        interaction,
        'I don’t know that command any more. Server admins: run the deploy step again.',
      ).catch(() => {});
      return;
    }
    try {
      await command.execute(interaction, deps);
    } catch (error) {
      if (error instanceof UserError) {
        await reply(interaction, error.message).catch((e: unknown) =>
          deps.log.warn({ ...context, err: e }, 'could not show the error to the user'),
        );
        return;
      }
      deps.log.error({ ...context, err: error }, 'command failed');
      await reply(interaction, APOLOGY).catch((e: unknown) =>
        deps.log.warn({ ...context, err: e }, 'could not send the apology'),
      );
    }
  };
}

/** Replies ephemerally whatever state the interaction is in (fresh, deferred, already replied). */
async function reply(interaction: ChatInputCommandInteraction, content: string): Promise<void> {
  const payload = { content: content.slice(0, 2000), allowedMentions: { parse: [] } };
  if (interaction.deferred && !interaction.replied) await interaction.editReply(payload);
  else if (interaction.replied) await interaction.followUp({ ...payload, flags: MessageFlags.Ephemeral });
  else await interaction.reply({ ...payload, flags: MessageFlags.Ephemeral });
}
