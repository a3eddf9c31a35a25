import type { Metadata } from 'next';
import { AssignmentList } from '@/components/work/assignment-list';
import { requireUser } from '@/lib/auth';
import { listMyAssignments } from '@/lib/data/work';

export const metadata: Metadata = { title: 'Nhiệm vụ của đơn vị' };

export default async function AssignmentsPage() {
  const user = await requireUser();
  const items = await listMyAssignments();
  return (
    <section className="space-y-4">
      <h1 className="text-xl font-bold sm:text-2xl">Nhiệm vụ của {user.unitName}</h1>
      <AssignmentList items={items} empty="Đơn vị chưa được giao nhiệm vụ nào." />
    </section>
  );
}
