import { describe, expect, it } from 'vitest';
import { RequestTooLargeError } from '../errors';
import { readNdjsonLines, type NdjsonLine } from './read-ndjson-lines';

function streamOf(chunks: Array<string | Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk);
      controller.close();
    },
  });
}

async function lines(chunks: Array<string | Uint8Array>, limits = { maxLines: 100, maxLineBytes: 100 }): Promise<NdjsonLine[]> {
  const out: NdjsonLine[] = [];
  for await (const line of readNdjsonLines(streamOf(chunks), limits)) out.push(line);
  return out;
}

describe('readNdjsonLines', () => {
  it('splits lines across chunk boundaries, including inside a multi-byte character', async () => {
    const bytes = new TextEncoder().encode('{"a":"张"}\n{"b":2}\n');
    const result = await lines([bytes.subarray(0, 7), bytes.subarray(7, 13), bytes.subarray(13)]);
    expect(result).toEqual([
      { index: 0, text: '{"a":"张"}' },
      { index: 1, text: '{"b":2}' },
    ]);
  });

  it('accepts CRLF and a last line without a newline, and ignores trailing whitespace', async () => {
    expect(await lines(['a\r\nb'])).toEqual([
      { index: 0, text: 'a' },
      { index: 1, text: 'b' },
    ]);
    expect(await lines(['a\n \r\n'])).toEqual([
      { index: 0, text: 'a' },
      { index: 1, text: ' ' },
    ]);
    expect(await lines(['a\n  '])).toEqual([{ index: 0, text: 'a' }]);
  });

  it('keeps empty lines in the middle, so indexes are line numbers', async () => {
    expect((await lines(['a\n\nb\n'])).map((l) => l.text)).toEqual(['a', '', 'b']);
  });

  it('reports invalid UTF-8 per line', async () => {
    expect(await lines([new Uint8Array([0x61, 0x0a, 0xff, 0xfe, 0x0a])])).toEqual([
      { index: 0, text: 'a' },
      { index: 1, invalidUtf8: true },
    ]);
  });

  it('refuses a line longer than the limit, even split over chunks', async () => {
    await expect(lines(['x'.repeat(60), 'x'.repeat(60), '\n'])).rejects.toThrow(RequestTooLargeError);
    await expect(lines(['x'.repeat(101) + '\n'])).rejects.toThrow(/Line 0 is longer than 100 bytes/);
  });

  it('refuses more lines than the limit', async () => {
    await expect(lines(['a\nb\nc\n'], { maxLines: 2, maxLineBytes: 10 })).rejects.toThrow(/more than 2 lines/);
    expect(await lines(['a\nb\n'], { maxLines: 2, maxLineBytes: 10 })).toHaveLength(2);
  });
});
