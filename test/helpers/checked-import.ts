import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { oneFileTable, partnerProfile, writeCsv } from "./partner-files";
import type { TestContext } from "./test-context";

let profiles = 0;

/**
 * Upload → profile → dry run of a one-file partner CSV, as the back office does (issue #19); returns the
 * import's id, the dry run's counts and the profile's id.
 */
export async function checkedImport(
  ctx: TestContext,
  dir: string,
  rows: { key: string; data: Record<string, unknown> }[],
  file = `import-${rows[0]!.key}.csv`,
  delivery = "",
) {
  const path = writeCsv(join(dir, file), oneFileTable(rows as never));
  const res = await ctx.request(`/api/imports?name=${file}${delivery && `&delivery=${delivery}`}`, {
    method: "POST",
    body: readFileSync(path),
  });
  expect(res.status).toBe(201);
  const { id } = (await res.json()) as { id: string };
  const profile = await ctx.post("/api/import-profiles", partnerProfile(`Profil ${++profiles}`));
  const dry = await ctx.post(`/api/imports/${id}/dry-run`, { profileId: profile.body.id });
  expect(dry.status).toBe(200);
  return { id, counts: dry.body.counts, profileId: profile.body.id as string };
}
