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

/**
 * Writes a file front to back through a buffer: a new file, or (`startAt`) an existing one from that
 * byte on, which is how each range of a side merged by its own thread writes its part of the side's
 * files.
 */
export class BufferedFileWriter {
  private readonly fd: number;
  private readonly buffer: Uint8Array;
  private used = 0;
  private position: number;

  constructor(path: string, bufferBytes = 4 << 20, startAt: number | null = null) {
    this.fd = openSync(path, startAt === null ? 'w' : 'r+');
    this.position = startAt ?? 0;
    this.buffer = new Uint8Array(bufferBytes);
  }

  write(bytes: Uint8Array): void {
    if (bytes.length > this.buffer.length - this.used) this.flush();
    if (bytes.length > this.buffer.length) {
      this.writeOut(bytes);
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
    if (this.used > 0) this.writeOut(this.buffer.subarray(0, this.used));
    this.used = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  private writeOut(bytes: Uint8Array): void {
    for (let done = 0; done < bytes.length; ) done += writeSync(this.fd, bytes, done, bytes.length - done, this.position + done);
    this.position += bytes.length;
  }
}

/**
 * Writes pieces of a file at the byte offsets given: levels.bin, whose levels are filled side by side
 * while the tree is built (a new file, or one that other threads write parts of: `existing`).
 */
export class PositionedFileWriter {
  private readonly fd: number;
  private closed = false;

  constructor(path: string, existing = false) {
    this.fd = openSync(path, existing ? 'r+' : 'w');
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

/**
 * Reads a file of side records (or of keys.bin's, `recordLength` 64) front to back, a block at a
 * time: all of it, or the records [first, end) only.
 */
export class SideRecordReader {
  private readonly fd: number;
  /** The current block; its buffer starts at byte 0, so records of a multiple of 4 bytes are word-aligned. */
  readonly block: Uint8Array;
  private blockRecords = 0;
  private position = 0;
  private fileOffset: number;
  private readonly endOffset: number;
  /** Index of the current record in the file. */
  index: number;

  constructor(
    path: string,
    blockRecords = 8192,
    private readonly recordLength = SIDE_RECORD_LENGTH,
    records: { first: number; end: number } | null = null,
  ) {
    this.fd = openSync(path, 'r');
    this.block = new Uint8Array(blockRecords * recordLength);
    this.fileOffset = (records?.first ?? 0) * recordLength;
    this.endOffset = records === null ? Infinity : records.end * recordLength;
    this.index = (records?.first ?? 0) - 1;
  }

  /** One cursor object per reader, moved on by next(): no allocation per record. */
  private readonly cursor: { buffer: Uint8Array; offset: number } = { buffer: new Uint8Array(0), offset: 0 };

  /**
   * The buffer and offset of the next record, or null at the end. The returned object is this
   * reader's cursor: it and the bytes it points at are valid until the next call.
   */
  next(): { buffer: Uint8Array; offset: number } | null {
    if (this.position >= this.blockRecords) {
      const wanted = Math.min(this.block.length, this.endOffset - this.fileOffset);
      const read = wanted > 0 ? readFully(this.fd, this.block.subarray(0, wanted), this.fileOffset) : 0;
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
