// Reads the body of POST /api/v1/verify: JSON `{ "certificate": {…}, "fileSha256"?: "0x…" }`, or
// multipart/form-data with a `certificate` part (the JSON or the PDF) and an optional `fileSha256`
// field. The original file itself is not accepted: systems send its SHA-256.
import { InvalidRequestError } from '../errors';
import { fromHex } from '../hex';
import { readCertificateFile } from './read-certificate-file';

export const MAX_VERIFY_BODY_BYTES = 10 * 1024 * 1024;

export interface VerifyRequest {
  certificate: unknown;
  fileSha256?: Uint8Array;
}

export async function parseVerifyRequest(request: Request): Promise<VerifyRequest> {
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > MAX_VERIFY_BODY_BYTES) throw new InvalidRequestError('The request is larger than 10 MiB.');
  const contentType = request.headers.get('content-type')?.toLowerCase() ?? '';
  if (contentType.startsWith('multipart/form-data')) {
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      throw new InvalidRequestError('Malformed multipart request.');
    }
    const part = form.get('certificate');
    if (!part) throw new InvalidRequestError('The request has no `certificate` part.');
    const bytes = typeof part === 'string' ? new TextEncoder().encode(part) : new Uint8Array(await part.arrayBuffer());
    return { certificate: await readCertificateFile(bytes), fileSha256: parseDigest(form.get('fileSha256')) };
  }
  if (contentType.startsWith('application/json')) {
    let body: unknown;
    try {
      body = await request.json();
    } catch {
      throw new InvalidRequestError('The body is not valid JSON.');
    }
    if (typeof body !== 'object' || body === null || !('certificate' in body)) {
      throw new InvalidRequestError('Send a JSON object with a `certificate` field.');
    }
    const { certificate, fileSha256 } = body as { certificate: unknown; fileSha256?: unknown };
    return { certificate, fileSha256: parseDigest(fileSha256 ?? null) };
  }
  throw new InvalidRequestError('Send application/json or multipart/form-data.');
}

function parseDigest(value: unknown): Uint8Array | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw new InvalidRequestError('`fileSha256` must be a 0x-prefixed 32-byte hex string.');
  try {
    return fromHex(value.trim(), 32);
  } catch (error) {
    throw new InvalidRequestError(`\`fileSha256\`: ${(error as Error).message}`);
  }
}
