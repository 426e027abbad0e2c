import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { en, fr } from "../../designer/messages/audit";
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES } from "../../schemas/contracts/audit";

/**
 * Issue #21: the audit log showed ten actions as raw codes. `recordAudit` takes only the actions of
 * schemas/contracts/audit.ts; this test reads the code base for the action codes it writes, so an action
 * added without its place in that list, or without its French and English words, fails here.
 */

const ROOT = new URL("../../", import.meta.url).pathname;

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(join(ROOT, dir), { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith(".ts")).map((e) => join(e.parentPath, e.name));
}

/** Action codes written in the code: `action: "x.y"`, and the codes a helper passes on (`audit(c, "x.y", …)`). */
async function writtenActions(): Promise<Set<string>> {
  const found = new Set<string>();
  for (const file of [...(await sourceFiles("api")), ...(await sourceFiles("workers"))]) {
    const text = await readFile(file, "utf8");
    if (!/recordAudit|AuditEntry/.test(text)) continue;
    for (const m of text.matchAll(/action:\s*(?:[^,}]*\?\s*)?"([a-z_]+\.[a-z_.]+)"(?:\s*:\s*"([a-z_]+\.[a-z_.]+)")?/g)) {
      found.add(m[1]!);
      if (m[2]) found.add(m[2]);
    }
    for (const m of text.matchAll(/audit\(c, "([a-z_]+\.[a-z_.]+)"/g)) found.add(m[1]!);
    // The worker writes its outcome: each outcome it can settle a submission with.
    if (/`submission\.\$\{outcome\}`/.test(text)) {
      for (const outcome of ["integrated", "invalid", "needs_review", "rejected"]) found.add(`submission.${outcome}`);
    }
  }
  return found;
}

describe("audit actions", () => {
  it("lists every action code the API and workers write", async () => {
    const written = await writtenActions();
    expect(written.size).toBeGreaterThan(40);
    expect([...written].filter((a) => !(AUDIT_ACTIONS as readonly string[]).includes(a))).toEqual([]);
  });

  it("names every action and kind of object in French and in English, never by its code", () => {
    const labels = (messages: Record<string, string>, prefix: string, codes: readonly string[]) =>
      codes.filter((code) => !messages[`${prefix}${code}`] || messages[`${prefix}${code}`] === code);
    expect(labels(fr, "action_", AUDIT_ACTIONS)).toEqual([]);
    expect(labels(en, "action_", AUDIT_ACTIONS)).toEqual([]);
    expect(labels(fr, "entity_", AUDIT_ENTITY_TYPES)).toEqual([]);
    expect(labels(en, "entity_", AUDIT_ENTITY_TYPES)).toEqual([]);
    // French first, English second: a French label copied into the English screen would be a missed translation.
    expect(AUDIT_ACTIONS.filter((a) => fr[`action_${a}`] === en[`action_${a}`])).toEqual([]);
  });
});
