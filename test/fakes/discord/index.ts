/**
 * A Discord-compatible fake (REST + gateway) for tests. Start with {@link startFakeDiscord};
 * README.md in this folder has an example and the list of routes and controls.
 */

export { ErrorCode } from './errors.js';
export { type FakeDiscord, startFakeDiscord } from './fakeDiscord.js';
export type { ScheduledFailure } from './faults.js';
export { CloseCode, type GatewayLogEntry, Intent, PRIVILEGED_INTENTS } from './gateway.js';
export type { InteractionHandle } from './interactions.js';
export { MessageFlag } from './messages.js';
export {
  ALL_PERMISSIONS,
  DEFAULT_EVERYONE_PERMISSIONS,
  Permission,
  type PermissionName,
  type PermissionsInput,
  permissionNames,
  resolvePermissions,
} from './permissions.js';
export { MESSAGE_CREATE_ROUTE } from './rateLimits.js';
export type * from './types.js';
export { LIMITS } from './validation.js';
