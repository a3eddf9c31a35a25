/**
 * Login back-off rules (pure; the counters live in PostgreSQL, lib/data/login-throttle.ts).
 * OWASP's advice: no hard lock that anyone can trigger, but a delay that doubles with each failure
 * past a few free tries, kept per account, per client address and per (account, address).
 *
 * - pair    (this account from this address): 3 free tries, then 1 s, 2 s, 4 s … up to 15 min.
 * - address (any account from this address): 20 free tries (a ward office shares one address),
 *   then doubling up to 15 min — slows password spraying across accounts.
 * - account (this account from any address): 5 free tries, then doubling but never more than
 *   30 s, and never at an address the account already signed in from. A distributed attacker
 *   cannot lock the owner out: at a known address they are not slowed at all, elsewhere by 30 s at
 *   most per try.
 *
 * A counter is forgotten after FORGET_AFTER_MS without a failure (and its row deleted).
 */
import { createHash } from 'node:crypto';
export type ThrottleScope = 'pair' | 'address' | 'account';

export const BACKOFF_RULES: Record<ThrottleScope, { free: number; capSeconds: number }> = {
  pair: { free: 3, capSeconds: 15 * 60 },
  address: { free: 20, capSeconds: 15 * 60 },
  account: { free: 5, capSeconds: 30 },
};

export const FORGET_AFTER_MS = 60 * 60 * 1000;
/** A known address stays known this long after its last successful sign-in. */
export const KNOWN_ADDRESS_DAYS = 90;

/** Seconds to wait after the `failures`-th failure in a row (0 while still within the free tries). */
export function backoffSeconds(scope: ThrottleScope, failures: number): number {
  const { free, capSeconds } = BACKOFF_RULES[scope];
  if (failures <= free) return 0;
  const exponent = Math.min(failures - free - 1, 30);
  return Math.min(capSeconds, 2 ** exponent);
}

/**
 * The counters' keys. Usernames are compared lower-case, as at login, and stored only as a hash:
 * what was typed in the username box is sometimes a password.
 */
export function throttleKeys(username: string, address: string | null): Record<ThrottleScope, string | null> {
  const user = createHash('sha256').update(username.trim().toLowerCase()).digest('base64url').slice(0, 22);
  return {
    pair: `p:${user}|${address ?? '?'}`,
    account: `a:${user}`,
    // Without an address (no proxy header at all) there is no address to slow down.
    address: address ? `ip:${address}` : null,
  };
}
