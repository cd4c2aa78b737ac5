import { getBatchForOrganization } from '@/lib/batches/get-batch-for-organization';
import { apiRoute } from '@/lib/http/api-route';

export const dynamic = 'force-dynamic';

export const GET = apiRoute<'key', { id: string }>({ auth: 'key' }, async ({ viewer, prisma, params }) =>
  Response.json(await getBatchForOrganization({ prisma, batchId: params.id, viewer })),
);
