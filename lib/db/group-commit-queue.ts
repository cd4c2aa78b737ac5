// Group commit, one implementation for every queue of writes (the evidence inserts of small API
// requests, the audit log's appends): a caller adds an item and gets a promise; while one group is
// being written, items that arrive wait and are written together as the next group, so a busy
// process pays one commit per group instead of one per item. The shape is transparency-dev/tessera's
// storage/internal/queue.go (Add returns a future), without its max age: a group goes as soon as the
// previous one is done, so an idle process adds no wait.
//
// The queue of a database client is a per-process singleton (lib/process-state.ts): the web server's
// own copy of lib/ and Next.js's bundled copy must queue together.
import { processSingletonFor } from '../process-state';

export type Outcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

export interface GroupCommitQueue<T, R> {
  /** Resolves once the item's group is written (with the item's own result), or rejects with its error. */
  add(item: T): Promise<R>;
}

export interface GroupCommitOptions<T, R> {
  /** The most a group weighs (rows, entries); the first item of a group always goes, whatever it weighs. */
  maxWeight: number;
  /** An item's weight; 1 by default. */
  weight?: (item: T) => number;
  /** Writes one group and gives each item's outcome, in the group's order. A throw fails the whole group. */
  flush: (group: T[]) => Promise<Outcome<R>[]>;
}

interface Waiting<T, R> {
  item: T;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
}

export function createGroupCommitQueue<T, R>({ maxWeight, weight = () => 1, flush }: GroupCommitOptions<T, R>): GroupCommitQueue<T, R> {
  const waiting: Waiting<T, R>[] = [];
  let flushing = false;

  function takeGroup(): Waiting<T, R>[] {
    let taken = 1;
    let total = weight(waiting[0].item);
    while (taken < waiting.length && total + weight(waiting[taken].item) <= maxWeight) total += weight(waiting[taken++].item);
    return waiting.splice(0, taken);
  }

  async function drain(): Promise<void> {
    flushing = true;
    try {
      while (waiting.length > 0) {
        const group = takeGroup();
        let outcomes: Outcome<R>[];
        try {
          outcomes = await flush(group.map((w) => w.item));
        } catch (error) {
          outcomes = group.map(() => ({ ok: false, error }));
        }
        group.forEach((w, i) => {
          const outcome = outcomes[i] ?? { ok: false, error: new Error('The group commit gave no outcome for this item.') };
          if (outcome.ok) w.resolve(outcome.value);
          else w.reject(outcome.error);
        });
      }
    } finally {
      flushing = false;
    }
  }

  return {
    add(item) {
      const added = new Promise<R>((resolve, reject) => waiting.push({ item, resolve, reject }));
      if (!flushing) void drain();
      return added;
    },
  };
}

/** The process's queue named `name` for `owner` (a database client), made on first use. */
export function groupCommitQueueOf<T, R>(name: string, owner: object, options: () => GroupCommitOptions<T, R>): GroupCommitQueue<T, R> {
  return processSingletonFor(`group-commit:${name}`, owner, () => createGroupCommitQueue(options()));
}
