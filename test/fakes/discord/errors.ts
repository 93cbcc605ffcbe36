/**
 * Discord's JSON error bodies. The fake answers failures with exactly these shapes so the real
 * clients (`DiscordAPIError` in @discordjs/rest) surface the same `code`, `status` and message.
 */

/** JSON error codes the fake produces (a subset of Discord's). */
export const ErrorCode = {
  General: 0,
  UnknownChannel: 10003,
  UnknownGuild: 10004,
  UnknownMessage: 10008,
  UnknownRole: 10011,
  UnknownUser: 10013,
  UnknownWebhook: 10015,
  UnknownInteraction: 10062,
  UnknownApplicationCommand: 10063,
  MissingAccess: 50001,
  CannotEditOtherUsersMessage: 50005,
  CannotSendEmptyMessage: 50006,
  InvalidWebhookToken: 50027,
  InvalidFormBody: 50035,
  InvalidJson: 50109,
  MissingPermissions: 50013,
  InteractionAlreadyAcknowledged: 40060,
} as const;

const DEFAULT_MESSAGES: Record<number, string> = {
  [ErrorCode.UnknownChannel]: 'Unknown Channel',
  [ErrorCode.UnknownGuild]: 'Unknown Guild',
  [ErrorCode.UnknownMessage]: 'Unknown Message',
  [ErrorCode.UnknownRole]: 'Unknown Role',
  [ErrorCode.UnknownUser]: 'Unknown User',
  [ErrorCode.UnknownWebhook]: 'Unknown Webhook',
  [ErrorCode.UnknownInteraction]: 'Unknown interaction',
  [ErrorCode.UnknownApplicationCommand]: 'Unknown application command',
  [ErrorCode.MissingAccess]: 'Missing Access',
  [ErrorCode.CannotEditOtherUsersMessage]: 'Cannot edit a message authored by another user',
  [ErrorCode.CannotSendEmptyMessage]: 'Cannot send an empty message',
  [ErrorCode.InvalidWebhookToken]: 'Invalid Webhook Token',
  [ErrorCode.InvalidFormBody]: 'Invalid Form Body',
  [ErrorCode.InvalidJson]: 'The request body contains invalid JSON.',
  [ErrorCode.MissingPermissions]: 'Missing Permissions',
  [ErrorCode.InteractionAlreadyAcknowledged]: 'Interaction has already been acknowledged.',
};

/** The generic `"<status>: <reason>"` messages Discord uses with code 0. */
const STATUS_MESSAGES: Record<number, string> = {
  400: '400: Bad Request',
  401: '401: Unauthorized',
  403: '403: Forbidden',
  404: '404: Not Found',
  405: '405: Method Not Allowed',
  500: '500: Internal Server Error',
  502: '502: Bad Gateway',
  503: '503: Service Unavailable',
};

/** The message Discord pairs with `code` (or with `status` when the code is 0). */
export function defaultErrorMessage(status: number, code: number): string {
  if (code !== 0) return DEFAULT_MESSAGES[code] ?? `Error ${code}`;
  return STATUS_MESSAGES[status] ?? `${status}: Error`;
}

/** One leaf of a 50035 error tree. */
export interface FieldError {
  code: string;
  message: string;
}

/**
 * A nested 50035 `errors` object: `{ embeds: { 0: { title: { _errors: [...] } } } }`.
 * Build it with {@link FormErrors}.
 */
export interface ErrorTree {
  [key: string]: ErrorTree | FieldError[];
}

/** Collects field errors by path and renders Discord's nested `errors` object. */
export class FormErrors {
  readonly tree: ErrorTree = {};
  count = 0;

  add(path: ReadonlyArray<string | number>, code: string, message: string): void {
    let node = this.tree;
    for (const part of path) {
      const key = String(part);
      const next = node[key];
      if (next === undefined || Array.isArray(next)) {
        const created: ErrorTree = {};
        node[key] = created;
        node = created;
      } else {
        node = next;
      }
    }
    const leaf = node._errors;
    if (Array.isArray(leaf)) leaf.push({ code, message });
    else node._errors = [{ code, message }];
    this.count += 1;
  }

  get empty(): boolean {
    return this.count === 0;
  }
}

/** The body of a Discord error response. */
export interface DiscordErrorBody {
  message: string;
  code: number;
  errors?: ErrorTree;
}

/** Thrown by route handlers; the REST layer turns it into the HTTP response. */
export class DiscordHttpError extends Error {
  readonly status: number;
  readonly body: DiscordErrorBody;

  constructor(status: number, code: number = ErrorCode.General, message?: string, errors?: ErrorTree) {
    const text = message ?? defaultErrorMessage(status, code);
    super(`${status} ${code} ${text}`);
    this.name = 'DiscordHttpError';
    this.status = status;
    this.body = errors ? { message: text, code, errors } : { message: text, code };
  }

  /** 400/50035 with the collected field errors. */
  static invalidForm(errors: FormErrors): DiscordHttpError {
    return new DiscordHttpError(400, ErrorCode.InvalidFormBody, undefined, errors.tree);
  }
}
