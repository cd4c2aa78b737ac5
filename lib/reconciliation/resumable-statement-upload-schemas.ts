// The status of a resumable statement upload (GET …/statement/uploads/{id}), shared by the route, its
// OpenAPI description and the portal's statement form.
import { z } from 'zod';
import { statementUploadResultSchema } from './reconciliation-schemas';

export const resumableStatementUploadStatusSchema = z.object({
  id: z.uuid(),
  length: z.int().min(0).describe('Upload-Length: the size of the statement file in bytes.'),
  offset: z.int().min(0).describe('Bytes the server has; equal to `length` once complete.'),
  expiresAt: z.iso
    .datetime()
    .nullable()
    .describe('When the upload is removed (RESUMABLE_UPLOAD_EXPIRY_MINUTES after its creation; a committed side stays).'),
  result: statementUploadResultSchema
    .nullable()
    .describe('Once the completing PATCH committed the side: the answer it gave (the side and its signed receipt); null until then.'),
});

export type ResumableStatementUploadStatus = z.infer<typeof resumableStatementUploadStatusSchema>;
