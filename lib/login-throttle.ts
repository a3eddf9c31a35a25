/**
 * Slows password guessing: after MAX_FAILURES failed logins for one username within WINDOW_MS,
 * further attempts for it are refused (with the same generic message) until the window passes.
 * In memory, per server process — enough for one city's single instance; see docs/principles.md.
 */
const MAX_FAILURES = 8;
const WINDOW_MS = 15 * 60 * 1000;

type Entry = { failures: number; firstAt: number };
const entries = new Map<string, Entry>();

export const loginThrottle = {
  allowed(key: string, now = Date.now()): boolean {
    const entry = entries.get(key);
    if (!entry) return true;
    if (now - entry.firstAt > WINDOW_MS) {
      entries.delete(key);
      return true;
    }
    return entry.failures < MAX_FAILURES;
  },
  failed(key: string, now = Date.now()): void {
    const entry = entries.get(key);
    if (!entry || now - entry.firstAt > WINDOW_MS) entries.set(key, { failures: 1, firstAt: now });
    else entry.failures += 1;
  },
  succeeded(key: string): void {
    entries.delete(key);
  },
};
