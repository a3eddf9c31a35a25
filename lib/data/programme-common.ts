import 'server-only';
import { fromDbDate, toDbDate, type IsoDate } from '../domain/time';

/** What the programme modules share (lib/data/programmes.ts, sections.ts, tasks.ts, assignments.ts). */

export const dbDate = (d: IsoDate | null) => (d ? toDbDate(d) : null);
export const isoOf = (d: Date | null) => (d ? fromDbDate(d) : null);

/** Swaps an item with its neighbour and renumbers the list 1..n (orders may have gaps). */
export function reorder<T extends { id: number }>(items: T[], id: number, direction: 'up' | 'down'): T[] | null {
  const i = items.findIndex((x) => x.id === id);
  const j = direction === 'up' ? i - 1 : i + 1;
  if (i < 0 || j < 0 || j >= items.length) return null;
  const out = [...items];
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}
