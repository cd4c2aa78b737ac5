import { getConfig } from '@/lib/config';
import { CERTIFICATE_EIP712_DOMAIN } from '@/lib/certificates/certificate-typed-data';
import { loadIssuer } from '@/lib/certificates/load-issuer';
import type { IssuerDocument } from '@/lib/verify/issuer-document';
import { handleErrors } from '@/lib/http/problem-response';

export const dynamic = 'force-dynamic';

export const GET = handleErrors(async () => {
  const issuer = await loadIssuer(getConfig());
  const document: IssuerDocument = {
    name: issuer.name,
    address: issuer.address,
    signatureScheme: 'eip712',
    eip712Domain: CERTIFICATE_EIP712_DOMAIN,
  };
  return Response.json(document, { headers: { 'cache-control': 'public, max-age=300' } });
});
