// Reads the body of POST /api/v1/verify: JSON `{ "certificate": {…}, "fileSha256"?: "0x…" }`, or
// multipart/form-data with a `certificate` part (the JSON or the PDF) and an optional `fileSha256`
// field. The original file itself is not accepted: systems send its SHA-256.
import { InvalidRequestError } from '../errors';
import { CERTIFICATE_NUMBER_POLICY, CertificateFormatError } from '../proof/certificate-schema';
import { fromHex } from '../proof/hex';
import { parseStrictJson, StrictJsonError } from '../proof/parse-strict-json';
import { readCertificateFile } from '../proof/read-certificate-file';
import { readRequestBody } from '../http/read-request-body';
import { RECONCILIATION_CERTIFICATE_NUMBER_POLICY } from '../reconciliation/reconciliation-certificate';

export const MAX_VERIFY_BODY_BYTES = 10 * 1024 * 1024;

export interface VerifyRequest {
  certificate: unknown;
  fileSha256?: Uint8Array;
}

const CERTIFICATE_PATH = '$.certificate';

// An evidence certificate's integers are held by path; a reconciliation certificate's numbers all are
// (every number of either kind is an integer, so holding all of them costs an evidence certificate nothing).
function certificateNumbersInside(path: string, raw: string): string | null {
  if (!path.startsWith(`${CERTIFICATE_PATH}.`)) return null;
  const inner = `$${path.slice(CERTIFICATE_PATH.length)}`;
  return CERTIFICATE_NUMBER_POLICY(inner, raw) ?? RECONCILIATION_CERTIFICATE_NUMBER_POLICY(inner, raw);
}

export async function parseVerifyRequest(request: Request): Promise<VerifyRequest> {
  const contentType = request.headers.get('content-type')?.toLowerCase() ?? '';
  if (!contentType.startsWith('multipart/form-data') && !contentType.startsWith('application/json')) {
    throw new InvalidRequestError('Send application/json or multipart/form-data.');
  }
  // Read at most 10 MiB, chunked or not (413 beyond); nothing reads the body any other way.
  const bytes = await readRequestBody(request, MAX_VERIFY_BODY_BYTES);
  if (contentType.startsWith('multipart/form-data')) {
    let form: FormData;
    try {
      form = await new Response(new Uint8Array(bytes), { headers: { 'content-type': request.headers.get('content-type')! } }).formData();
    } catch {
      throw new InvalidRequestError('Malformed multipart request.');
    }
    const part = form.get('certificate');
    if (!part) throw new InvalidRequestError('The request has no `certificate` part.');
    const file = typeof part === 'string' ? new TextEncoder().encode(part) : new Uint8Array(await part.arrayBuffer());
    return { certificate: await readCertificateFile(file), fileSha256: parseDigest(form.get('fileSha256')) };
  }
  if (contentType.startsWith('application/json')) {
    // Parsed as strictly as a certificate file (docs/proof-format.md section 1.1): a duplicate key
    // inside `certificate` makes the certificate malformed (reported, 422); elsewhere the request.
    let body: unknown;
    try {
      body = parseStrictJson(new TextDecoder().decode(bytes), { numberPolicy: certificateNumbersInside });
    } catch (error) {
      if (!(error instanceof StrictJsonError)) throw new InvalidRequestError('The body could not be read.');
      if (error.path.startsWith(`${CERTIFICATE_PATH}.`) || error.path.startsWith(`${CERTIFICATE_PATH}[`)) {
        const path = error.path.slice(CERTIFICATE_PATH.length).replace(/^\./, '');
        return { certificate: new CertificateFormatError([{ path, message: error.message }]) };
      }
      throw new InvalidRequestError(error.path === '$' ? 'The body is not valid JSON.' : `The body is malformed at ${error.path}: ${error.message}.`);
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body) || !('certificate' in body)) {
      throw new InvalidRequestError('Send a JSON object with a `certificate` field.');
    }
    const { certificate, fileSha256 } = body as { certificate: unknown; fileSha256?: unknown };
    if (fileSha256 === '') throw new InvalidRequestError('`fileSha256` must be a 0x-prefixed 32-byte hex string; leave it out when there is no file.');
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
