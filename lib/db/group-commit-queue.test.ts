// The group commit on its own: what waits while a group is written goes together, groups keep to
// their weight, each caller gets its own outcome, and a throw fails only its group.
import { describe, expect, it } from 'vitest';
import { createGroupCommitQueue, type Outcome } from './group-commit-queue';

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe('the group-commit queue', () => {
  it('writes what arrived while a group was being written as the next group, in order', async () => {
    const groups: number[][] = [];
    const first = gate();
    const queue = createGroupCommitQueue<number, number>({
      maxWeight: 100,
      flush: async (group) => {
        groups.push(group);
        if (groups.length === 1) await first.opened;
        return group.map((n) => ({ ok: true, value: n * 10 }));
      },
    });
    const results = [queue.add(1), queue.add(2), queue.add(3), queue.add(4)];
    first.open();
    expect(await Promise.all(results)).toEqual([10, 20, 30, 40]);
    expect(groups).toEqual([[1], [2, 3, 4]]);
  });

  it('keeps a group within its weight, but an item heavier than the limit still goes alone', async () => {
    const groups: number[][] = [];
    const first = gate();
    const queue = createGroupCommitQueue<number, null>({
      maxWeight: 5,
      weight: (n) => n,
      flush: async (group) => {
        groups.push(group);
        if (groups.length === 1) await first.opened;
        return group.map(() => ({ ok: true, value: null }));
      },
    });
    const added = [0, 2, 3, 1, 9, 4].map((n) => queue.add(n));
    first.open();
    await Promise.all(added);
    expect(groups).toEqual([[0], [2, 3], [1], [9], [4]]);
  });

  it('gives each item its own outcome, fails the whole group on a throw, and carries on after it', async () => {
    let calls = 0;
    const queue = createGroupCommitQueue<string, string>({
      maxWeight: 10,
      flush: async (group): Promise<Outcome<string>[]> => {
        calls++;
        if (group.includes('boom')) throw new Error('statement failed');
        return group.map((item) => (item === 'bad' ? { ok: false, error: new Error(`refused ${item}`) } : { ok: true, value: item.toUpperCase() }));
      },
    });
    const [good, bad] = [queue.add('good'), queue.add('bad')];
    await expect(good).resolves.toBe('GOOD');
    await expect(bad).rejects.toThrow('refused bad');
    await expect(queue.add('boom')).rejects.toThrow('statement failed');
    await expect(queue.add('after')).resolves.toBe('AFTER');
    expect(calls).toBe(4);
  });
});
