import 'server-only';
import { getDb } from '../db';
import { vnDateOf } from '../domain/time';
import { fillTrendSnapshots } from './dashboard-sql';
import { refreshLiveTally } from './status-live';

/**
 * System jobs (no user: scheduled by lib/jobs/registry.ts, or asked with the job token through app/api/jobs). The trend's
 * past cut-offs are written as they pass (decision 008), so no chairman waits for them.
 */
export async function snapshotTrendCutoffs(now = new Date()): Promise<number> {
  return fillTrendSnapshots(getDb(), now);
}

/**
 * Brings the live tally up to date (lib/data/status-live.ts): after midnight in Vietnam a whole
 * recount, so that the first chairman of the day does not wait for it; otherwise the units written
 * since the last read. Returns the day counted.
 */
export async function recountLiveTally(now = new Date()): Promise<{ day: string }> {
  await refreshLiveTally(getDb(), now);
  return { day: vnDateOf(now) };
}
