// The OpenAPI description of GET /api/v1/cases/{id}/package (route.ts beside it).
import { authErrors, idParameter, problemResponse, type RouteApiDescription } from '@/lib/http/openapi-toolkit';

export const routeApiDescription: RouteApiDescription = {
  paths: {
    '/api/v1/cases/{id}/package': {
      get: {
        tags: ['Cases'],
        operationId: 'getCaseEvidencePackage',
        summary: 'The case evidence package (证据包): one ZIP to keep and re-check offline',
        description:
          'A streamed, deterministic ZIP (the same case state gives the same bytes): manifest.json and its issuer ' +
          'signature manifest.sig.json, originals/, certificates/ (JSON and PDF), report/ (the latest verification ' +
          'report), verify.html (the offline verifier) and README.txt. For the filing lender (session or API key) and ' +
          'the arbitration commission; every download is audited with the package’s SHA-256.',
        security: [{ apiKey: [] }, { portalSession: [] }],
        parameters: [idParameter('id', 'Case id (UUID).')],
        responses: {
          '200': { description: 'The ZIP.', content: { 'application/zip': { schema: { type: 'string', contentMediaType: 'application/zip' } } } },
          ...authErrors,
          '404': problemResponse('No such case for this caller.'),
        },
      },
    },
  },
};
