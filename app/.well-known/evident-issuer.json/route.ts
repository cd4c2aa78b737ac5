import { loadIssuer } from '@/lib/certificates/load-issuer';
import { apiRoute } from '@/lib/http/api-route';
import { CERTIFICATE_EIP712_DOMAIN } from '@/lib/proof/certificate-typed-data';
import type { IssuerDocument } from '@/lib/proof/issuer-document';

export const dynamic = 'force-dynamic';

// Public: the issuer's address that verifiers pin (docs/proof-format.md §9.6).
export const GET = apiRoute({ auth: 'none' }, async ({ config }) => {
  const issuer = await loadIssuer(config);
  const document: IssuerDocument = {
    name: issuer.name,
    address: issuer.address,
    signatureScheme: 'eip712',
    eip712Domain: CERTIFICATE_EIP712_DOMAIN,
  };
  return Response.json(document, { headers: { 'cache-control': 'public, max-age=300' } });
});
