// Reads a request body into memory, refusing (413) one larger than maxBytes: by its Content-Length
// before reading anything, or by counting when it is sent chunked.
import { RequestTooLargeError } from '../errors';

export async function readRequestBody(request: Request, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = () => new RequestTooLargeError(`The request body is larger than the limit of ${maxBytes} bytes.`);
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes) throw tooLarge();
  if (!request.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}
