import 'server-only';
import { getDb } from '../db';
import { fillTrendSnapshots } from './dashboard-sql';

/**
 * System jobs (no user: scheduled by lib/jobs/registry.ts, or asked with the job token through app/api/jobs). The trend's
 * past cut-offs are written as they pass (decision 008), so no chairman waits for them.
 */
export async function snapshotTrendCutoffs(now = new Date()): Promise<number> {
  return fillTrendSnapshots(getDb(), now);
}
