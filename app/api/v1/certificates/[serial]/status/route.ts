import { getCertificateStatus } from '@/lib/certificates/certificate-status';
import { apiRoute } from '@/lib/http/api-route';

export const dynamic = 'force-dynamic';

// Public: any verifier asks whether a certificate was revoked (the online revocation check).
export const GET = apiRoute<'none', { serial: string }>({ auth: 'none' }, async ({ prisma, params }) =>
  Response.json(await getCertificateStatus({ prisma, serial: params.serial }), {
    headers: { 'cache-control': 'no-store', 'access-control-allow-origin': '*' },
  }),
);
