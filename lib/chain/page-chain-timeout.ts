// How long a page, the chain relay or the health report waits for one answer from the chain node.
// A person is waiting on these: a node that does not answer (blackholed, overloaded) must give
// "chain not reachable" within seconds, not hold the page for the 10 s the batcher may wait.
export const PAGE_CHAIN_TIMEOUT_MS = 2_000;
