import type { ReactNode } from 'react';
import { unstable_rethrow } from 'next/navigation';
import { SectionError } from './section-error';
import { log } from '@/lib/log';

/**
 * One section of a page that must not take the page down with it: its data is loaded here, and a
 * failure (the database busy past its limits, a query timing out) shows this section's own
 * Vietnamese message with a retry, while the rest of the page stays. "Not found", redirects and
 * Next's own control flow pass through. The marker `data-error-boundary="section"` lets the load
 * harness count such failures inside an HTTP 200 page (scripts/bench-load.ts).
 */
export async function SafeSection({ label, render }: { label: string; render: () => Promise<ReactNode> }) {
  try {
    return await render();
  } catch (error) {
    unstable_rethrow(error);
    log().error({ err: error, section: label }, 'page section failed');
    return <SectionError label={label} />;
  }
}
