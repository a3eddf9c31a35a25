'use server';

import { revalidatePath } from 'next/cache';
import { markNotificationsRead } from '../data/notifications';

export async function markAllReadAction(): Promise<void> {
  await markNotificationsRead('all');
  revalidatePath('/', 'layout');
}
