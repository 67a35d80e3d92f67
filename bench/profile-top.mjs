// `node bench/profile-top.mjs <file.cpuprofile> [n]`: the n functions with the most self time in a V8
// CPU profile (as `pnpm bench --cpu-prof=<dir>` writes them), with their share of the busy time.
import { readFileSync } from 'node:fs';
const p = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const n = Number(process.argv[3] ?? 25);
const byId = new Map(p.nodes.map((x) => [x.id, x]));
const self = new Map();
const dt = p.timeDeltas;
let total = 0;
const counts = new Map();
for (let i = 0; i < p.samples.length; i++) {
  const d = dt[i] ?? 0;
  counts.set(p.samples[i], (counts.get(p.samples[i]) ?? 0) + d);
  total += d;
}
for (const [id, t] of counts) {
  const node = byId.get(id);
  const cf = node.callFrame;
  const key = `${cf.functionName || '(anon)'} ${cf.url.split('/').slice(-2).join('/')}:${cf.lineNumber + 1}`;
  self.set(key, (self.get(key) ?? 0) + t);
}
const idle = [...self].filter(([k]) => k.startsWith('(idle)')).reduce((a, [, t]) => a + t, 0);
console.log(
  `total ${(total / 1000).toFixed(0)} ms, idle ${(idle / 1000).toFixed(0)} ms, busy ${((total - idle) / 1000).toFixed(0)} ms`,
);
for (const [k, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, n)) {
  if (k.startsWith('(idle)')) continue;
  console.log(
    `${(t / 1000).toFixed(1).padStart(8)} ms ${((100 * t) / (total - idle)).toFixed(1).padStart(5)}%  ${k}`,
  );
}
