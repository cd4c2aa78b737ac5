import { describe, expect, it } from 'vitest';
import { RequestTooLargeError } from '../errors';
import { readRequestBody } from './read-request-body';

function chunkedRequest(totalBytes: number, pulled: { bytes: number }): Request {
  const chunk = new Uint8Array(64 * 1024);
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled.bytes >= totalBytes) return controller.close();
      pulled.bytes += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return new Request('http://evident.test/', { method: 'POST', body, duplex: 'half' } as RequestInit);
}

describe('the one bounded body reader', () => {
  it('stops a chunked body without Content-Length at its limit instead of reading it all', async () => {
    const pulled = { bytes: 0 };
    await expect(readRequestBody(chunkedRequest(50 * 1024 * 1024, pulled), 64 * 1024)).rejects.toBeInstanceOf(RequestTooLargeError);
    expect(pulled.bytes).toBeLessThan(1024 * 1024);
  });

  it('refuses by Content-Length before reading, and reads a body within the limit whole', async () => {
    const declared = new Request('http://evident.test/', { method: 'POST', body: 'x'.repeat(10), headers: { 'content-length': '999999' } });
    await expect(readRequestBody(declared, 100)).rejects.toBeInstanceOf(RequestTooLargeError);
    const pulled = { bytes: 0 };
    expect((await readRequestBody(chunkedRequest(3 * 64 * 1024, pulled), 1024 * 1024)).byteLength).toBe(3 * 64 * 1024);
  });
});
