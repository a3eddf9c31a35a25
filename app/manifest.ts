import type { MetadataRoute } from 'next';

/**
 * The web app manifest (served at /manifest.webmanifest): Đôn đốc can be installed on a phone's home
 * screen. The icons are made from app/icon.svg by scripts/make-icons.ts; public/sw.js shows
 * public/offline.html when a page is opened without a connection (decision 016).
 */
export default function manifest(): MetadataRoute.Manifest {
  return {
    id: '/',
    name: 'Đôn đốc — theo dõi, đôn đốc thực hiện nhiệm vụ',
    short_name: 'Đôn đốc',
    description: 'Theo dõi, đôn đốc thực hiện nhiệm vụ của UBND thành phố',
    lang: 'vi',
    dir: 'ltr',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: '#b91c1c',
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  };
}
