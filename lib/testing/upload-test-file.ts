// Test helper: a multipart upload through ingestMultipartUpload as the browser form sends it (the
// client's SHA-256, the described fields, then the file), on the test services' database and storage.
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Viewer } from '../auth/viewer';
import { ingestMultipartUpload } from '../evidence/ingest-multipart-upload';
import type { TestServices } from './start-test-services';

export function uploadTestFile(
  services: TestServices,
  submitter: Viewer,
  fields: Record<string, string>,
  { content = `evidence ${randomUUID()}`, fileName = '借款合同扫描件.txt' }: { content?: string; fileName?: string } = {},
) {
  const buffer = Buffer.from(content);
  const form = new FormData();
  form.append('sha256', '0x' + createHash('sha256').update(buffer).digest('hex'));
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([new Uint8Array(buffer)], { type: 'text/plain' }), fileName);
  const request = new Request('http://localhost/api/v1/evidence/files', { method: 'POST', body: form });
  return ingestMultipartUpload({
    prisma: services.prisma,
    storageDir: services.config.storageDir,
    maxBytes: services.config.maxUploadBytes,
    contentType: request.headers.get('content-type'),
    contentLength: null,
    body: Readable.fromWeb(request.body as never),
    submitter,
    borrowerIdSalt: services.secrets.borrowerIdSalt,
  });
}
