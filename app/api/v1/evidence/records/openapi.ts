// The OpenAPI description of POST /api/v1/evidence/records (route.ts beside it), assembled into the
// document by app/api/build-api-document.ts.
import { MAX_ITEMS_PER_JSON_REQUEST, MAX_NDJSON_LINE_BYTES, MAX_NDJSON_LINES, recordInputSchema } from '@/lib/evidence/evidence-schemas';
import { idempotencyKeyParameter, ingestErrors, ingestResponseExample, json, ref, schemaOf, type RouteApiDescription } from '@/lib/http/openapi-toolkit';

const recordExample = [
  {
    type: 'repayment_record',
    loanReference: 'L-2026-000123',
    borrowerReference: 'B-88217',
    data: { loanId: 'L-2026-000123', instalment: 3, amount: '1520.00', currency: 'CNY', paidAt: '2026-03-01T09:30:00+08:00' },
  },
];

export const routeApiDescription: RouteApiDescription = {
  paths: {
    '/api/v1/evidence/records': {
      post: {
        tags: ['Ingest'],
        operationId: 'submitRecords',
        summary: 'Submit structured records',
        description:
          `A JSON array of up to ${MAX_ITEMS_PER_JSON_REQUEST} records, or \`Content-Type: application/x-ndjson\` with ` +
          `one record per line (up to ${MAX_NDJSON_LINES} lines of at most ${MAX_NDJSON_LINE_BYTES} bytes). Each ` +
          '`data` is canonicalised with RFC 8785 (JCS); the SHA-256 of its UTF-8 bytes is what is notarized. All or ' +
          'nothing: if any record is invalid, nothing is stored and the 400 problem lists every error.',
        parameters: [idempotencyKeyParameter],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: { type: 'array', minItems: 1, maxItems: MAX_ITEMS_PER_JSON_REQUEST, items: ref('RecordInput') },
              example: recordExample,
            },
            'application/x-ndjson': {
              schema: { type: 'string', description: 'One RecordInput JSON object per line.' },
              example: recordExample.map((record) => JSON.stringify(record)).join('\n') + '\n',
            },
          },
        },
        responses: { '201': json('IngestResponse', 'Stored, in request order.', ingestResponseExample), ...ingestErrors },
      },
    },
  },
  schemas: {
    RecordInput: schemaOf(recordInputSchema, 'input'),
  },
};
