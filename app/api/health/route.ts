import { getConfig } from '@/lib/config';
import { getPrisma } from '@/lib/db/client';
import { checkHealth } from '@/lib/platform/check-health';

export const dynamic = 'force-dynamic';

export async function GET() {
  const health = await checkHealth({ prisma: getPrisma(), chainRpcUrl: getConfig().chainRpcUrl });
  return Response.json(health, { status: health.ok ? 200 : 503 });
}
