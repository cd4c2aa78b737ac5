// Spreads commitRows over worker threads so that ingest uses every core: the main thread reads and
// validates lines and packs rows into flat arrays, the workers hash. Batches come back in completion
// order, which does not matter: the side's records are sorted by key afterwards, and each carries its
// own line number. Node-only.
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { buildSync } from 'esbuild';
import { packRows } from './commit-rows';
import type { PairKeys } from './derive-pair-keys';
import type { ReconciliationRow } from './row-format';

// The worker runs commit-rows.ts bundled to plain JavaScript by esbuild, once per process (as
// lib/offline-verifier/bundle-proof-core.ts does for the browser): a worker that registered tsx
// instead spent about a CPU second starting, each, and transformed the same files again.
let workerSource: string | null = null;

function commitRowsWorkerSource(): string {
  if (workerSource === null) {
    const bundle = buildSync({
      entryPoints: [fileURLToPath(new URL('./commit-rows.ts', import.meta.url))],
      bundle: true,
      format: 'iife',
      globalName: 'commitRowsModule',
      platform: 'node',
      target: 'node20',
      write: false,
      logLevel: 'silent',
    });
    workerSource = `${bundle.outputFiles[0].text}
const { parentPort, workerData } = require('node:worker_threads');
parentPort.on('message', ({ id, packed }) => {
  const records = commitRowsModule.commitPackedRows(workerData.keys, packed);
  parentPort.postMessage({ id, records }, [records.buffer]);
});
parentPort.postMessage({ ready: true });
`;
  }
  return workerSource;
}

export class CommitRowsPool {
  private readonly workers: Worker[];
  private readonly ready: Promise<unknown>[];
  private readonly pending = new Map<number, { resolve: (records: Uint8Array) => void; reject: (error: unknown) => void }>();
  private failure: unknown = null;
  private nextId = 0;
  private turn = 0;

  constructor(keys: PairKeys, size: number) {
    const source = commitRowsWorkerSource();
    this.workers = Array.from({ length: size }, () => new Worker(source, { eval: true, workerData: { keys } }));
    this.ready = this.workers.map(
      (worker) =>
        new Promise((resolve, reject) => {
          worker.once('error', (error) => {
            // A worker that dies fails every batch still waiting, and every later one.
            this.failure = error;
            for (const waiting of this.pending.values()) waiting.reject(error);
            this.pending.clear();
            reject(error);
          });
          worker.on('message', (message: { ready?: boolean; id?: number; records?: Uint8Array }) => {
            if (message.ready) resolve(undefined);
            else {
              this.pending.get(message.id!)?.resolve(message.records!);
              this.pending.delete(message.id!);
            }
          });
        }),
    );
  }

  get inFlight(): number {
    return this.pending.size;
  }

  async commit(rows: ReconciliationRow[], lines: number[]): Promise<Uint8Array> {
    const worker = this.workers[this.turn++ % this.workers.length];
    await Promise.all(this.ready);
    if (this.failure) throw this.failure;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // Flat arrays, transferred: a structured clone of 8,192 row objects cost both threads CPU.
      const packed = packRows(rows, lines);
      worker.postMessage({ id, packed }, [packed.values.buffer, packed.lengths.buffer, packed.numbers.buffer, packed.codes.buffer]);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
