import { apiRoute } from '@/lib/http/api-route';
import { checkReadiness } from '@/lib/health/check-readiness';

export const dynamic = 'force-dynamic';

// Readiness to accept evidence, for a load balancer: 503 while the database or storage cannot take it.
export const GET = apiRoute({ auth: 'none' }, async ({ prisma, config }) => {
  const readiness = await checkReadiness({ prisma, storageDir: config.storageDir });
  return Response.json(readiness, { status: readiness.ready ? 200 : 503 });
});
