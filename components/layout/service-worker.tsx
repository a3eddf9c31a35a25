'use client';

import { useEffect } from 'react';

/**
 * Registers public/sw.js, which only shows the offline page when a page is opened without a
 * connection (it caches no personal data; decision 016). Production builds only: in development a
 * worker would keep serving an old offline page while the code changes.
 */
export function ServiceWorker() {
  useEffect(() => {
    if (process.env.NODE_ENV !== 'production' || !('serviceWorker' in navigator)) return;
    navigator.serviceWorker.register('/sw.js', { scope: '/', updateViaCache: 'none' }).catch(() => {
      // Not installable then; the app itself works the same.
    });
  }, []);
  return null;
}
