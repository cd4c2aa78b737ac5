// The OpenAPI description of POST /api/v1/verify (route.ts beside it).
import { z } from 'zod';
import { json, problemResponse, ref, schemaOf, type RouteApiDescription } from '@/lib/http/openapi-toolkit';
import { certificateSchema } from '@/lib/proof/certificate-schema';
import { ALL_CHECK_IDS, CHECK_CODES } from '@/lib/proof/verification-report';
import { reconciliationCertificateSchema } from '@/lib/reconciliation/reconciliation-certificate';

const verificationReportSchema = z.object({
  valid: z.boolean().describe('True when every check that ran passed.'),
  checks: z.array(
    z.object({
      id: z.enum(ALL_CHECK_IDS),
      status: z.enum(['pass', 'fail', 'skipped']),
      message: z.string(),
      code: z.enum(CHECK_CODES).optional().describe('Which outcome this is, e.g. file-hash.mismatch; stable, unlike the message.'),
      params: z.record(z.string(), z.string()).optional().describe('The values the message names; times as ISO-8601 UTC.'),
      details: z.record(z.string(), z.string()).optional(),
    }),
  ),
  certificate: certificateSchema.optional(),
  reconciliationCertificate: reconciliationCertificateSchema
    .optional()
    .describe('The parsed reconciliation certificate, when that is what was verified (docs/reconciliation-format.md section 12).'),
});

const verifyJsonRequestSchema = z.object({
  certificate: z
    .record(z.string(), z.unknown())
    .describe('The certificate JSON: an evidence certificate (docs/proof-format.md) or a reconciliation certificate (docs/reconciliation-format.md section 12).'),
  fileSha256: z.string().regex(/^0x[0-9a-fA-F]{64}$/).optional().describe('SHA-256 of the original file, to check it too.'),
});

export const routeApiDescription: RouteApiDescription = {
  paths: {
    '/api/v1/verify': {
      post: {
        tags: ['Certificates'],
        operationId: 'verifyCertificate',
        summary: 'Verify a certificate',
        description:
          'Runs every check (format, file hash, leaf, inclusion proof, chain anchor, signature, revocation) and reports ' +
          'each. Send JSON, or multipart with a `certificate` part (the JSON or the PDF) and an optional `fileSha256`. ' +
          'A reconciliation certificate (recognised by its `kind`) is checked for its format, its proof against the sides it ' +
          'attests, and its signature; `fileSha256` does not apply to it.',
        security: [],
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: ref('VerifyRequest') },
            'multipart/form-data': {
              schema: {
                type: 'object',
                properties: {
                  certificate: { type: 'string', contentMediaType: 'application/octet-stream', description: 'JSON or PDF certificate.' },
                  fileSha256: { type: 'string', pattern: '^0x[0-9a-fA-F]{64}$' },
                },
                required: ['certificate'],
              },
            },
          },
        },
        responses: {
          '200': json('VerificationReport', 'The report; `valid` says whether every check that ran passed.'),
          '400': problemResponse('An unreadable body.'),
          '422': json('VerificationReport', 'The certificate does not parse; the format check names the field.'),
        },
      },
    },
  },
  schemas: {
    VerifyRequest: schemaOf(verifyJsonRequestSchema, 'input'),
    VerificationReport: schemaOf(verificationReportSchema),
  },
};
