// Uploads whose client goes away mid-body (the socket reset, the stream destroyed with or without an
// error) must leave nothing behind: no temporary file, no open handle. Run in a loop, as the outside
// campaign did (32 aborted uploads left 32 files and 32 handles for good).
import { randomBytes } from 'node:crypto';
import { readdir, readlink } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidUploadError } from '../errors';
import { startTestServices, type TestServices } from '../testing/start-test-services';
import { sweepStaleUploads } from '../storage/store-stream';
import { ingestMultipartUpload } from './ingest-multipart-upload';

let services: TestServices;
const BOUNDARY = '----evident-aborted-upload';

beforeAll(async () => {
  services = await startTestServices();
});

afterAll(async () => {
  await services?.stop();
});

/** A multipart body that sends its head and `sentBytes` of the file, then ends as `how` says. */
function abortedBody(sentBytes: number, how: 'reset' | 'error'): Readable {
  const head = Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="title"\r\n\r\nContract\r\n` +
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  const body = new Readable({ read() {} });
  body.push(head);
  body.push(randomBytes(sentBytes));
  setTimeout(() => (how === 'reset' ? body.destroy() : body.destroy(new Error('socket hang up'))), 20);
  return body;
}

async function openTmpHandles(tmpDir: string): Promise<number> {
  let count = 0;
  for (const fd of await readdir('/proc/self/fd')) {
    const target = await readlink(`/proc/self/fd/${fd}`).catch(() => '');
    if (target.startsWith(tmpDir)) count += 1;
  }
  return count;
}

describe('an aborted upload', () => {
  it('leaves no temporary file and no open handle, 20 times over', async () => {
    const tmpDir = path.join(services.config.storageDir, 'tmp');
    for (let i = 0; i < 20; i++) {
      const upload = ingestMultipartUpload({
        prisma: services.prisma,
        storageDir: services.config.storageDir,
        maxBytes: 8 * 1024 * 1024,
        contentType: `multipart/form-data; boundary=${BOUNDARY}`,
        contentLength: null,
        body: abortedBody(512 * 1024, i % 2 === 0 ? 'reset' : 'error'),
      });
      await expect(upload).rejects.toBeInstanceOf(InvalidUploadError);
    }
    // Let destroyed streams finish closing their descriptors.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await readdir(tmpDir).catch(() => [])).toEqual([]);
    expect(await openTmpHandles(tmpDir)).toBe(0);
  });

  it('is swept on start when a crash left its temporary file', async () => {
    const { mkdir, writeFile, utimes } = await import('node:fs/promises');
    const tmpDir = path.join(services.config.storageDir, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    await writeFile(path.join(tmpDir, 'left-by-a-crash'), 'partial');
    await writeFile(path.join(tmpDir, 'in-progress'), 'partial');
    const twoHoursAgo = new Date(Date.now() - 2 * 3600 * 1000);
    await utimes(path.join(tmpDir, 'left-by-a-crash'), twoHoursAgo, twoHoursAgo);
    expect(await sweepStaleUploads(services.config.storageDir)).toBe(1);
    expect(await readdir(tmpDir)).toEqual(['in-progress']);
  });
});
