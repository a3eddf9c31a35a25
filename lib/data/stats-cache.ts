import 'server-only';
import { cache } from 'react';
import { getDb } from '../db';
import { vnDateOf } from '../domain/time';
import { asOfFor } from '../domain/periods';
import type { StatRead } from './dashboard-sql';
import { env } from '../env';

/**
 * A cache of the statistics shared by everyone who sees the same numbers (decision 008).
 *
 * Exact, not approximate: a cached result is keyed on
 *   - the data version — Setting 'stats.version', bumped at commit by triggers on every table the
 *     official status is computed from (migration …_stats_version), so a write by any instance makes
 *     every older entry unreachable;
 *   - the scope of whoever asks (city, a department's led tasks, one unit) and the filters — so an
 *     entry never holds numbers of another user's scope: two users share an entry only when their
 *     scope is the same;
 *   - the moment: for "now", its Vietnamese day. With the data fixed, the status "now" changes only
 *     at midnight in Vietnam (overdue is "due < today"; anything recorded is already in the past),
 *     so every request of a day shares one entry. Callers that pin `now` (tests, a chosen past
 *     moment) key on the exact instant.
 * Concurrent requests for the same missing entry wait for one computation instead of each running
 * it (50 chairmen opening the dashboard at 8:00 run one query, not 50). At most
 * STATS_CACHE_ENTRIES entries per instance (default 100, 0 turns the cache off), least recently
 * used first out.
 */
const LIMIT = env().STATS_CACHE_ENTRIES ?? 100;

const entries = new Map<string, Promise<unknown>>();
const counters = { hits: 0, misses: 0 };

/**
 * The current data version (0 before the first tracked write). Read once per request in a server
 * render (React's `cache` is scoped to the request, decision 034): the dashboard's four sections key
 * on the same version instead of reading it four times. Outside a render (route handlers, jobs,
 * tests) every call reads.
 */
export const statsVersion = cache(async (): Promise<string> => {
  const row = await getDb().setting.findUnique({ where: { key: 'stats.version' }, select: { value: true } });
  return String(row?.value ?? 0);
});

/**
 * The moment a statistic is computed for: `asOf` is the end of the chosen period (or now), and it
 * is `live` when it is "now" on the real clock — then reads use the read model and the cache keys
 * on the day (decision 008). A caller that pins `now` (tests) is never live. `read` says how the
 * dashboard's counts are read (lib/data/dashboard-sql.ts StatRead): a period that has ended from
 * its snapshot.
 */
export function resolveMoment(
  period: string | undefined,
  pinnedNow?: Date,
): { now: Date; asOf: Date; live: boolean; read: StatRead } {
  const now = pinnedNow ?? new Date();
  const asOf = asOfFor(period, now);
  const live = !pinnedNow && asOf.getTime() === now.getTime();
  // A chosen period that has ended reads its snapshot: the same numbers, computed once.
  const read: StatRead = live ? 'live' : asOf.getTime() < now.getTime() ? 'snapshot' : 'as-of';
  return { now, asOf, live, read };
}

/** The part of a key that names the moment: a day for "now" on the real clock, else the instant. */
export function momentKey(asOf: Date, live: boolean): string {
  return live ? `day:${vnDateOf(asOf)}` : `at:${asOf.toISOString()}`;
}

export async function cachedStat<T>(parts: readonly unknown[], compute: () => Promise<T>): Promise<T> {
  if (LIMIT === 0) return compute();
  const key = JSON.stringify([await statsVersion(), ...parts]);
  const found = entries.get(key) as Promise<T> | undefined;
  if (found) {
    counters.hits += 1;
    entries.delete(key); // re-insert: most recently used last
    entries.set(key, found);
    return found;
  }
  counters.misses += 1;
  const pending = compute();
  entries.set(key, pending);
  pending.catch(() => entries.delete(key)); // a failure is not remembered
  while (entries.size > LIMIT) entries.delete(entries.keys().next().value!);
  return pending;
}

/** For tests and the benchmark: hits and misses since start (or the last reset). */
export function statsCacheCounters(): { hits: number; misses: number; entries: number } {
  return { ...counters, entries: entries.size };
}

export function resetStatsCache(): void {
  entries.clear();
  counters.hits = 0;
  counters.misses = 0;
}
