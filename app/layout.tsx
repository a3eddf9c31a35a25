import '@fontsource/be-vietnam-pro/400.css';
import '@fontsource/be-vietnam-pro/500.css';
import '@fontsource/be-vietnam-pro/600.css';
import '@fontsource/be-vietnam-pro/700.css';
import './globals.css';
import type { Metadata, Viewport } from 'next';
import { connection } from 'next/server';
import { ServiceWorker } from '@/components/layout/service-worker';

export const metadata: Metadata = {
  title: { default: 'Đôn đốc', template: '%s · Đôn đốc' },
  description: 'Theo dõi, đôn đốc thực hiện nhiệm vụ của UBND thành phố',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#b91c1c' };

/**
 * Every page renders per request: the Content-Security-Policy's nonce (proxy.ts) is new on each
 * one, and Next.js can only put it on its scripts while rendering. A page prerendered at build
 * time (the 404 page, for one) would carry scripts without it, which the browser then refuses.
 */
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  await connection();
  return (
    <html lang="vi">
      <body className="min-h-dvh font-sans">
        {children}
        <ServiceWorker />
      </body>
    </html>
  );
}
