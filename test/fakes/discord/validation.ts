/**
 * Request-body validation with Discord's limits and error shapes: messages (content, embeds,
 * allowed_mentions, nonce), autocomplete choices and application commands.
 */
import { DiscordHttpError, ErrorCode, FormErrors } from './errors.js';
import type { FakeAllowedMentions, FakeCommand, FakeCommandOption, FakeEmbed } from './types.js';

/** Discord's message and embed limits. */
export const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTotal: 6000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  nonce: 25,
  choices: 25,
  commandOptions: 25,
  commandName: 32,
  commandDescription: 100,
  commandsPerScope: 100,
  commandTotal: 4000,
} as const;

/** A message body after validation. */
export interface ParsedMessage {
  content?: string;
  embeds?: FakeEmbed[];
  allowedMentions?: FakeAllowedMentions;
  nonce?: string | number;
  enforceNonce: boolean;
  tts: boolean;
  flags?: number;
  components?: unknown[];
  messageReference?: {
    message_id?: string;
    channel_id?: string;
    guild_id?: string;
    fail_if_not_exists?: boolean;
  };
  attachments?: unknown[];
  stickerIds?: string[];
  poll?: unknown;
}

/** Length the way Discord counts characters (code points). */
export function charLength(value: string): number {
  let n = 0;
  for (const _ of value) n += 1;
  return n;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function maxLength(errors: FormErrors, path: Array<string | number>, value: unknown, max: number): void {
  if (typeof value === 'string' && charLength(value) > max) {
    errors.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
  }
}

function requiredString(errors: FormErrors, path: Array<string | number>, value: unknown, max: number): void {
  if (typeof value !== 'string' || value.trim() === '') {
    errors.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
  } else {
    maxLength(errors, path, value, max);
  }
}

function optionalString(errors: FormErrors, path: Array<string | number>, value: unknown, max: number): void {
  if (value === undefined || value === null) return;
  if (typeof value !== 'string')
    errors.add(path, 'STRING_TYPE_CONVERT', 'Could not interpret value as string.');
  else maxLength(errors, path, value, max);
}

function checkUrl(errors: FormErrors, path: Array<string | number>, value: unknown): void {
  if (value === undefined || value === null) return;
  if (typeof value !== 'string' || !/^(https?|attachment):\/\/\S+$/.test(value)) {
    errors.add(path, 'URL_TYPE_INVALID_URL', 'Not a well formed URL.');
  }
}

function embedSize(embed: Record<string, unknown>): number {
  let size = 0;
  const add = (v: unknown) => {
    if (typeof v === 'string') size += charLength(v);
  };
  add(embed.title);
  add(embed.description);
  if (isRecord(embed.footer)) add(embed.footer.text);
  if (isRecord(embed.author)) add(embed.author.name);
  if (Array.isArray(embed.fields)) {
    for (const field of embed.fields) {
      if (isRecord(field)) {
        add(field.name);
        add(field.value);
      }
    }
  }
  return size;
}

function validateEmbeds(errors: FormErrors, embeds: unknown): FakeEmbed[] | undefined {
  if (embeds === undefined || embeds === null) return undefined;
  if (!Array.isArray(embeds)) {
    errors.add(['embeds'], 'LIST_TYPE_CONVERT', 'Only iterables may be used in a ListType');
    return undefined;
  }
  if (embeds.length > LIMITS.embeds) {
    errors.add(['embeds'], 'BASE_TYPE_MAX_LENGTH', `Must be ${LIMITS.embeds} or fewer in length.`);
  }
  let total = 0;
  const result: FakeEmbed[] = [];
  embeds.forEach((embed, i) => {
    const path = ['embeds', i];
    if (!isRecord(embed)) {
      errors.add(path, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
      return;
    }
    optionalString(errors, [...path, 'title'], embed.title, LIMITS.title);
    optionalString(errors, [...path, 'description'], embed.description, LIMITS.description);
    checkUrl(errors, [...path, 'url'], embed.url);
    if (embed.color !== undefined && embed.color !== null) {
      if (typeof embed.color !== 'number' || !Number.isInteger(embed.color) || embed.color < 0) {
        errors.add([...path, 'color'], 'NUMBER_TYPE_COERCE', `Value "${String(embed.color)}" is not int.`);
      } else if (embed.color > 0xffffff) {
        errors.add(
          [...path, 'color'],
          'NUMBER_TYPE_MAX',
          'int value should be less than or equal to 16777215.',
        );
      }
    }
    if (embed.timestamp !== undefined && embed.timestamp !== null) {
      if (typeof embed.timestamp !== 'string' || Number.isNaN(Date.parse(embed.timestamp))) {
        errors.add(
          [...path, 'timestamp'],
          'DATE_TYPE_PARSE',
          `Could not parse ${String(embed.timestamp)}. Should be ISO8601.`,
        );
      }
    }
    if (embed.footer !== undefined && embed.footer !== null) {
      if (!isRecord(embed.footer))
        errors.add([...path, 'footer'], 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
      else {
        requiredString(errors, [...path, 'footer', 'text'], embed.footer.text, LIMITS.footerText);
        checkUrl(errors, [...path, 'footer', 'icon_url'], embed.footer.icon_url);
      }
    }
    if (embed.author !== undefined && embed.author !== null) {
      if (!isRecord(embed.author))
        errors.add([...path, 'author'], 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
      else {
        requiredString(errors, [...path, 'author', 'name'], embed.author.name, LIMITS.authorName);
        checkUrl(errors, [...path, 'author', 'url'], embed.author.url);
        checkUrl(errors, [...path, 'author', 'icon_url'], embed.author.icon_url);
      }
    }
    for (const media of ['image', 'thumbnail'] as const) {
      const value = embed[media];
      if (value === undefined || value === null) continue;
      if (!isRecord(value))
        errors.add([...path, media], 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
      else checkUrl(errors, [...path, media, 'url'], value.url);
    }
    if (embed.fields !== undefined && embed.fields !== null) {
      if (!Array.isArray(embed.fields)) {
        errors.add([...path, 'fields'], 'LIST_TYPE_CONVERT', 'Only iterables may be used in a ListType');
      } else {
        if (embed.fields.length > LIMITS.fields) {
          errors.add(
            [...path, 'fields'],
            'BASE_TYPE_MAX_LENGTH',
            `Must be ${LIMITS.fields} or fewer in length.`,
          );
        }
        embed.fields.forEach((field, j) => {
          const fieldPath = [...path, 'fields', j];
          if (!isRecord(field)) {
            errors.add(fieldPath, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
            return;
          }
          requiredString(errors, [...fieldPath, 'name'], field.name, LIMITS.fieldName);
          requiredString(errors, [...fieldPath, 'value'], field.value, LIMITS.fieldValue);
        });
      }
    }
    total += embedSize(embed);
    result.push({ ...embed, type: typeof embed.type === 'string' ? embed.type : 'rich' } as FakeEmbed);
  });
  if (total > LIMITS.embedTotal) {
    errors.add(
      ['embeds'],
      'MAX_EMBED_SIZE_EXCEEDED',
      `Embed size exceeds maximum size of ${LIMITS.embedTotal}`,
    );
  }
  return result;
}

function validateAllowedMentions(errors: FormErrors, value: unknown): FakeAllowedMentions | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) {
    errors.add(['allowed_mentions'], 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
    return undefined;
  }
  const parse = value.parse;
  if (parse !== undefined) {
    if (!Array.isArray(parse)) {
      errors.add(
        ['allowed_mentions', 'parse'],
        'LIST_TYPE_CONVERT',
        'Only iterables may be used in a ListType',
      );
    } else {
      parse.forEach((p, i) => {
        if (p !== 'users' && p !== 'roles' && p !== 'everyone') {
          errors.add(
            ['allowed_mentions', 'parse', i],
            'BASE_TYPE_CHOICES',
            "Value must be one of {'everyone', 'roles', 'users'}.",
          );
        }
      });
      for (const kind of ['users', 'roles'] as const) {
        if (parse.includes(kind) && Array.isArray(value[kind]) && value[kind].length > 0) {
          errors.add(
            ['allowed_mentions'],
            'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE',
            `parse:["${kind}"] and ${kind}: [ids...] are mutually exclusive.`,
          );
        }
      }
    }
  }
  for (const kind of ['users', 'roles'] as const) {
    const list = value[kind];
    if (list === undefined) continue;
    if (!Array.isArray(list))
      errors.add(['allowed_mentions', kind], 'LIST_TYPE_CONVERT', 'Only iterables may be used in a ListType');
    else if (list.length > 100)
      errors.add(['allowed_mentions', kind], 'BASE_TYPE_MAX_LENGTH', 'Must be 100 or fewer in length.');
  }
  return value as FakeAllowedMentions;
}

/**
 * Validates a message body for create (`mode: 'create'`) or edit (`mode: 'edit'`), throwing
 * 400/50035 with an `errors` tree, or 400/50006 for an empty message.
 */
export function parseMessageBody(body: unknown, mode: 'create' | 'edit', uploads: number): ParsedMessage {
  if (body === undefined && mode === 'create' && uploads === 0) {
    throw new DiscordHttpError(400, ErrorCode.CannotSendEmptyMessage);
  }
  const data = body === undefined ? {} : body;
  if (!isRecord(data)) {
    const errors = new FormErrors();
    errors.add([], 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
    throw DiscordHttpError.invalidForm(errors);
  }
  const errors = new FormErrors();
  if (data.content !== undefined && data.content !== null) {
    if (typeof data.content !== 'string')
      errors.add(['content'], 'STRING_TYPE_CONVERT', 'Could not interpret value as string.');
    else maxLength(errors, ['content'], data.content, LIMITS.content);
  }
  const embeds = validateEmbeds(errors, data.embeds);
  const allowedMentions = validateAllowedMentions(errors, data.allowed_mentions);
  let nonce: string | number | undefined;
  if (data.nonce !== undefined && data.nonce !== null) {
    if (typeof data.nonce === 'string') {
      if (charLength(data.nonce) > LIMITS.nonce) {
        errors.add(['nonce'], 'BASE_TYPE_MAX_LENGTH', `Must be ${LIMITS.nonce} or fewer in length.`);
      }
      nonce = data.nonce;
    } else if (typeof data.nonce === 'number' && Number.isInteger(data.nonce)) {
      nonce = data.nonce;
    } else {
      errors.add(['nonce'], 'BASE_TYPE_BAD_TYPE', 'Must be a string or an integer.');
    }
  }
  if (
    data.flags !== undefined &&
    data.flags !== null &&
    (typeof data.flags !== 'number' || !Number.isInteger(data.flags))
  ) {
    errors.add(['flags'], 'NUMBER_TYPE_COERCE', `Value "${String(data.flags)}" is not int.`);
  }
  let messageReference: ParsedMessage['messageReference'];
  if (data.message_reference !== undefined && data.message_reference !== null) {
    if (!isRecord(data.message_reference)) {
      errors.add(['message_reference'], 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
    } else {
      messageReference = data.message_reference as ParsedMessage['messageReference'];
    }
  }
  if (!errors.empty) throw DiscordHttpError.invalidForm(errors);

  const parsed: ParsedMessage = { enforceNonce: data.enforce_nonce === true, tts: data.tts === true };
  if (typeof data.content === 'string') parsed.content = data.content;
  else if (data.content === null && mode === 'edit') parsed.content = '';
  if (embeds !== undefined) parsed.embeds = embeds;
  else if (data.embeds === null && mode === 'edit') parsed.embeds = [];
  if (allowedMentions !== undefined) parsed.allowedMentions = allowedMentions;
  if (nonce !== undefined) parsed.nonce = nonce;
  if (typeof data.flags === 'number') parsed.flags = data.flags;
  if (Array.isArray(data.components)) parsed.components = data.components;
  if (messageReference !== undefined) parsed.messageReference = messageReference;
  if (Array.isArray(data.attachments)) parsed.attachments = data.attachments;
  if (Array.isArray(data.sticker_ids)) parsed.stickerIds = data.sticker_ids.map(String);
  if (data.poll !== undefined && data.poll !== null) parsed.poll = data.poll;

  if (mode === 'create') {
    const hasContent = typeof parsed.content === 'string' && parsed.content.trim() !== '';
    const hasEmbeds = (parsed.embeds?.length ?? 0) > 0;
    const hasOther =
      uploads > 0 ||
      (parsed.components?.length ?? 0) > 0 ||
      (parsed.stickerIds?.length ?? 0) > 0 ||
      parsed.poll !== undefined;
    if (!hasContent && !hasEmbeds && !hasOther)
      throw new DiscordHttpError(400, ErrorCode.CannotSendEmptyMessage);
  }
  return parsed;
}

/** Whether a message, after an edit, would have nothing to show (Discord answers 50006). */
export function isEmptyMessage(
  content: string,
  embeds: readonly unknown[],
  components: readonly unknown[],
  attachments: readonly unknown[],
): boolean {
  return content.trim() === '' && embeds.length === 0 && components.length === 0 && attachments.length === 0;
}

/** Validates autocomplete choices (callback type 8). */
export function parseChoices(data: unknown): Array<{ name: string; value: string | number }> {
  const errors = new FormErrors();
  const choices = isRecord(data) ? data.choices : undefined;
  if (!Array.isArray(choices)) {
    errors.add(['data', 'choices'], 'BASE_TYPE_REQUIRED', 'This field is required');
    throw DiscordHttpError.invalidForm(errors);
  }
  if (choices.length > LIMITS.choices) {
    errors.add(['data', 'choices'], 'BASE_TYPE_MAX_LENGTH', `Must be ${LIMITS.choices} or fewer in length.`);
  }
  const result: Array<{ name: string; value: string | number }> = [];
  choices.forEach((choice, i) => {
    const path = ['data', 'choices', i];
    if (!isRecord(choice)) {
      errors.add(path, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
      return;
    }
    if (typeof choice.name !== 'string' || charLength(choice.name) < 1 || charLength(choice.name) > 100) {
      errors.add([...path, 'name'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
    }
    if (typeof choice.value === 'string') {
      if (charLength(choice.value) > 100)
        errors.add([...path, 'value'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
    } else if (typeof choice.value !== 'number') {
      errors.add([...path, 'value'], 'BASE_TYPE_REQUIRED', 'This field is required');
    }
    if (
      typeof choice.name === 'string' &&
      (typeof choice.value === 'string' || typeof choice.value === 'number')
    ) {
      result.push({ name: choice.name, value: choice.value });
    }
  });
  if (!errors.empty) throw DiscordHttpError.invalidForm(errors);
  return result;
}

// ---- application commands ------------------------------------------------------------------

const NAME_PATTERN = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

function checkName(
  errors: FormErrors,
  path: Array<string | number>,
  name: unknown,
  mustBeLowercase: boolean,
): void {
  if (typeof name !== 'string' || name === '') {
    errors.add([...path, 'name'], 'BASE_TYPE_REQUIRED', 'This field is required');
    return;
  }
  if (charLength(name) > LIMITS.commandName) {
    errors.add([...path, 'name'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 32 in length.');
  } else if (!NAME_PATTERN.test(name) || (mustBeLowercase && name !== name.toLowerCase())) {
    errors.add([...path, 'name'], 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
  }
}

function checkDescription(errors: FormErrors, path: Array<string | number>, description: unknown): void {
  if (
    typeof description !== 'string' ||
    charLength(description) < 1 ||
    charLength(description) > LIMITS.commandDescription
  ) {
    errors.add([...path, 'description'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
  }
}

function optionSize(option: Record<string, unknown>): number {
  let size = 0;
  if (typeof option.name === 'string') size += charLength(option.name);
  if (typeof option.description === 'string') size += charLength(option.description);
  if (Array.isArray(option.choices)) {
    for (const choice of option.choices) {
      if (isRecord(choice)) {
        if (typeof choice.name === 'string') size += charLength(choice.name);
        if (typeof choice.value === 'string') size += charLength(choice.value);
      }
    }
  }
  if (Array.isArray(option.options)) {
    for (const sub of option.options) if (isRecord(sub)) size += optionSize(sub);
  }
  return size;
}

function validateOptions(
  errors: FormErrors,
  path: Array<string | number>,
  options: unknown,
  depth: number,
): void {
  if (options === undefined || options === null) return;
  if (!Array.isArray(options)) {
    errors.add([...path, 'options'], 'LIST_TYPE_CONVERT', 'Only iterables may be used in a ListType');
    return;
  }
  if (options.length > LIMITS.commandOptions) {
    errors.add(
      [...path, 'options'],
      'BASE_TYPE_MAX_LENGTH',
      `Must be ${LIMITS.commandOptions} or fewer in length.`,
    );
  }
  let sawOptional = false;
  const names = new Set<string>();
  options.forEach((option, i) => {
    const optionPath = [...path, 'options', i];
    if (!isRecord(option)) {
      errors.add(optionPath, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
      return;
    }
    const type = option.type;
    if (typeof type !== 'number' || !Number.isInteger(type) || type < 1 || type > 11) {
      errors.add(
        [...optionPath, 'type'],
        'BASE_TYPE_CHOICES',
        'Value must be one of {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}.',
      );
    }
    checkName(errors, optionPath, option.name, true);
    checkDescription(errors, optionPath, option.description);
    if (typeof option.name === 'string') {
      if (names.has(option.name)) {
        errors.add(
          [...optionPath, 'name'],
          'APPLICATION_COMMAND_OPTION_NAME_ALREADY_EXISTS',
          'Option name already exists',
        );
      }
      names.add(option.name);
    }
    if (option.required === true) {
      if (sawOptional) {
        errors.add(
          [...path, 'options'],
          'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
          'Required options must be placed before non-required options',
        );
      }
    } else {
      sawOptional = true;
    }
    if (Array.isArray(option.choices)) {
      if (option.choices.length > LIMITS.choices) {
        errors.add(
          [...optionPath, 'choices'],
          'BASE_TYPE_MAX_LENGTH',
          `Must be ${LIMITS.choices} or fewer in length.`,
        );
      }
      if (option.autocomplete === true && option.choices.length > 0) {
        errors.add(
          [...optionPath, 'autocomplete'],
          'APPLICATION_COMMAND_AUTOCOMPLETE_INVALID',
          'Autocomplete cannot be set with choices',
        );
      }
    }
    if (type === 1 || type === 2) {
      if (depth >= 2 || (type === 2 && depth >= 1)) {
        errors.add(
          [...optionPath, 'type'],
          'APPLICATION_COMMAND_OPTION_TYPE_INVALID',
          'Subcommands cannot be nested this deep',
        );
      }
      validateOptions(errors, optionPath, option.options, depth + 1);
    }
  });
}

/** Validates one command body (CHAT_INPUT = 1, USER = 2, MESSAGE = 3, PRIMARY_ENTRY_POINT = 4). */
export function validateCommand(errors: FormErrors, path: Array<string | number>, body: unknown): void {
  if (!isRecord(body)) {
    errors.add(path, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
    return;
  }
  const type = body.type ?? 1;
  if (typeof type !== 'number' || ![1, 2, 3, 4].includes(type)) {
    errors.add([...path, 'type'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2, 3, 4}.');
  }
  checkName(errors, path, body.name, type === 1);
  if (type === 1) checkDescription(errors, path, body.description);
  else if (typeof body.description === 'string' && body.description !== '') {
    errors.add(
      [...path, 'description'],
      'APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION',
      'Context menu commands cannot have description',
    );
  }
  if (body.default_member_permissions !== undefined && body.default_member_permissions !== null) {
    if (
      typeof body.default_member_permissions !== 'string' ||
      !/^\d+$/.test(body.default_member_permissions)
    ) {
      errors.add(
        [...path, 'default_member_permissions'],
        'BASE_TYPE_BAD_TYPE',
        'Must be a permission bitfield string.',
      );
    }
  }
  validateOptions(errors, path, body.options, 0);
  if (optionSize(body) > LIMITS.commandTotal) {
    errors.add(
      path,
      'APPLICATION_COMMAND_TOO_LARGE',
      `Command exceeds maximum size (${LIMITS.commandTotal})`,
    );
  }
}

/** Validates a `PUT` (bulk overwrite) body: an array of commands with unique names per type. */
export function validateCommandList(body: unknown): Array<Record<string, unknown>> {
  const errors = new FormErrors();
  if (!Array.isArray(body)) {
    errors.add([], 'LIST_TYPE_CONVERT', 'Only iterables may be used in a ListType');
    throw DiscordHttpError.invalidForm(errors);
  }
  const seen = new Set<string>();
  let chatInput = 0;
  body.forEach((command, i) => {
    validateCommand(errors, [i], command);
    if (isRecord(command)) {
      const key = `${String(command.type ?? 1)}:${String(command.name)}`;
      if (seen.has(key)) {
        errors.add(
          [i, 'name'],
          'APPLICATION_COMMANDS_DUPLICATE_NAME',
          'Application command names must be unique',
        );
      }
      seen.add(key);
      if ((command.type ?? 1) === 1) chatInput += 1;
    }
  });
  if (chatInput > LIMITS.commandsPerScope) {
    errors.add([], 'BASE_TYPE_MAX_LENGTH', `Must be ${LIMITS.commandsPerScope} or fewer in length.`);
  }
  if (!errors.empty) throw DiscordHttpError.invalidForm(errors);
  return body as Array<Record<string, unknown>>;
}

/** Normalises a validated command body into the stored/returned command object. */
export function toCommand(
  body: Record<string, unknown>,
  ids: { id: string; applicationId: string; version: string; guildId?: string },
): FakeCommand {
  const type = typeof body.type === 'number' ? body.type : 1;
  const command: FakeCommand = {
    id: ids.id,
    application_id: ids.applicationId,
    version: ids.version,
    type,
    name: String(body.name),
    name_localizations: (body.name_localizations as Record<string, string> | undefined) ?? null,
    description: typeof body.description === 'string' ? body.description : '',
    description_localizations: (body.description_localizations as Record<string, string> | undefined) ?? null,
    default_member_permissions:
      typeof body.default_member_permissions === 'string' ? body.default_member_permissions : null,
    contexts: Array.isArray(body.contexts) ? (body.contexts as number[]) : null,
    integration_types: Array.isArray(body.integration_types) ? (body.integration_types as number[]) : [0],
    nsfw: body.nsfw === true,
  };
  if (Array.isArray(body.options)) command.options = body.options as FakeCommandOption[];
  if (typeof body.dm_permission === 'boolean') command.dm_permission = body.dm_permission;
  if (ids.guildId) command.guild_id = ids.guildId;
  return command;
}
