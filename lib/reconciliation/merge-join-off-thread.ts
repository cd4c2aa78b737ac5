// The merge-join (merge-join-sides.ts) on a worker thread of its own, so that the process that drafts
// a day's statement (the upload's server, the batcher) keeps answering while two large sides are read
// front to back: about 4 s of CPU at 15M rows a side. One worker per join, ended when it answers;
// its code is merge-join-sides.ts bundled by esbuild once per process, as commit-rows-pool.ts does.
// Node-only.
import { Worker } from 'node:worker_threads';
import { buildSync } from 'esbuild';
import { reconciliationSourceDir } from './commit-rows-pool';
import type { MergeJoinInput, ReconciliationResult } from './merge-join-sides';

let workerSource: string | null = null;

function mergeJoinWorkerSource(): string {
  if (workerSource === null) {
    const bundle = buildSync({
      stdin: { contents: "export { mergeJoinSides } from './merge-join-sides';\n", resolveDir: reconciliationSourceDir(), loader: 'ts' },
      bundle: true,
      format: 'iife',
      globalName: 'join',
      platform: 'node',
      target: 'node20',
      write: false,
      logLevel: 'silent',
    });
    workerSource = `${bundle.outputFiles[0].text}
const { parentPort, workerData } = require('node:worker_threads');
try {
  parentPort.postMessage({ result: join.mergeJoinSides(workerData) });
} catch (error) {
  parentPort.postMessage({ error: { message: error.message, name: error.name } });
}
`;
  }
  return workerSource;
}

/** mergeJoinSides(input), computed on a worker thread. */
export function mergeJoinSidesOffThread(input: MergeJoinInput): Promise<ReconciliationResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(mergeJoinWorkerSource(), { eval: true, workerData: input });
    let answered = false;
    worker.once('message', (message: { result?: ReconciliationResult; error?: { message: string; name: string } }) => {
      answered = true;
      if (message.result) resolve(message.result);
      else reject(Object.assign(new Error(`The merge-join failed: ${message.error?.message}`), { cause: message.error }));
      void worker.terminate();
    });
    worker.once('error', (error) => {
      answered = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`The merge-join worker exited (code ${code}) without an answer.`));
    });
  });
}
