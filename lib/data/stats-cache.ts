import 'server-only';
import v8 from 'node:v8';
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
 * it (50 chairmen opening the dashboard at 8:00 run one query, not 50). Bounded twice, least
 * recently used first out: at most STATS_CACHE_ENTRIES entries (default 100, 0 turns the cache
 * off) and at most STATS_CACHE_MB of results (default 32) — by size, because one entry of the
 * national city dashboard (10,002 units ranked) holds ~3.2 MB of heap, so a hundred of them would
 * be 300 MB, most of the server's memory budget (decision 035). A result's size is its length in
 * V8's serialisation, measured once when it arrives (2.5 MB for that entry: the heap holds ~1.3×
 * that); a result larger than the whole budget is shared while it is computed, then not kept.
 */
const LIMIT = env().STATS_CACHE_ENTRIES ?? 100;
const BUDGET_BYTES = (env().STATS_CACHE_MB ?? 32) * 1024 * 1024;

type Entry = { value: Promise<unknown>; bytes: number };

/** A result's size: its length in V8's serialisation (what cannot be serialised counts as too big to keep). */
function sizeOf(result: unknown): number {
  try {
    return v8.serialize(result).byteLength;
  } catch {
    return Number.MAX_SAFE_INTEGER;
  }
}

/** The entries, least recently used first, bounded by count and by the size of their results. */
export function createStatsStore({ maxEntries, maxBytes }: { maxEntries: number; maxBytes: number }) {
  const entries = new Map<string, Entry>();
  let bytes = 0;
  const drop = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    bytes -= entry.bytes;
  };
  const trim = () => {
    while (entries.size > maxEntries || bytes > maxBytes) drop(entries.keys().next().value!);
  };
  return {
    get(key: string): Promise<unknown> | undefined {
      const entry = entries.get(key);
      if (!entry) return undefined;
      entries.delete(key); // re-insert: most recently used last
      entries.set(key, entry);
      return entry.value;
    },
    /** Keeps `value` under `key`; once it resolves its size counts, and a failure is not remembered. */
    set(key: string, value: Promise<unknown>): void {
      drop(key);
      const entry: Entry = { value, bytes: 0 };
      entries.set(key, entry);
      trim();
      value.then(
        (result) => {
          if (entries.get(key) !== entry) return; // already evicted or replaced
          entry.bytes = sizeOf(result);
          bytes += entry.bytes;
          if (entry.bytes > maxBytes) drop(key);
          trim();
        },
        () => {
          if (entries.get(key) === entry) drop(key);
        },
      );
    },
    size: () => ({ entries: entries.size, bytes }),
    clear(): void {
      entries.clear();
      bytes = 0;
    },
  };
}

const store = createStatsStore({ maxEntries: LIMIT, maxBytes: BUDGET_BYTES });
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
  const found = store.get(key) as Promise<T> | undefined;
  if (found) {
    counters.hits += 1;
    return found;
  }
  counters.misses += 1;
  const pending = compute();
  store.set(key, pending);
  return pending;
}

/** For tests and the benchmark: hits and misses since start (or the last reset), entries and their size. */
export function statsCacheCounters(): { hits: number; misses: number; entries: number; bytes: number } {
  return { ...counters, ...store.size() };
}

export function resetStatsCache(): void {
  store.clear();
  counters.hits = 0;
  counters.misses = 0;
}
