import { getConfig } from '@/lib/config';
import { getPrisma } from '@/lib/db/client';
import { anonymousViewer } from '@/lib/auth/viewer';
import { requestViewer } from '@/lib/http/request-viewer';
import { checkHealth } from '@/lib/platform/check-health';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  // Health must answer (503) even when the database that holds the sessions does not: a viewer that
  // cannot be resolved is treated as anonymous and sees what monitoring needs.
  const viewer = await requestViewer(request).catch(() => anonymousViewer());
  const health = await checkHealth({ prisma: getPrisma(), chainRpcUrl: getConfig().chainRpcUrl, viewer });
  return Response.json(health, { status: health.ok ? 200 : 503 });
}
