import { cookies } from 'next/headers';
import { notFound } from 'next/navigation';
import { floorRows } from '@/lib/data/floor';

/**
 * The floor of scripts/bench-load.ts: the least a signed-in Next.js page of this stack can do (one
 * cookie read, two trivial queries, a 10-item list), so every load figure is also a ratio to what
 * the framework itself costs on the same machine in the same run. Served only when BENCH_FLOOR=1.
 */
export default async function BenchFloorPage() {
  if (process.env.BENCH_FLOOR !== '1') notFound();
  const session = (await cookies()).has('next-auth.session-token');
  const { one, units } = await floorRows();
  return (
    <main>
      <h1>
        Floor {one} {session ? 'signed in' : ''}
      </h1>
      <ul>
        {units.map((u) => (
          <li key={u.id}>{u.name}</li>
        ))}
      </ul>
    </main>
  );
}
