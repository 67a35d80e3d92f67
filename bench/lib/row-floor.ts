// `node --import tsx bench/lib/row-floor.ts`: the floor under a history scan on this machine.
// Rows are made from Float64Arrays (no I/O, no decoding) and handed out through two async
// generator layers, as `scanHistory` did before its buffered row iterator (pages, then rows):
// 11 values a row (a full scan of the bench's scan run) and 3 (a keyed scan of 2 keys).
export {};

const ROWS = 200_000;
const GROUP = 10_000;
const PAGE = 1000;
const names = ['_runtime', ...Array.from({ length: 10 }, (_, k) => `metric_${k}`)];
const columns = names.map((_, k) =>
  Float64Array.from({ length: GROUP }, (_, i) => Math.exp(-i / 5e4) * (k + 1)),
);

async function* pages(keyed: boolean): AsyncGenerator<Record<string, number>[]> {
  for (let start = 0; start < ROWS; start += PAGE) {
    const rows: Record<string, number>[] = [];
    for (let r = start; r < start + PAGE; r++) {
      const i = r % GROUP;
      const row: Record<string, number> = { _step: r };
      if (keyed) {
        row.metric_0 = columns[1]![i]!;
        row.metric_1 = columns[2]![i]!;
      } else for (let k = 0; k < names.length; k++) row[names[k]!] = columns[k]![i]!;
      rows.push(row);
    }
    yield rows;
  }
}

async function* rows(keyed: boolean): AsyncGenerator<Record<string, number>> {
  for await (const page of pages(keyed)) for (const row of page) yield row;
}

for (const keyed of [false, true]) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  let count = 0;
  for await (const row of rows(keyed)) if (row) count++;
  const used = process.cpuUsage(cpu);
  const perRow = (used.user + used.system) / count;
  const rate = count / ((performance.now() - started) / 1000);
  console.log(
    `${keyed ? 'keys 2 of 10' : 'all keys'}: ${perRow.toFixed(2)} µs/row CPU, ${(rate / 1000).toFixed(0)}k rows/s`,
  );
}
