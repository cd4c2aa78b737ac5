import { loadIssuer } from '@/lib/certificates/load-issuer';
import { openCasePackage } from '@/lib/evidence-package/open-case-package';
import { apiRoute } from '@/lib/http/api-route';
import { downloadHeaders } from '@/lib/http/attachment-disposition';

export const runtime = 'nodejs';

/** GET /api/v1/cases/{id}/package: the case's evidence package (证据包), one streamed ZIP. */
export const GET = apiRoute<'either', { id: string }>({ auth: 'either' }, async ({ viewer, prisma, config, params }) => {
  const casePackage = await openCasePackage({
    prisma,
    viewer,
    caseId: params.id,
    issuer: await loadIssuer(config),
    storageDir: config.storageDir,
    publicBaseUrl: config.publicBaseUrl,
    operatorStatements: config.operatorStatements,
    operatorSealImage: config.operatorSealImage,
  });
  return new Response(casePackage.stream, {
    headers: downloadHeaders({ fileName: casePackage.fileName, contentType: 'application/zip' }),
  });
});
