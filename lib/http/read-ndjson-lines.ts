// Splits a streamed NDJSON body into lines as it arrives, so a million-line request is never held
// in memory whole. Splitting on the byte 0x0A is safe in UTF-8, which never uses it inside a
// multi-byte character; each line is decoded strictly, so invalid UTF-8 is reported, not replaced.
import { RequestTooLargeError } from '../errors';

export type NdjsonLine = { index: number; text: string; invalidUtf8?: undefined } | { index: number; text?: undefined; invalidUtf8: true };

const NEWLINE = 0x0a;

export async function* readNdjsonLines(
  body: ReadableStream<Uint8Array>,
  { maxLines, maxLineBytes, onBytes }: { maxLines: number; maxLineBytes: number; onBytes?: (chunk: Uint8Array) => void },
): AsyncGenerator<NdjsonLine> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let partial: Uint8Array[] = [];
  let partialBytes = 0;
  let index = 0;

  const emit = (bytes: Uint8Array): NdjsonLine => {
    if (index >= maxLines) throw new RequestTooLargeError(`The request has more than ${maxLines} lines.`);
    const line = index++;
    try {
      const text = decoder.decode(bytes);
      return { index: line, text: text.endsWith('\r') ? text.slice(0, -1) : text };
    } catch {
      return { index: line, invalidUtf8: true };
    }
  };
  const lineTooLong = () => new RequestTooLargeError(`Line ${index} is longer than ${maxLineBytes} bytes.`);

  for await (const chunk of readChunks(body)) {
    onBytes?.(chunk);
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
      if (partialBytes + end - start > maxLineBytes) throw lineTooLong();
      const piece = chunk.subarray(start, end);
      yield emit(partialBytes === 0 ? piece : Buffer.concat([...partial, piece]));
      partial = [];
      partialBytes = 0;
      start = end + 1;
    }
    if (start < chunk.length) {
      partialBytes += chunk.length - start;
      if (partialBytes > maxLineBytes) throw lineTooLong();
      // Copied: the stream may reuse the chunk's memory once we ask for the next one.
      partial.push(Uint8Array.prototype.slice.call(chunk, start));
    }
  }
  if (partialBytes > 0) {
    const last = Buffer.concat(partial);
    // A last line without its newline is a record; trailing whitespace alone is not.
    if (last.some((byte) => byte !== 0x20 && byte !== 0x09 && byte !== 0x0d)) yield emit(last);
  }
}

/** The chunks of a web stream (the DOM typings in use do not declare ReadableStream async-iterable). */
export async function* readChunks(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      yield value;
    }
  } finally {
    // Stopped early (a line too long, too many lines): the rest of the body is not wanted.
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
