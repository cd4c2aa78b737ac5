// The OpenAPI description of the resumable statement uploads (tus 1.0),
// /api/v1/reconciliation/pairs/{pairId}/days/{businessDate}/statement/uploads and …/uploads/{id},
// both answered by route.ts beside it.
import { authErrors, idempotencyKeyParameter, idParameter, json, problemResponse, schemaOf, type RouteApiDescription } from '@/lib/http/openapi-toolkit';
import { resumableStatementUploadStatusSchema } from '@/lib/reconciliation/resumable-statement-upload-schemas';

const tusHeader = (description: string) => ({ schema: { type: 'string' }, description });
const tusResumableParameter = {
  name: 'Tus-Resumable',
  in: 'header',
  required: true,
  description: 'The tus protocol version: 1.0.0.',
  schema: { type: 'string', const: '1.0.0' },
};
const dayParameters = [idParameter('pairId', 'Co-lending pair id (UUID).'), idParameter('businessDate', 'Business date, YYYY-MM-DD.')];
const uploadIdParameter = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const bankSecurity: Array<Record<string, string[]>> = [{ apiKey: [] }, { portalSession: [] }];
const notYours = problemResponse(
  'No such pair with your bank in it (`reconciliation-pair-not-found`), or an upload that is unknown, swept, refused, or not your bank’s for this pair and date (`upload-not-found`).',
);
const tags = ['Reconciliation'];

export const routeApiDescription: RouteApiDescription = {
  paths: {
    '/api/v1/reconciliation/pairs/{pairId}/days/{businessDate}/statement/uploads': {
      options: {
        tags,
        operationId: 'discoverResumableStatementUploads',
        summary: 'What the resumable statement upload supports (tus)',
        description: 'Public: the tus version, extensions and largest statement (RECONCILIATION_MAX_STATEMENT_BYTES).',
        security: [],
        parameters: dayParameters,
        responses: {
          '204': {
            description: 'Supported.',
            headers: { 'Tus-Version': tusHeader('1.0.0'), 'Tus-Extension': tusHeader('creation,creation-with-upload,creation-defer-length,termination,expiration'), 'Tus-Max-Size': tusHeader('RECONCILIATION_MAX_STATEMENT_BYTES') },
          },
        },
      },
      post: {
        tags,
        operationId: 'createResumableStatementUpload',
        summary: "Start a resumable upload of your bank's statement for one business date (tus 1.0 creation)",
        description:
          'For statement files too large to send again after a broken connection: the tus 1.0 protocol ' +
          '(https://tus.io/protocols/resumable-upload), so any tus client works. The upload is bound to the pair, the ' +
          'date and your bank (your organization) now. Send `Tus-Resumable: 1.0.0`, `Upload-Length` (at most ' +
          'RECONCILIATION_MAX_STATEMENT_BYTES) and optionally `Upload-Metadata` (comma-separated `key base64(value)`): ' +
          '`filetype` (your column map’s media type, as the PUT’s Content-Type; default that type), `filename`, `sha256` ' +
          '(0x-hex SHA-256 of the whole file, checked when it is in), and `Idempotency-Key`. Checked now, before any byte is ' +
          'sent: the media type, the day’s window and cut-off, your side not yet committed. Then PATCH the bytes to `Location`; ' +
          'after a broken connection HEAD it for `Upload-Offset` and PATCH on from there. The PATCH that completes the file ' +
          'commits it exactly as PUT …/statement does. An upload not finished within RESUMABLE_UPLOAD_EXPIRY_MINUTES is removed.',
        security: bankSecurity,
        parameters: [
          ...dayParameters,
          tusResumableParameter,
          { name: 'Upload-Length', in: 'header', required: true, schema: { type: 'integer', minimum: 0 }, description: 'The size of the statement file in bytes.' },
          { name: 'Upload-Metadata', in: 'header', required: false, schema: { type: 'string' }, description: '`filetype`, `filename`, `sha256`, as above.' },
          {
            ...idempotencyKeyParameter,
            description:
              'The key the committed side’s answer is stored under (else one of the upload’s own). The same key and the same file ' +
              'again, by this upload, another one or the PUT, gets that answer; another file under it is refused (422).',
          },
        ],
        responses: {
          '201': {
            description: 'Created; send the bytes to `Location`. (A zero-length statement is committed at once: the answer is then the PATCH’s 201.)',
            headers: {
              Location: tusHeader('/api/v1/reconciliation/pairs/{pairId}/days/{businessDate}/statement/uploads/{id}'),
              'Upload-Expires': tusHeader('When the unfinished upload is removed (RFC 7231 date).'),
            },
          },
          '400': problemResponse('No Upload-Length (a deferred length is refused), a malformed `sha256`, date or Idempotency-Key.'),
          ...authErrors,
          '403': problemResponse('Not a lender.'),
          '404': notYours,
          '409': problemResponse('`side-already-committed`: your side of that day is in already; `cut-off-passed`: the day is closed.'),
          '412': problemResponse('No `Tus-Resumable: 1.0.0` header.'),
          '413': problemResponse('Upload-Length is over RECONCILIATION_MAX_STATEMENT_BYTES (code `upload-too-large`).'),
          '415': problemResponse('`filetype` is not your column map’s media type.'),
          '422': problemResponse('`business-date-not-allowed`: a date before the pair’s first or not ended yet.'),
        },
      },
    },
    '/api/v1/reconciliation/pairs/{pairId}/days/{businessDate}/statement/uploads/{id}': {
      head: {
        tags,
        operationId: 'resumableStatementUploadOffset',
        summary: 'How many bytes of the statement the server has (tus)',
        security: bankSecurity,
        parameters: [...dayParameters, uploadIdParameter, tusResumableParameter],
        responses: {
          '200': { description: 'Resume from `Upload-Offset`.', headers: { 'Upload-Offset': tusHeader('Bytes received.'), 'Upload-Length': tusHeader('The size of the file.') } },
          '401': { description: 'No API key or session.' },
          '403': { description: 'Not a lender.' },
          '404': { description: 'Unknown, swept, refused, or not your bank’s upload for this pair and date.' },
          '410': { description: 'Expired: start a new upload.' },
        },
      },
      patch: {
        tags,
        operationId: 'appendToResumableStatementUpload',
        summary: 'Send bytes of the statement from Upload-Offset (tus); the completing PATCH commits it',
        description:
          'The body streams to disk; more bytes than Upload-Length are refused (413). The PATCH that completes the file hashes ' +
          'it on the server, compares `sha256` if it was given (400 `hash-mismatch`), and commits it through PUT …/statement’s ' +
          'own checks and commit: the cut-off and one file per side per day are checked again now, and the answer is the PUT’s ' +
          '(201 with the side and its signed receipt, or the same problem). A refusal removes the upload and keeps nothing. ' +
          'Sending the completing PATCH again (a lost answer) answers the same side with `Idempotent-Replayed: true` and ' +
          'commits no second one.',
        security: bankSecurity,
        parameters: [...dayParameters, uploadIdParameter, tusResumableParameter, { name: 'Upload-Offset', in: 'header', required: true, schema: { type: 'integer', minimum: 0 } }],
        requestBody: { required: true, content: { 'application/offset+octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } } },
        responses: {
          '201': json('ReconciliationStatementUpload', 'The completing PATCH: committed; `side.receipt` is the signed receipt.'),
          '204': { description: 'Stored up to `Upload-Offset`.', headers: { 'Upload-Offset': tusHeader('Bytes received.') } },
          '400': problemResponse('`hash-mismatch` (nothing stored), `request-aborted` (the body broke off; resume from HEAD), or missing tus headers.'),
          ...authErrors,
          '403': problemResponse('Not a lender.'),
          '404': notYours,
          '409': problemResponse(
            '`upload-offset-conflict`: Upload-Offset is not the server’s (HEAD and resume); on the completing PATCH ' +
              '`side-already-committed` or `cut-off-passed` (the upload is removed).',
          ),
          '410': problemResponse('Expired (code `upload-expired`): start a new upload.'),
          '413': problemResponse('More bytes than Upload-Length.'),
          '415': problemResponse('The media type given at creation is no longer your column map’s.'),
          '422': problemResponse(
            'On the completing PATCH: `statement-rejected` with `issues` by line, field and code (as the PUT), ' +
              '`business-date-not-allowed`, or the Idempotency-Key was used with another file. The upload is removed.',
          ),
          '507': problemResponse('The server has no space left (code storage-full); what was received is kept, resume later.'),
        },
      },
      delete: {
        tags,
        operationId: 'abandonResumableStatementUpload',
        summary: 'Abandon the upload and remove its bytes (tus termination)',
        security: bankSecurity,
        parameters: [...dayParameters, uploadIdParameter, tusResumableParameter],
        responses: {
          '204': { description: 'Removed (a committed side stays).' },
          ...authErrors,
          '403': problemResponse('Not a lender.'),
          '404': notYours,
        },
      },
      get: {
        tags,
        operationId: 'getResumableStatementUpload',
        summary: 'The upload’s progress, and the committed side once finished',
        security: bankSecurity,
        parameters: [...dayParameters, uploadIdParameter],
        responses: {
          '200': json('ResumableStatementUploadStatus', 'The upload.'),
          ...authErrors,
          '403': problemResponse('Not a lender.'),
          '404': notYours,
        },
      },
    },
  },
  schemas: { ResumableStatementUploadStatus: schemaOf(resumableStatementUploadStatusSchema) },
};
