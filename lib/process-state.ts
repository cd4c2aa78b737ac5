// The one owner of per-process state: the Prisma client, the session library's instance, the rate
// limiters' counts, the group-commit queues, the database-unavailable log.
//
// Why not module-level variables: lib/ is loaded twice in the web server process. Next.js bundles
// it into its server chunks, and the web server imports it itself for the two endpoints it answers
// without Next.js (lib/web-server/serve-ingest-request.ts); Next.js dev reloads modules too. Both
// copies must use one database pool, count one rate limit per key and queue into one group commit,
// so everything that must exist once per process is a slot here, on globalThis under one symbol,
// by design, instead of each module finding its own hiding place.
//
// Classes must not cross between the copies: a slot holds plain data and objects whose methods do
// not throw the other copy's error classes (see the rate limiter: its counts are shared, each copy
// wraps them in its own limiter).

const HOLDER = Symbol.for('evident.processState');

type Slots = Map<string, unknown>;

function slots(): Slots {
  const holder = globalThis as unknown as { [HOLDER]?: Slots };
  return (holder[HOLDER] ??= new Map());
}

/** The process's one value named `name`, made by `create` on first use. */
export function processSingleton<T>(name: string, create: () => T): T {
  const all = slots();
  if (!all.has(name)) all.set(name, create());
  return all.get(name) as T;
}

/** One value per `owner` (e.g. per database client: tests run several in one process), named `name`. */
export function processSingletonFor<K extends object, T>(name: string, owner: K, create: () => T): T {
  const byOwner = processSingleton(name, () => new WeakMap<K, T>());
  let value = byOwner.get(owner);
  if (value === undefined) {
    value = create();
    byOwner.set(owner, value);
  }
  return value;
}

/**
 * `run()` once per `key` at a time in this process: a second caller while the first is running gets
 * the first's promise (e.g. a resumable upload's last byte arriving twice). Across processes the
 * caller's own record (an idempotency key, a lock) must still decide.
 */
export function singleFlight<T>(name: string, key: string, run: () => Promise<T>): Promise<T> {
  const running = processSingleton(name, () => new Map<string, Promise<T>>());
  const earlier = running.get(key);
  if (earlier) return earlier;
  const started = run().finally(() => running.delete(key));
  running.set(key, started);
  return started;
}
