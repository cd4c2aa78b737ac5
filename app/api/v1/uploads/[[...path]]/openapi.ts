// The OpenAPI description of the resumable uploads (tus 1.0), /api/v1/uploads and /api/v1/uploads/{id},
// both answered by route.ts beside it.
import { resumableUploadStatusSchema } from '@/lib/evidence/evidence-schemas';
import { authErrors, json, problemResponse, schemaOf, type RouteApiDescription } from '@/lib/http/openapi-toolkit';

const tusHeader = (description: string) => ({ schema: { type: 'string' }, description });

const tusResumableParameter = {
  name: 'Tus-Resumable',
  in: 'header',
  required: true,
  description: 'The tus protocol version: 1.0.0.',
  schema: { type: 'string', const: '1.0.0' },
};

const uploadIdParameter = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };

export const routeApiDescription: RouteApiDescription = {
  paths: {
    '/api/v1/uploads': {
      options: {
        tags: ['Ingest'],
        operationId: 'discoverResumableUploads',
        summary: 'What the resumable-upload server supports (tus)',
        description: 'Public: the tus version, extensions and largest upload (MAX_UPLOAD_BYTES).',
        security: [],
        responses: {
          '204': {
            description: 'Supported.',
            headers: { 'Tus-Version': tusHeader('1.0.0'), 'Tus-Extension': tusHeader('creation,creation-with-upload,creation-defer-length,termination,expiration'), 'Tus-Max-Size': tusHeader('MAX_UPLOAD_BYTES') },
          },
        },
      },
      post: {
        tags: ['Ingest'],
        operationId: 'createResumableUpload',
        summary: 'Start a resumable upload of one large file (tus 1.0 creation)',
        description:
          'For large files over unreliable networks: the tus 1.0 protocol (https://tus.io/protocols/resumable-upload), ' +
          'so any tus client works (tus-js-client, tus-java-client, tuspy, ...). Send `Tus-Resumable: 1.0.0`, ' +
          '`Upload-Length` (at most MAX_UPLOAD_BYTES) and `Upload-Metadata`: comma-separated `key base64(value)` pairs ' +
          'with `filename`, `filetype`, `sha256` (the 0x-hex SHA-256 you computed; recommended) and the fields of ' +
          'POST /api/v1/evidence/files (title, type, loanReference, borrowerReference, borrowerName, borrowerIdNumber, ' +
          'borrowerPhone, borrowerEmail, confirmSameNameBorrower, source). They are checked now, with the same rules and ' +
          'messages, so a bad field is refused before any byte is sent. Then PATCH the bytes to the `Location`; after a ' +
          'broken connection, HEAD it for `Upload-Offset` and PATCH on from there. The PATCH that completes the file ' +
          'makes the evidence item. An upload not finished within RESUMABLE_UPLOAD_EXPIRY_MINUTES is removed.',
        security: [{ apiKey: [] }, { portalSession: [] }],
        parameters: [
          tusResumableParameter,
          { name: 'Upload-Length', in: 'header', required: true, schema: { type: 'integer', minimum: 1 }, description: 'The size of the file in bytes.' },
          { name: 'Upload-Metadata', in: 'header', required: false, schema: { type: 'string' }, description: 'The description of the file, as above.' },
        ],
        responses: {
          '201': {
            description: 'Created; send the bytes to `Location`.',
            headers: {
              Location: tusHeader('/api/v1/uploads/{id}'),
              'Upload-Expires': tusHeader('When the unfinished upload is removed (RFC 7231 date).'),
            },
          },
          '400': problemResponse('Invalid metadata (code `invalid-fields`, with `fieldErrors` naming each field), no or a zero Upload-Length.'),
          ...authErrors,
          '403': problemResponse('Signed in, but not as a lender: only lenders submit evidence.'),
          '409': problemResponse('A portal upload names a new borrower of a name already on record (code `same-name-borrower`), as for POST /api/v1/evidence/files.'),
          '412': problemResponse('No `Tus-Resumable: 1.0.0` header.'),
          '413': problemResponse('Upload-Length is over MAX_UPLOAD_BYTES (code `upload-too-large`).'),
        },
      },
    },
    '/api/v1/uploads/{id}': {
      head: {
        tags: ['Ingest'],
        operationId: 'resumableUploadOffset',
        summary: 'How many bytes of the upload the server has (tus)',
        security: [{ apiKey: [] }, { portalSession: [] }],
        parameters: [uploadIdParameter, tusResumableParameter],
        responses: {
          '200': { description: 'Resume from `Upload-Offset`.', headers: { 'Upload-Offset': tusHeader('Bytes received.'), 'Upload-Length': tusHeader('The size of the file.') } },
          '401': { description: 'No API key or session.' },
          '403': { description: 'Not a lender.' },
          '404': { description: "Unknown, swept after it expired, or another organization's upload." },
          '410': { description: 'Expired: start a new upload.' },
        },
      },
      patch: {
        tags: ['Ingest'],
        operationId: 'appendToResumableUpload',
        summary: 'Send bytes of the upload from Upload-Offset (tus)',
        description:
          'The body streams to disk. The PATCH that completes the file hashes it on the server (SHA-256 of the bytes ' +
          'received) and, if `sha256` was given, compares: a mismatch removes the upload and stores nothing (400 ' +
          '`hash-mismatch`). Otherwise the evidence item is recorded exactly as an upload to POST /api/v1/evidence/files ' +
          'would be, and its id is in `Evident-Evidence-Id`; GET the upload for the whole item. Sending the completing ' +
          'PATCH again (a lost answer) answers with the same item and makes no second one.',
        security: [{ apiKey: [] }, { portalSession: [] }],
        parameters: [uploadIdParameter, tusResumableParameter, { name: 'Upload-Offset', in: 'header', required: true, schema: { type: 'integer', minimum: 0 } }],
        requestBody: { required: true, content: { 'application/offset+octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } } },
        responses: {
          '204': {
            description: 'Stored up to `Upload-Offset`.',
            headers: { 'Upload-Offset': tusHeader('Bytes received.'), 'Evident-Evidence-Id': tusHeader('On the completing PATCH: the evidence item the file became.') },
          },
          '400': problemResponse('`hash-mismatch` (nothing stored), `request-aborted` (the body broke off; resume from HEAD), or missing tus headers.'),
          ...authErrors,
          '403': problemResponse('Not a lender.'),
          '404': problemResponse("Unknown, swept, or another organization's upload (code `upload-not-found`)."),
          '409': problemResponse('`Upload-Offset` is not the server\'s offset (code `upload-offset-conflict`): HEAD and resume; or `same-name-borrower`.'),
          '410': problemResponse('Expired (code `upload-expired`): start a new upload.'),
          '413': problemResponse('More bytes than Upload-Length.'),
          '507': problemResponse('The server has no space left (code storage-full); nothing was recorded, resume later.'),
        },
      },
      delete: {
        tags: ['Ingest'],
        operationId: 'abandonResumableUpload',
        summary: 'Abandon the upload and remove its bytes (tus termination)',
        security: [{ apiKey: [] }, { portalSession: [] }],
        parameters: [uploadIdParameter, tusResumableParameter],
        responses: {
          '204': { description: 'Removed.' },
          ...authErrors,
          '403': problemResponse('Not a lender.'),
          '404': problemResponse("Unknown, swept, or another organization's upload (code `upload-not-found`)."),
        },
      },
      get: {
        tags: ['Ingest'],
        operationId: 'getResumableUpload',
        summary: 'The upload\'s progress, and the evidence item once finished',
        security: [{ apiKey: [] }, { portalSession: [] }],
        parameters: [uploadIdParameter],
        responses: {
          '200': json('ResumableUploadStatus', 'The upload.'),
          ...authErrors,
          '403': problemResponse('Not a lender.'),
          '404': problemResponse("Unknown, swept unfinished, or another organization's upload (code `upload-not-found`)."),
        },
      },
    },
  },
  schemas: {
    ResumableUploadStatus: schemaOf(resumableUploadStatusSchema),
  },
};
