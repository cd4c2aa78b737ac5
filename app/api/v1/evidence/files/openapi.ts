// The OpenAPI description of POST /api/v1/evidence/files (route.ts beside it); the form fields come from
// the zod schema the upload validates them with.
import { fileFieldsSchema, uploadedEvidenceSchema } from '@/lib/evidence/evidence-schemas';
import { authErrors, idempotencyKeyParameter, json, problemResponse, schemaOf, type JsonSchema, type RouteApiDescription } from '@/lib/http/openapi-toolkit';

const fileFields = schemaOf(fileFieldsSchema, 'input') as { properties: Record<string, JsonSchema> };

export const routeApiDescription: RouteApiDescription = {
  paths: {
    '/api/v1/evidence/files': {
      post: {
        tags: ['Ingest'],
        operationId: 'uploadFile',
        summary: 'Upload one file',
        description:
          'multipart/form-data with the fields first and then exactly one `file` part; the fields are checked before ' +
          'any of the file is stored, and the file streams to storage and is hashed on the way. The evidence belongs ' +
          "to the caller's organization (a lender's API key, or a lender's portal session). Naming a borrower " +
          '(borrowerName plus borrowerIdNumber, borrowerPhone or borrowerEmail) links the item to them, and they can ' +
          'then see it. Portal uploads must give title, type and borrower.',
        security: [{ apiKey: [] }, { portalSession: [] }],
        parameters: [idempotencyKeyParameter],
        requestBody: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object',
                properties: {
                  ...fileFields.properties,
                  file: { type: 'string', contentMediaType: 'application/octet-stream', description: 'The file.' },
                },
                required: ['file'],
              },
            },
          },
        },
        responses: {
          '201': json('UploadedEvidence', 'Stored; its status is pending until sealed into a batch.'),
          '400': problemResponse(
            'Not multipart, no file, an empty file, or the sha256 field differs; or fields are invalid (code ' +
              '`invalid-fields`, with `fieldErrors` naming each field).',
          ),
          ...authErrors,
          '403': problemResponse('Signed in, but not as a lender: only lenders submit evidence.'),
          '409': problemResponse(
            'Signed in through the portal, the upload names a new borrower whose name the organization already has under ' +
              'another identifier (code `same-name-borrower`, with `existingBorrowers` holding their masked identifiers); ' +
              'send `confirmSameNameBorrower=true` if it is another person.',
          ),
          '413': problemResponse('The file is over MAX_UPLOAD_BYTES.'),
          '422': problemResponse('The Idempotency-Key was already used with a different upload.'),
        },
      },
    },
  },
  schemas: {
    UploadedEvidence: schemaOf(uploadedEvidenceSchema),
  },
};
