import { createHash } from 'node:crypto';
import { createDueList } from './clock';
import { IndexedMap } from './indexedMap';

/** A reproducible stream of numbers in [0, 1), so a failure repeats. */
function seeded(seed: string) {
  let counter = 0;
  return () => createHash('sha256').update(`${seed}:${counter++}`).digest().readUInt32BE() / 2 ** 32;
}

interface Item {
  readonly name: string;
  readonly owner: string;
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Every page of `map` from the start, `limit` at a time, as the List* operations walk them. */
function walk(map: IndexedMap<Item, 'owner'>, limit: number): string[] {
  const names: string[] = [];
  let after: string | undefined;
  for (;;) {
    const { items, more } = map.pageAfter(after, limit);
    names.push(...items.map((i) => i.name));
    if (!more) return names;
    after = items[items.length - 1]!.name;
  }
}

describe('IndexedMap (the order and groups the List* operations read)', () => {
  it('tells its watcher of every read that could lead to a change, and not of a read-only walk', () => {
    const map = new IndexedMap<Item, 'owner'>({ owner: (i) => i.owner });
    map.set('a', { name: 'a', owner: 'x' });
    const told: (string | undefined)[] = [];
    map.watch((name) => told.push(name));
    expect([...map.readOnlyValues()].map((i) => i.name)).toEqual(['a']);
    expect(told).toEqual([]);
    map.get('a');
    expect([...map.values()]).toHaveLength(1);
    expect(told).toEqual(['a', undefined]);
  });

  it('pages in name order and groups by owner, matching a plain sorted array through thousands of random sets and deletes', () => {
    const random = seeded('indexedMap');
    const map = new IndexedMap<Item, 'owner'>({ owner: (i) => i.owner });
    const model = new Map<string, Item>();
    const owners = new Set<string>();
    for (let step = 0; step < 6000; step++) {
      const name = `k${Math.floor(random() * 3000).toString(36)}`;
      if (random() < 0.35) {
        expect(map.delete(name)).toBe(model.delete(name));
      } else {
        // A few owners of many items, and many owners of one or two (a key's lone alias).
        const owner = random() < 0.5 ? `hot${Math.floor(random() * 3)}` : `cold${Math.floor(random() * 2000)}`;
        owners.add(owner);
        const item = { name, owner };
        map.set(name, item);
        model.set(name, item);
      }
      if (step % 500 === 0 || step === 5999) {
        const sorted = [...model.keys()].sort(byName);
        expect(walk(map, 1 + Math.floor(random() * 700))).toEqual(sorted);
        expect(map.size).toBe(model.size);
        const byOwner = new Map<string, string[]>([...owners].map((o) => [o, []]));
        for (const item of model.values()) byOwner.get(item.owner)!.push(item.name);
        for (const [owner, names] of byOwner) expect([owner, map.grouped('owner', owner).map((i) => i.name).sort(byName)]).toEqual([owner, names.sort(byName)]);
      }
    }
  });

  it('starts a page after a name that is no longer there, and reports the end exactly', () => {
    const map = new IndexedMap<Item, 'owner'>({ owner: (i) => i.owner });
    for (const name of ['a', 'b', 'd', 'e']) map.set(name, { name, owner: 'x' });
    map.delete('b');
    expect(map.pageAfter('b', 1)).toEqual({ items: [{ name: 'd', owner: 'x' }], more: true });
    expect(map.pageAfter('d', 1)).toEqual({ items: [{ name: 'e', owner: 'x' }], more: false });
    expect(map.pageAfter('e', 10)).toEqual({ items: [], more: false });
    expect(map.pageAfter('0', 2).items.map((i) => i.name)).toEqual(['a', 'd']);
  });

  it.each([
    ['the index already built', true],
    ['the index not yet built', false],
  ])('moves a value to its new group when it is stored again (%s), and forgets everything on clear()', (_, readFirst) => {
    const map = new IndexedMap<Item, 'owner'>({ owner: (i) => i.owner });
    map.set('a', { name: 'a', owner: 'x' });
    if (readFirst) expect(map.grouped('owner', 'x')).toHaveLength(1);
    map.set('a', { name: 'a', owner: 'y' });
    expect(map.grouped('owner', 'x')).toEqual([]);
    expect(map.grouped('owner', 'y')).toEqual([{ name: 'a', owner: 'y' }]);
    expect(map.pageAfter(undefined, 10).items).toHaveLength(1);
    map.clear();
    expect(map.grouped('owner', 'y')).toEqual([]);
    expect(map.pageAfter(undefined, 10)).toEqual({ items: [], more: false });
  });
});

describe('the due list (deletions, rotations, ends of transient states)', () => {
  it('runs what is due in time order, ties in the order added, and leaves the rest', () => {
    const random = seeded('dueList');
    const due = createDueList();
    const expected: { at: number; n: number }[] = [];
    const ran: number[] = [];
    for (let n = 0; n < 2000; n++) {
      const at = Math.floor(random() * 500);
      expected.push({ at, n });
      due.add(new Date(at), () => ran.push(n));
    }
    due.runDue(new Date(249));
    const order = expected.sort((a, b) => a.at - b.at || a.n - b.n).map((e) => e.n);
    const dueCount = expected.filter((e) => e.at <= 249).length;
    expect(ran).toEqual(order.slice(0, dueCount));
    due.runDue(new Date(10_000));
    expect(ran).toEqual(order);
  });

  it('settle() runs only the transient endings pending at that moment, and clear() drops everything', () => {
    const due = createDueList();
    const ran: string[] = [];
    due.add(new Date(50), () => ran.push('scheduled'));
    due.add(new Date(30), () => {
      ran.push('t30');
      due.add(new Date(40), () => ran.push('later transient'), 'transient');
    }, 'transient');
    due.add(new Date(20), () => ran.push('t20'), 'transient');
    due.settle();
    expect(ran).toEqual(['t20', 't30']);
    due.runDue(new Date(45));
    expect(ran).toEqual(['t20', 't30', 'later transient']);
    due.clear();
    due.runDue(new Date(1000));
    expect(ran).toEqual(['t20', 't30', 'later transient']);
  });
});
