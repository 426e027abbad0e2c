import { copyFile, mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditContent, auditHash, GENESIS_HASH } from "../../api/audit/audit-chain";
import { describeFinding } from "../../api/audit/audit-findings";
import { recordAudit } from "../../api/audit/record-audit";
import type { AuditFinding } from "../../api/audit/verify-audit";
import { systemActor } from "../../api/auth/actor";
import { type AppConfig, loadConfig } from "../../api/config";
import { dropDatabase, onServer, quoteIdentifier } from "../../api/db/create-database";
import { asOwner, chainAndAnchor, verifyAudit } from "../helpers/audit-log";
import { createTestContext, type TestContext } from "../helpers/test-context";
import { testEnv } from "../helpers/test-env";

/**
 * The eight ways of tampering with the audit log that the abuse campaign tried (issue #15, finding 11),
 * each done as an attacker with database access would (the owner, triggers off), each on its own copy
 * of one chained and anchored log; `rsu audit verify` must name each one, and only it.
 */
let ctx: TestContext;
let gap: number;
const verdicts: { case: string; found: string; message: string }[] = [];

beforeAll(async () => {
  ctx = await createTestContext("audit_tamper");
  await chainAndAnchor(ctx.config);
  // A transaction that rolled back leaves a number unused: a place to slip a forged row into.
  await ctx.orm.em
    .transactional(async (tx) => {
      await recordAudit(tx, systemActor("test"), { action: "auth.logout", entityType: "user" });
      throw new Error("rolled back");
    })
    .catch(() => {});
  gap = await asOwner(ctx.config, async (sql) => Number((await sql.query("select last_value from audit_log_seq_seq")).rows[0]!.last_value));
  for (const username of ["tamper.one", "tamper.two", "tamper.three", "tamper.four"]) {
    const res = await ctx.request("/api/users", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, password: "un-mot-de-passe-long", roles: ["analyst"] }),
    });
    expect(res.status).toBe(201);
  }
  await chainAndAnchor(ctx.config);
  // The copies are made from this database as a template, which needs it without connections.
  await ctx.orm.close();
});

afterAll(async () => {
  console.log("\nrsu audit verify, case by case:");
  console.table(verdicts);
  await ctx?.orm.connect();
  await ctx?.close();
});

/** Rows of the copy, in order, as the owner reads them. */
async function seqs(sql: pg.Client): Promise<number[]> {
  return (await sql.query("select seq from audit_log order by seq")).rows.map((r) => Number(r.seq));
}

/** The chain recomputed by the public formula, as an attacker without the anchor key can. */
async function recomputeChain(sql: pg.Client) {
  const rows = (
    await sql.query("select seq, at, actor_id, actor, action, entity_type, entity_id, details, address from audit_log order by seq")
  ).rows;
  await sql.query("delete from audit_chain");
  let prevHash = GENESIS_HASH;
  let n = 0;
  for (const row of rows) {
    const hash = auditHash(prevHash, auditContent(row));
    await sql.query("insert into audit_chain (seq, n, prev_hash, hash, mac, chained_at) values ($1, $2, $3, $4, $5, now())", [
      row.seq,
      ++n,
      prevHash,
      hash,
      "f".repeat(64),
    ]);
    prevHash = hash;
  }
}

const cases: { name: string; kind: AuditFinding["kind"]; tamper(sql: pg.Client, seqs: number[]): Promise<void> }[] = [
  {
    name: "edit a middle row",
    kind: "altered",
    tamper: (sql, s) => sql.query(`update audit_log set details = '{"forged": true}' where seq = $1`, [s[5]]).then(() => {}),
  },
  {
    name: "delete a middle row",
    kind: "deleted",
    tamper: (sql, s) => sql.query("delete from audit_log where seq = $1", [s[5]]).then(() => {}),
  },
  {
    name: "insert a forged row",
    kind: "inserted",
    tamper: (sql) =>
      sql
        .query(
          `insert into audit_log (seq, at, actor, action, entity_type, entity_id, details) values ($1, now(), 'admin', 'user.update', 'user', null, '{}')`,
          [gap],
        )
        .then(() => {}),
  },
  {
    name: "delete the last rows",
    kind: "tail_truncated",
    tamper: async (sql, s) => {
      const keep = s[s.length - 4]!;
      await sql.query("delete from audit_chain where seq > $1", [keep]);
      await sql.query("delete from audit_log where seq > $1", [keep]);
    },
  },
  {
    name: "TRUNCATE",
    kind: "truncated",
    tamper: (sql) => sql.query("truncate audit_log, audit_chain").then(() => {}),
  },
  {
    name: "recompute the whole chain",
    kind: "rechained",
    tamper: async (sql, s) => {
      await sql.query(`update audit_log set details = '{"forged": true}' where seq = $1`, [s[5]]);
      await recomputeChain(sql);
    },
  },
  {
    name: "write with session_replication_role = replica",
    kind: "forged_link",
    tamper: async (sql) => {
      const [head] = (await sql.query("select seq, n, hash from audit_chain order by seq desc limit 1")).rows;
      const [row] = (
        await sql.query(
          `insert into audit_log (seq, xid, at, actor, action, entity_type, entity_id, details) values (nextval('audit_log_seq_seq'), pg_current_xact_id(), now(), 'admin', 'user.update', 'user', null, '{}')
           returning seq, at, actor_id, actor, action, entity_type, entity_id, details, address`,
        )
      ).rows;
      const hash = auditHash(head.hash, auditContent(row));
      await sql.query("insert into audit_chain (seq, n, prev_hash, hash, mac, chained_at) values ($1, $2, $3, $4, $5, now())", [
        row.seq,
        Number(head.n) + 1,
        head.hash,
        hash,
        "0".repeat(64),
      ]);
    },
  },
  {
    name: "reorder rows",
    kind: "reordered",
    tamper: async (sql, s) => {
      await sql.query("update audit_log set seq = -1 where seq = $1", [s[3]]);
      await sql.query("update audit_log set seq = $1 where seq = $2", [s[3], s[6]]);
      await sql.query("update audit_log set seq = $1 where seq = -1", [s[6]]);
    },
  },
];

describe("rsu audit verify names each of the eight tamperings", () => {
  it("finds the untouched log intact", async () => {
    const report = await withCopy("intact", async () => {});
    expect(report.findings).toEqual([]);
    expect(report.ok).toBe(true);
    verdicts.push({ case: "(none)", found: "intact", message: `${report.rows} rows, ${report.anchors} anchors` });
  });

  it.each(cases)("$name → $kind", async ({ name, kind, tamper }) => {
    const report = await withCopy(kind, (sql) => seqs(sql).then((s) => tamper(sql, s)));
    verdicts.push({
      case: name,
      found: report.findings.map((f) => f.kind).join(", "),
      message: report.findings.map((f) => describeFinding(f).en).join(" | "),
    });
    expect(report.findings.map((f) => f.kind)).toEqual([kind]);
    expect(report.ok).toBe(false);
  });
});

/** Copies the chained log (database and anchor file), tampers with the copy as its owner, verifies it. */
async function withCopy(name: string, tamper: (sql: pg.Client) => Promise<void>) {
  const env = testEnv(`audit_tamper_${name}`, { AUDIT_ANCHOR_FILE: join(dirname(ctx.config.audit.anchorFile), `${name}.jsonl`) });
  const config: AppConfig = loadConfig(env);
  await dropDatabase(config.databaseUrl);
  await onServer(config.databaseUrl, (sql, db) =>
    sql.query(`create database ${quoteIdentifier(db)} template ${quoteIdentifier(new URL(ctx.config.databaseUrl).pathname.slice(1))}`),
  );
  await mkdir(dirname(config.audit.anchorFile), { recursive: true });
  await copyFile(ctx.config.audit.anchorFile, config.audit.anchorFile);
  try {
    await asOwner(config, async (sql) => {
      await sql.query("set session_replication_role = replica");
      await tamper(sql);
    });
    return await verifyAudit(config);
  } finally {
    await dropDatabase(config.databaseUrl);
  }
}
