// The OpenAPI description of PUT /api/v1/reconciliation/pairs/{pairId}/days/{businessDate}/statement (route.ts beside it).
import { authErrors, idempotencyKeyParameter, idParameter, json, problemResponse, schemaOf, type RouteApiDescription } from '@/lib/http/openapi-toolkit';
import { statementUploadResultSchema } from '@/lib/reconciliation/reconciliation-schemas';

const file = { schema: { type: 'string', contentMediaType: 'application/octet-stream' } };

export const routeApiDescription: RouteApiDescription = {
  paths: {
    '/api/v1/reconciliation/pairs/{pairId}/days/{businessDate}/statement': {
      put: {
        tags: ['Reconciliation'],
        operationId: 'uploadReconciliationStatement',
        summary: "Upload your bank's statement for one business date",
        description:
          'The raw file as the body, in your column map’s carrier and encoding (docs/reconciliation-format.md §2). Your side (A or B) ' +
          'follows from your organization. Accepted from 00:00 on the day after the business date until the pair’s cut-off that day ' +
          '(Asia/Shanghai). The file is committed whole or refused whole; one file per side per day. Answers the signed side ' +
          'receipt; when both sides are in, Evident drafts and signs the day’s statement (GET the day). On a blind pair (the pair’s ' +
          '`mode`) the body is the blind side your systems made with the pair key (`npm run reconciliation:blind`, §14.1: keys and ' +
          'commitments only, your control totals declared), as application/x-ndjson; its receipt is version 2.',
        security: [{ apiKey: [] }, { portalSession: [] }],
        parameters: [idParameter('pairId', 'Co-lending pair id (UUID).'), idParameter('businessDate', 'Business date, YYYY-MM-DD.'), idempotencyKeyParameter],
        requestBody: { required: true, content: { 'text/csv': file, 'application/x-ndjson': file } },
        responses: {
          '201': json('ReconciliationStatementUpload', 'Committed; `side.receipt` is the signed receipt.'),
          '400': problemResponse('The date is not YYYY-MM-DD, or the Idempotency-Key is malformed.'),
          ...authErrors,
          '403': problemResponse('Not a lender.'),
          '404': problemResponse('No such pair with your bank in it.'),
          '409': problemResponse('`side-already-committed`: your side of that day is in already; `cut-off-passed`: the day is closed.'),
          '413': problemResponse('The file is over RECONCILIATION_MAX_STATEMENT_BYTES; nothing was stored.'),
          '415': problemResponse('The Content-Type is not your column map’s carrier (text/csv, application/x-ndjson or text/plain for fixed-width), or not application/x-ndjson on a blind pair.'),
          '422': problemResponse(
            '`statement-rejected`: the file has issues (wrong encoding, bad rows, a duplicate key; on a blind pair a malformed blind side), listed in `issues` by line, field ' +
              'and code, `issueCount` in all; nothing was stored. `business-date-not-allowed`: a date before the pair’s first, ' +
              'before your last committed day, or not ended yet (`reason`). Or the Idempotency-Key was used with another file.',
          ),
          '507': problemResponse('The server has no space left (code storage-full); nothing was stored.'),
        },
      },
    },
  },
  schemas: { ReconciliationStatementUpload: schemaOf(statementUploadResultSchema) },
};
