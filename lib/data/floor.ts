import 'server-only';
import { getDb } from '../db';

/** Two trivial queries for the benchmark floor page (app/bench-floor): nothing scoped, names only. */
export async function floorRows(): Promise<{ one: number; units: { id: number; name: string }[] }> {
  const db = getDb();
  const [one, units] = await Promise.all([
    db.$queryRaw<{ one: number }[]>`SELECT 1::int AS one`,
    db.unit.findMany({ take: 10, orderBy: { id: 'asc' }, select: { id: true, name: true } }),
  ]);
  return { one: one[0]?.one ?? 0, units };
}
