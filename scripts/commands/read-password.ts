import { createInterface } from "node:readline";

/**
 * The password from standard input: the first line when piped (`echo … | rsu user add …`), or typed at a
 * prompt that does not echo it. Never from the command line, where it would land in shell history.
 */
export async function readPassword(prompt = "Mot de passe / Password: "): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  if (process.stdin.isTTY) {
    process.stdout.write(prompt);
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
  }
  try {
    for await (const line of rl) return line;
    return "";
  } finally {
    if (process.stdin.isTTY) process.stdout.write("\n");
    rl.close();
  }
}
