import { anonymousViewer } from '@/lib/auth/viewer';
import { apiRoute } from '@/lib/http/api-route';
import { requestViewer } from '@/lib/http/request-viewer';
import { checkHealth } from '@/lib/health/check-health';

export const dynamic = 'force-dynamic';

// Health must answer (503) even when the database that holds the sessions does not: so the route
// looks up no one itself, and a viewer that cannot be resolved is anonymous and sees what
// monitoring needs.
export const GET = apiRoute({ auth: 'none' }, async ({ request, prisma, config: { storageDir, chainRpcUrl } }) => {
  const viewer = await requestViewer(request).catch(() => anonymousViewer());
  const health = await checkHealth({ prisma, storageDir, chainRpcUrl, viewer });
  // The status follows readiness: a chain that is down shows as anchoring `degraded` in the body,
  // while this instance still takes evidence.
  return Response.json(health, { status: health.ready ? 200 : 503 });
});
