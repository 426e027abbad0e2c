/** A bench's numeric options (`--households 20000`), checked against its defaults; `--keep` and `--reuse` take no value. */
export function parseArgs<T extends Record<string, number>>(argv: string[], defaults: T): T {
  const out: Record<string, number> = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i]!.replace(/^--/, "");
    if (!(name in defaults)) throw new Error(`unknown option --${name} (options: ${Object.keys(defaults).join(", ")})`);
    out[name] = name === "keep" || name === "reuse" ? 1 : Number(argv[++i]);
  }
  return out as T;
}
