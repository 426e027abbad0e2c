// Sums self time per function (and per file) of a .cpuprofile, optionally within [from,to] seconds of the profile.
import fs from "node:fs";
const [file, fromS = "0", toS = "1e9"] = process.argv.slice(2);
const p = JSON.parse(fs.readFileSync(file, "utf8"));
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const self = new Map(); const perFile = new Map();
let t = p.startTime; let total = 0;
const from = p.startTime + Number(fromS) * 1e6, to = p.startTime + Number(toS) * 1e6;
for (let i = 0; i < p.samples.length; i++) {
  t += p.timeDeltas[i];
  if (t < from || t > to) continue;
  const n = byId.get(p.samples[i]); const dt = p.timeDeltas[i + 1] ?? 0;
  const cf = n.callFrame; const key = `${cf.functionName || "(anon)"} ${cf.url.split("/").slice(-2).join("/")}:${cf.lineNumber}`;
  self.set(key, (self.get(key) ?? 0) + dt); total += dt;
  const f = cf.url.replace(/.*node_modules\//, "nm/").split("/").slice(0, cf.url.includes("node_modules") ? 2 : 99).join("/").replace(/.*\/main\//, "");
  perFile.set(f, (perFile.get(f) ?? 0) + dt);
}
console.log("total ms", (total / 1000).toFixed(0), "span s", ((p.endTime - p.startTime) / 1e6).toFixed(1));
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 45)) console.log((v / 1000).toFixed(0).padStart(7), k);
console.log("--- per file/package");
for (const [k, v] of [...perFile].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log((v / 1000).toFixed(0).padStart(7), k);
