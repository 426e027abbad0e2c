import type { MikroORM } from "@mikro-orm/postgresql";
import { verifyAuditChain } from "../../api/audit/verify-audit";

/** rsu audit verify: exit 0 when the chain is whole, 1 naming the first broken row otherwise. */
export async function audit(orm: MikroORM, args: string[]): Promise<void> {
  if (args[0] !== "verify") throw new Error("usage: rsu audit verify");
  const verdict = await verifyAuditChain(orm.em.fork());
  if (verdict.ok) {
    console.log(`audit log intact: ${verdict.rows} rows verified`);
    return;
  }
  const what = verdict.reason === "altered" ? "was altered" : "follows a deleted row (its previous hash does not match)";
  console.log(`audit log BROKEN at row seq=${verdict.seq}: that row ${what}; ${verdict.rows} rows before it are intact`);
  process.exitCode = 1;
}
