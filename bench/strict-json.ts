// The cost of the duplicate-key scan that ingest runs after JSON.parse on every records and hashes
// body (lib/proof/parse-strict-json.ts): a 10,000-record array as bench/http-ingest.ts sends it,
// parsed and scanned repeatedly; prints MB/s and the scan's share of parse + scan.
//   npx tsx bench/strict-json.ts [records=10000] [rounds=50]
import { scanStrictJson } from '../lib/proof/parse-strict-json';

const records = Number(process.argv[2] ?? 10_000);
const rounds = Number(process.argv[3] ?? 50);
const body = JSON.stringify(
  Array.from({ length: records }, (_, i) => ({
    type: 'repayment_record',
    loanReference: `L-2026-${String(i).padStart(6, '0')}`,
    borrowerReference: `B-${i % 997}`,
    data: { instalment: i % 36, amount: `${(i * 13.37).toFixed(2)}`, paidOn: '2026-11-30', account: { bank: 'ICBC', last4: String(1000 + (i % 9000)) } },
  })),
);
const time = (work: () => void) => {
  for (let i = 0; i < 5; i++) work();
  const start = performance.now();
  for (let i = 0; i < rounds; i++) work();
  return (performance.now() - start) / rounds;
};
const parse = time(() => JSON.parse(body));
const scan = time(() => scanStrictJson(body, { maxDepth: 129 }));
const mb = body.length / 1e6;
console.log(`body: ${records} records, ${mb.toFixed(2)} MB`);
console.log(`JSON.parse: ${parse.toFixed(2)} ms (${(mb / (parse / 1000)).toFixed(0)} MB/s)`);
console.log(`duplicate-key scan: ${scan.toFixed(2)} ms (${(mb / (scan / 1000)).toFixed(0)} MB/s), ${((scan / (parse + scan)) * 100).toFixed(0)}% of parse + scan`);
console.log(`per record: ${((scan / records) * 1000).toFixed(2)} µs`);
