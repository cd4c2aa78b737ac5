// Spreads commitRows over worker threads so that ingest uses every core: the main thread reads and
// validates lines, the workers hash. Batches come back in completion order, which does not matter:
// the side's records are sorted by key afterwards, and each carries its own line number. Node-only.
import { Worker } from 'node:worker_threads';
import type { PairKeys } from './derive-pair-keys';
import type { ReconciliationRow } from './row-format';

// The worker loads TypeScript through tsx's API, whichever loader (tsx, vitest) runs the parent.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { pathToFileURL } = require('node:url');
import('tsx/esm/api').then(({ register }) => {
  register();
  return import(pathToFileURL(workerData.module).href);
}).then(({ commitRows }) => {
  parentPort.on('message', ({ id, rows, lines }) => {
    const records = commitRows(workerData.keys, rows, lines);
    parentPort.postMessage({ id, records }, [records.buffer]);
  });
  parentPort.postMessage({ ready: true });
});
`;

export class CommitRowsPool {
  private readonly workers: Worker[];
  private readonly ready: Promise<unknown>[];
  private readonly pending = new Map<number, { resolve: (records: Uint8Array) => void; reject: (error: unknown) => void }>();
  private failure: unknown = null;
  private nextId = 0;
  private turn = 0;

  constructor(keys: PairKeys, size: number) {
    const module = new URL('./commit-rows.ts', import.meta.url).pathname;
    this.workers = Array.from({ length: size }, () => new Worker(WORKER_SOURCE, { eval: true, workerData: { keys, module } }));
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
      worker.postMessage({ id, rows, lines });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
