// Spreads the ingest over worker threads so that it uses every core: the main thread cuts the file
// into blocks of whole lines, and each worker reads, validates and hashes its blocks
// (commit-statement-block.ts). Blocks come back in completion order, which does not matter: the
// side's records are sorted by key afterwards and each carries its own line number, and issues are
// put back in line order by the caller. Node-only.
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { buildSync } from 'esbuild';
import type { CommittedBlock } from './commit-statement-block';
import type { PairKeys } from './derive-pair-keys';
import type { StatementHeaderLine } from './statement-block';
import type { ColumnMap } from './statement-reader';

// The worker runs the block reader and commit-rows.ts bundled to plain JavaScript by esbuild, once
// per process (as lib/offline-verifier/bundle-proof-core.ts does for the browser): a worker that
// registered tsx instead spent about a CPU second starting, each, and transformed the same files again.
let workerSource: string | null = null;

function commitBlocksWorkerSource(): string {
  if (workerSource === null) {
    const bundle = buildSync({
      stdin: {
        contents: "export { commitStatementBlock } from './commit-statement-block';\nexport { StatementBlockReader } from './statement-block';\n",
        resolveDir: fileURLToPath(new URL('.', import.meta.url)),
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
const { parentPort, workerData } = require('node:worker_threads');
const reader = new ingest.StatementBlockReader(workerData.columnMap, workerData.header);
parentPort.on('message', ({ id, block, firstLine, commit }) => {
  const committed = ingest.commitStatementBlock(workerData.keys, reader, block, firstLine, commit);
  parentPort.postMessage({ id, committed }, [committed.records.buffer]);
});
parentPort.postMessage({ ready: true });
`;
  }
  return workerSource;
}

export interface CommitRowsPoolOptions {
  keys: PairKeys;
  columnMap: ColumnMap;
  /** The CSV header line, which every worker reads before its blocks (null for NDJSON). */
  header: StatementHeaderLine | null;
  size: number;
}

export class CommitRowsPool {
  private readonly workers: Worker[];
  private readonly ready: Promise<unknown>[];
  private readonly pending = new Map<number, { resolve: (committed: CommittedBlock) => void; reject: (error: unknown) => void }>();
  private failure: unknown = null;
  private nextId = 0;
  private turn = 0;

  constructor({ keys, columnMap, header, size }: CommitRowsPoolOptions) {
    const source = commitBlocksWorkerSource();
    this.workers = Array.from({ length: size }, () => new Worker(source, { eval: true, workerData: { keys, columnMap, header } }));
    this.ready = this.workers.map(
      (worker) =>
        new Promise((resolve, reject) => {
          worker.once('error', (error) => {
            // A worker that dies fails every block still waiting, and every later one.
            this.failure = error;
            for (const waiting of this.pending.values()) waiting.reject(error);
            this.pending.clear();
            reject(error);
          });
          worker.on('message', (message: { ready?: boolean; id?: number; committed?: CommittedBlock }) => {
            if (message.ready) resolve(undefined);
            else {
              this.pending.get(message.id!)?.resolve(message.committed!);
              this.pending.delete(message.id!);
            }
          });
        }),
    );
  }

  get inFlight(): number {
    return this.pending.size;
  }

  /** Reads and commits a block of whole lines; the block's buffer is transferred to the worker. */
  async commitBlock(block: Uint8Array<ArrayBuffer>, firstLine: number, commit: boolean): Promise<CommittedBlock> {
    const worker = this.workers[this.turn++ % this.workers.length];
    await Promise.all(this.ready);
    if (this.failure) throw this.failure;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, block, firstLine, commit }, [block.buffer]);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
