/**
 * `--name value` options, repeatable; `--flag` alone for the names in `flags`; positional words in order.
 * Enough for rsu's few commands.
 */
export function parseOptions(args: string[], flags: string[] = []): { positional: string[]; options: Map<string, string[]> } {
  const positional: string[] = [];
  const options = new Map<string, string[]>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.startsWith("--") && flags.includes(arg.slice(2))) options.set(arg.slice(2), ["true"]);
    else if (arg.startsWith("--")) {
      const value = args[i + 1];
      if (value === undefined || value.startsWith("--")) throw new Error(`${arg} needs a value`);
      options.set(arg.slice(2), [...(options.get(arg.slice(2)) ?? []), value]);
      i++;
    } else positional.push(arg);
  }
  return { positional, options };
}
