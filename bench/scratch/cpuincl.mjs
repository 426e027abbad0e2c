// Inclusive time of functions in a .cpuprofile (a sample counts once per function on its stack), within [from,to] s.
import fs from "node:fs";
const [file, fromS = "0", toS = "1e9", filter = ""] = process.argv.slice(2);
const p = JSON.parse(fs.readFileSync(file, "utf8"));
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const incl = new Map();
let t = p.startTime;
const from = p.startTime + Number(fromS) * 1e6, to = p.startTime + Number(toS) * 1e6;
for (let i = 0; i < p.samples.length; i++) {
  t += p.timeDeltas[i];
  if (t < from || t > to) continue;
  const dt = p.timeDeltas[i + 1] ?? 0;
  const seen = new Set();
  for (let id = p.samples[i]; id !== undefined; id = parent.get(id)) {
    const cf = byId.get(id).callFrame;
    const key = `${cf.functionName || "(anon)"} ${cf.url.split("/").slice(-2).join("/")}:${cf.lineNumber}`;
    if (seen.has(key)) continue; seen.add(key);
    incl.set(key, (incl.get(key) ?? 0) + dt);
  }
}
const re = new RegExp(filter);
for (const [k, v] of [...incl].sort((a, b) => b[1] - a[1]).filter(([k]) => re.test(k)).slice(0, 70)) console.log((v / 1000).toFixed(0).padStart(7), k);
