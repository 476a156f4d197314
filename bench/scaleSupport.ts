// Shared by the scale benches: heap measurement, timed rounds, and a plain table.

const gc = (globalThis as { gc?: () => void }).gc;

/** Live JS heap plus memory held outside it (ArrayBuffer backing stores and the like), after full collections (run under --expose-gc). */
export const heapBytes = Object.assign(
  (): number => {
    gc?.();
    gc?.();
    const m = process.memoryUsage();
    return m.heapUsed + m.external;
  },
  { exposed: gc !== undefined },
);

const ROUNDS = 5;
const ROUND_MS = 150;
const MIN_CALLS = 3;

/**
 * Each operation, interleaved over 5 rounds: in each round, calls one at a time for at least
 * 150 ms (and 3 calls). Returns µs per call for each round.
 */
export async function timeRounds(ops: Record<string, () => Promise<unknown>>): Promise<Record<string, number[]>> {
  const us: Record<string, number[]> = {};
  for (const [name, call] of Object.entries(ops)) {
    us[name] = [];
    for (let i = 0; i < MIN_CALLS; i++) await call(); // warm-up
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, call] of Object.entries(ops)) {
      let n = 0;
      const start = performance.now();
      let now = start;
      while (n < MIN_CALLS || now - start < ROUND_MS) {
        await call();
        n++;
        now = performance.now();
      }
      us[name]!.push(((now - start) * 1000) / n);
    }
  }
  return us;
}

/** Prints rows under a header, the first column left-aligned. */
export function table(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(fmt(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(fmt(r));
}
