// One row in a tight loop, for a CPU profile:
//   OP=Encrypt SIDE=fake node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/profile.ts
// OP: Encrypt | Decrypt | GenerateDataKey | DescribeKey | EncryptDisabled; SIDE: fake | floor; MS (default 6000).
import './env';
import { setupBench, type OpName } from './setup';

async function main(): Promise<void> {
  const bench = await setupBench();
  const op = (process.env.OP ?? 'Encrypt') as OpName;
  const side = process.env.SIDE === 'floor' ? 'floor' : 'fake';
  const ms = Number(process.env.MS ?? 6000);
  const call = bench[side][op];
  for (let end = performance.now() + 500; performance.now() < end; ) await call(); // warm-up
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    await call();
    n++;
  }
  console.log(`${op} ${side}: ${(((performance.now() - start) * 1000) / n).toFixed(1)} µs/op over ${n} calls`);
}

void main();
