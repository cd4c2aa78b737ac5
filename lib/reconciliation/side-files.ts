// Where a committed side lives on disk (§4.2) and small buffered readers and writers for its
// fixed-length records. Node-only: the ingest, merge-join and proof minting use it, verifiers never.
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { SIDE_RECORD_LENGTH } from './side-record';

/** A record of keys.bin: the first 64 bytes of the rows.bin record (key, leaf hash). */
export const KEY_RECORD_LENGTH = 64;

export function sideFilePaths(directory: string) {
  return {
    rows: join(directory, 'rows.bin'),
    /** Key and leaf hash of each record of rows.bin, in the same order: all the merge-join reads of a matched row. */
    keys: join(directory, 'keys.bin'),
    levels: join(directory, 'levels.bin'),
    commitment: join(directory, 'side.json'),
  };
}

export class BufferedFileWriter {
  private readonly fd: number;
  private readonly buffer: Uint8Array;
  private used = 0;

  constructor(path: string, bufferBytes = 4 << 20) {
    this.fd = openSync(path, 'w');
    this.buffer = new Uint8Array(bufferBytes);
  }

  write(bytes: Uint8Array): void {
    if (bytes.length > this.buffer.length - this.used) this.flush();
    if (bytes.length > this.buffer.length) {
      writeAll(this.fd, bytes);
      return;
    }
    this.buffer.set(bytes, this.used);
    this.used += bytes.length;
  }

  /** `length` bytes of `source` from `start`, copied one by one: for small pieces, where a subarray each would cost more than the copy. */
  writeFrom(source: Uint8Array, start: number, length: number): void {
    if (length > this.buffer.length - this.used) this.flush();
    const buffer = this.buffer;
    let used = this.used;
    for (let i = 0; i < length; i++) buffer[used++] = source[start + i];
    this.used = used;
  }

  flush(): void {
    if (this.used > 0) writeAll(this.fd, this.buffer.subarray(0, this.used));
    this.used = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
}

/** Writes pieces of a new file at the byte offsets given: levels.bin, whose levels are filled side by side while the tree is built. */
export class PositionedFileWriter {
  private readonly fd: number;
  private closed = false;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  writeAt(position: number, bytes: Uint8Array): void {
    for (let done = 0; done < bytes.length; ) done += writeSync(this.fd, bytes, done, bytes.length - done, position + done);
  }

  /** Idempotent: a refused side closes it on its way out, whether or not it was closed before. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }
}

/** Reads a file of side records (or of keys.bin's, `recordLength` 64) front to back, a block at a time. */
export class SideRecordReader {
  private readonly fd: number;
  /** The current block; its buffer starts at byte 0, so records of a multiple of 4 bytes are word-aligned. */
  readonly block: Uint8Array;
  private blockRecords = 0;
  private position = 0;
  private fileOffset = 0;
  /** Index of the current record in the file. */
  index = -1;

  constructor(
    path: string,
    blockRecords = 8192,
    private readonly recordLength = SIDE_RECORD_LENGTH,
  ) {
    this.fd = openSync(path, 'r');
    this.block = new Uint8Array(blockRecords * recordLength);
  }

  /** One cursor object per reader, moved on by next(): no allocation per record. */
  private readonly cursor: { buffer: Uint8Array; offset: number } = { buffer: new Uint8Array(0), offset: 0 };

  /**
   * The buffer and offset of the next record, or null at the end. The returned object is this
   * reader's cursor: it and the bytes it points at are valid until the next call.
   */
  next(): { buffer: Uint8Array; offset: number } | null {
    if (this.position >= this.blockRecords) {
      const read = readFully(this.fd, this.block, this.fileOffset);
      this.fileOffset += read;
      this.blockRecords = Math.floor(read / this.recordLength);
      this.position = 0;
      if (this.blockRecords === 0) return null;
    }
    this.index++;
    this.cursor.buffer = this.block;
    this.cursor.offset = this.position++ * this.recordLength;
    return this.cursor;
  }

  close(): void {
    closeSync(this.fd);
  }
}

export function readFully(fd: number, into: Uint8Array, position: number): number {
  let done = 0;
  while (done < into.length) {
    const read = readSync(fd, into, done, into.length - done, position + done);
    if (read === 0) break;
    done += read;
  }
  return done;
}
