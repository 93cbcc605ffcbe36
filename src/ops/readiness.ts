/**
 * Readiness as a set of named conditions, each either met or blocked with a reason. The
 * composition root blocks what is not done yet at start ("first poll not finished", "Discord not
 * connected") and clears each as it happens; `/readyz` shows the reasons still standing.
 */
import type { ReadinessState } from './healthServer.js';

export interface Readiness {
  /** Marks `name` as not met; `reason` is what `/readyz` shows. Blocking again replaces the reason. */
  block(name: string, reason: string): void;
  /** Marks `name` as met. Clearing an unknown name does nothing. */
  clear(name: string): void;
  /** Ready when no condition is blocked; reasons in the order they were first blocked. Pass it as `ready`. */
  state(): ReadinessState;
}

/** Creates a readiness tracker, blocked on `initial` (name → reason) from the start. */
export function createReadiness(initial: Record<string, string> = {}): Readiness {
  const blocked = new Map<string, string>(Object.entries(initial));
  return {
    block: (name, reason) => void blocked.set(name, reason),
    clear: (name) => void blocked.delete(name),
    state: () => ({ ready: blocked.size === 0, reasons: [...blocked.values()] }),
  };
}
