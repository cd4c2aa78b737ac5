// Spreads the ingest over worker threads so that it uses every core: the main thread cuts the file
// into blocks of whole lines, and each worker reads, validates and hashes its blocks
// (commit-statement-block.ts). Blocks come back in completion order, which does not matter: the
// side's records are sorted by key afterwards and each carries its own line number, and issues are
// put back in line order by the caller. Node-only.
//
// The same workers merge a large side's sorted runs at its end, a range of keys each
// (merge-side-runs.ts), while the main thread waits: the reading is over, the workers are idle.
//
// One pool per process (per size) serves every side, one after another or at once: starting a
// worker and generating and compiling its SHA-256 modules (one per message length,
// lib/merkle/sha256-many.ts) cost about half a CPU second per worker and side, a large share of a
// day of a few hundred thousand rows. Each side is a job of its own in every worker (its pair keys,
// column map and header), forgotten when the side ends. Idle workers do not keep the process alive.
import { existsSync } from 'node:fs';
import os from 'node:os';
import path, { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { buildSync } from 'esbuild';
import type { CommittedBlock } from './commit-statement-block';
import type { PairKeys } from './derive-pair-keys';
import type { LeafRange, RunRange } from './merge-side-runs';
import type { StatementHeaderLine } from './statement-block';
import type { ColumnMap } from './statement-reader';

// The worker runs the block reader and commit-rows.ts bundled to plain JavaScript by esbuild, once
// per process (as lib/offline-verifier/bundle-proof-core.ts does for the browser): a worker that
// registered tsx instead spent about a CPU second starting, each, and transformed the same files again.
let workerSource: string | null = null;

/** Worker threads per pool where the platform commits sides (the uploads): one per core. */
export const COMMIT_WORKERS = Math.max(1, os.availableParallelism());

/**
 * lib/reconciliation's sources, which a worker bundle is built from: this module's folder when it runs
 * from source (tsx, vitest); inside Next's server bundle, which has no source paths of its own, the
 * repository's (EVIDENT_SOURCE_DIR or the working directory, as lib/offline-verifier/bundle-proof-core.ts).
 */
export function reconciliationSourceDir(): string {
  // Not `new URL('.', import.meta.url)`: Next's bundler takes that form for an asset to copy, and a
  // folder is none (the build fails).
  const own = import.meta.url.startsWith('file:') ? dirname(fileURLToPath(import.meta.url)) : null;
  if (own !== null && existsSync(path.join(own, 'commit-statement-block.ts'))) return own;
  return path.join(path.resolve(process.env.EVIDENT_SOURCE_DIR ?? process.cwd()), 'lib/reconciliation');
}

function commitBlocksWorkerSource(): string {
  if (workerSource === null) {
    const bundle = buildSync({
      stdin: {
        contents:
          "export { commitStatementBlock } from './commit-statement-block';\nexport { StatementBlockReader } from './statement-block';\nexport { mergeRunRange } from './merge-side-runs';\n",
        resolveDir: reconciliationSourceDir(),
        loader: 'ts',
      },
      bundle: true,
      format: 'iife',
      globalName: 'ingest',
      platform: 'node',
      target: 'node20',
      write: false,
      logLevel: 'silent',
    });
    workerSource = `${bundle.outputFiles[0].text}
const { parentPort } = require('node:worker_threads');
const jobs = new Map();
parentPort.on('message', (message) => {
  if (message.open) jobs.set(message.job, { keys: message.keys, reader: new ingest.StatementBlockReader(message.columnMap, message.header) });
  else if (message.close) jobs.delete(message.job);
  else if (message.merge) {
    // A failure to read or write the side's files (a full disk) goes back with its code; the worker stays.
    let result;
    try {
      result = ingest.mergeRunRange(message.merge);
    } catch (error) {
      parentPort.postMessage({ id: message.id, failed: { message: String(error && error.message || error), code: error && error.code } });
      return;
    }
    parentPort.postMessage({ id: message.id, result });
  } else {
    const { keys, reader } = jobs.get(message.job);
    const committed = ingest.commitStatementBlock(keys, reader, message.block, message.firstLine, message.commit);
    parentPort.postMessage({ id: message.id, result: committed }, [committed.records.buffer]);
  }
});
`;
  }
  return workerSource;
}

export interface CommitJobOptions {
  keys: PairKeys;
  columnMap: ColumnMap;
  /** The CSV header line, which every worker reads before the side's blocks (null for NDJSON). */
  header: StatementHeaderLine | null;
}

/** One side's use of the pool. */
export interface CommitJob {
  /** Reads and commits a block of whole lines; the block's buffer is transferred to a worker. */
  commitBlock(block: Uint8Array<ArrayBuffer>, firstLine: number, commit: boolean): Promise<CommittedBlock>;
  /** The workers forget the side (its keys included). */
  close(): void;
}

const pools = new Map<number, CommitRowsPool>();

/** The process's pool of `size` workers, started on first use. */
export function commitRowsPool(size: number): CommitRowsPool {
  let pool = pools.get(size);
  if (!pool) {
    pool = new CommitRowsPool(size);
    pools.set(size, pool);
  }
  return pool;
}

export class CommitRowsPool {
  private readonly workers: Worker[];
  private readonly pending = new Map<number, { resolve: (result: never) => void; reject: (error: unknown) => void }>();
  private failure: unknown = null;
  private nextId = 0;
  private nextJob = 0;
  /** Open sides and merges: while there are any, the workers keep the process alive (their answers are awaited). */
  private holds = 0;
  private turn = 0;

  constructor(private readonly size: number) {
    const source = commitBlocksWorkerSource();
    this.workers = Array.from({ length: size }, () => {
      const worker = new Worker(source, { eval: true });
      worker.unref();
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => this.fail(new Error(`An ingest worker exited (code ${code}).`)));
      worker.on('message', ({ id, result, failed }: { id: number; result?: never; failed?: { message: string; code?: string } }) => {
        const waiting = this.pending.get(id);
        this.pending.delete(id);
        if (failed) waiting?.reject(Object.assign(new Error(failed.message), failed.code === undefined ? {} : { code: failed.code }));
        else waiting?.resolve(result as never);
      });
      return worker;
    });
  }

  /** A worker that dies fails every block still waiting and every later one; the next side gets a new pool. */
  private fail(error: unknown): void {
    this.failure ??= error;
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
    if (pools.get(this.size) === this) pools.delete(this.size);
    for (const worker of this.workers) void worker.terminate();
  }

  open({ keys, columnMap, header }: CommitJobOptions): CommitJob {
    if (this.failure) throw this.failure;
    const job = this.nextJob++;
    this.hold();
    for (const worker of this.workers) worker.postMessage({ open: true, job, keys, columnMap, header });
    let closed = false;
    return {
      commitBlock: (block, firstLine, commit) => this.request(this.workers[this.turn++ % this.workers.length], { job, block, firstLine, commit }, [block.buffer]),
      close: () => {
        if (closed) return;
        closed = true;
        if (this.failure) return;
        for (const worker of this.workers) worker.postMessage({ close: true, job });
        this.release();
      },
    };
  }

  /** The pool's workers as mergeSideRuns uses them: one range of a side's runs each. */
  get mergeWorkers(): { count: number; mergeRange: (range: RunRange, worker: number) => Promise<LeafRange> } {
    return {
      count: this.size,
      mergeRange: async (range, worker) => {
        this.hold();
        try {
          return await this.request<LeafRange>(this.workers[worker % this.size], { merge: range });
        } finally {
          this.release();
        }
      },
    };
  }

  private request<T>(worker: Worker, message: object, transfer: ArrayBuffer[] = []): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (result: never) => void, reject });
      worker.postMessage({ ...message, id }, transfer);
    });
  }

  private hold(): void {
    if (this.holds++ === 0) for (const worker of this.workers) worker.ref();
  }

  private release(): void {
    if (--this.holds === 0) for (const worker of this.workers) worker.unref();
  }
}
