import type { Sql } from "../db/app-role";
import type { AnchorFile, AuditAnchor } from "./audit-anchor";
import {
  AUDIT_CONTENT_COLUMNS,
  AUDIT_LINK_COLUMNS,
  type AuditContent,
  type AuditLinkRow,
  auditContent,
  auditHash,
  auditLink,
  GENESIS_HASH,
  linkMac,
  sameMac,
} from "./audit-chain";

/** What a tampering left behind; each kind names one way of tampering (issue #15, finding 11). */
export type AuditFinding =
  | { kind: "altered"; seq: number }
  | { kind: "deleted"; seq: number; count: number }
  | { kind: "inserted"; seq: number }
  | { kind: "reordered"; seq: number; with: number }
  | { kind: "tail_truncated"; seq: number; count: number; anchor: AuditAnchor }
  | { kind: "truncated"; count: number; anchor: AuditAnchor }
  | { kind: "rechained"; seq: number; toSeq: number; count: number }
  | { kind: "forged_link"; seq: number; toSeq: number; count: number }
  | { kind: "anchor_forged"; line: number };

export interface AuditReport {
  ok: boolean;
  /** Chained rows checked. */
  rows: number;
  /** Rows after the chain's head that the sequencer has not reached yet. */
  pending: number;
  anchors: number;
  latestAnchor: AuditAnchor | null;
  findings: AuditFinding[];
}

const PAGE = 5_000;
/** Altered rows compared pairwise to recognise swapped ones. */
const MAX_SWAP_CHECK = 200;

/**
 * Walks rows and links together in sequence order. Each link must follow the one before it (its number
 * and previous hash), carry the sequencer's MAC, and hash its row's content; a row past the head awaits
 * the sequencer, a row behind it without a link was slipped in. Then the anchors: each anchored link
 * must still hold the anchored hash and count, and the latest anchor's rows must all still be there.
 */
export async function verifyAuditLog(sql: Sql, key: string, anchorFile: AnchorFile): Promise<AuditReport> {
  const { anchors } = anchorFile;
  const anchorsAt = new Map<number, AuditAnchor[]>();
  for (const a of anchors) anchorsAt.set(a.seq, [...(anchorsAt.get(a.seq) ?? []), a]);
  const [bounds] = (
    await sql.query(
      `select (select max(seq) from audit_chain) as head, (select min(seq) from audit_chain where mac is not null) as first_mac`,
    )
  ).rows;
  const head = bounds!.head === null ? 0 : Number(bounds!.head);
  // Links made before the sequencer have no MAC: they are taken as such only before the first MAC'd link
  // and no later than the first anchor, which vouches for them by its hash.
  const legacyBefore = Math.min(
    bounds!.first_mac === null ? Number.POSITIVE_INFINITY : Number(bounds!.first_mac),
    anchors.length ? Math.min(...anchors.map((a) => a.seq)) + 1 : Number.POSITIVE_INFINITY,
  );

  const findings: AuditFinding[] = anchorFile.forgedLines.map((line) => ({ kind: "anchor_forged" as const, line }));
  const altered: { row: AuditContent; link: AuditLinkRow }[] = [];
  const forged: AuditLinkRow[][] = [];
  const anchorMismatch: number[] = [];
  const latest = anchors.reduce<AuditAnchor | null>((a, b) => (a && a.seq >= b.seq ? a : b), null);
  const anchorSeqs = [...anchorsAt.keys()].sort((a, b) => a - b);
  const missing: Tail[] = [];
  let nextAnchor = 0;
  let lastLink: AuditLinkRow | null = null;
  let expected = { n: 1, prevHash: GENESIS_HASH };
  let rows = 0;
  let pending = 0;
  let lastForgedN = -1;

  for await (const { seq, row, link } of walk(sql)) {
    if (!link) {
      if (seq < head) findings.push({ kind: "inserted", seq });
      else pending++;
      continue;
    }
    rows++;
    const authentic = link.mac ? sameMac(link.mac, linkMac(key, link)) : link.seq < legacyBefore;
    if (!authentic) {
      if (lastForgedN === link.n - 1 && forged.length) forged[forged.length - 1]!.push(link);
      else forged.push([link]);
      lastForgedN = link.n;
    } else if (link.n > expected.n) {
      findings.push({ kind: "deleted", seq: link.seq, count: link.n - expected.n });
    }
    if (!row) findings.push({ kind: "deleted", seq: link.seq, count: 1 });
    else if (auditHash(link.prevHash, row) !== link.hash) altered.push({ row, link });
    for (const a of anchorsAt.get(seq) ?? []) if (a.hash !== link.hash || a.rows !== link.n) anchorMismatch.push(seq);
    for (; nextAnchor < anchorSeqs.length && anchorSeqs[nextAnchor]! <= seq; nextAnchor++) {
      if (anchorSeqs[nextAnchor] !== seq) missing.push({ seq: anchorSeqs[nextAnchor]!, before: lastLink, next: link });
    }
    lastLink = link;
    expected = { n: link.n + 1, prevHash: link.hash };
  }

  findings.push(...swapsAndEdits(altered));
  findings.push(...rewrites(forged, anchorMismatch, anchorsAt));
  for (; nextAnchor < anchorSeqs.length; nextAnchor++) missing.push({ seq: anchorSeqs[nextAnchor]!, before: lastLink, next: null });
  // The latest anchor whose rows are not all there says how much is gone.
  for (const tail of missing.reverse()) {
    const cut = missingTail(anchorsAt.get(tail.seq)!.at(-1)!, tail);
    if (cut) {
      findings.push(cut);
      break;
    }
  }
  findings.sort((a, b) => ("seq" in a ? a.seq : 0) - ("seq" in b ? b.seq : 0));
  return { ok: !findings.length, rows, pending, anchors: anchors.length, latestAnchor: latest, findings };
}

/** Rows and links side by side, in sequence order, a page of each at a time. */
async function* walk(sql: Sql): AsyncGenerator<{ seq: number; row?: AuditContent; link?: AuditLinkRow }> {
  let after = -1;
  for (;;) {
    const rows = (
      await sql.query(`select ${AUDIT_CONTENT_COLUMNS} from audit_log where seq > $1 order by seq limit ${PAGE}`, [after])
    ).rows.map(auditContent);
    const links = (
      await sql.query(`select ${AUDIT_LINK_COLUMNS} from audit_chain where seq > $1 order by seq limit ${PAGE}`, [after])
    ).rows.map(auditLink);
    if (!rows.length && !links.length) return;
    // Up to where both pages are complete: a full page may stop before the other's last number.
    const until = Math.min(
      rows.length === PAGE ? rows[PAGE - 1]!.seq : Number.POSITIVE_INFINITY,
      links.length === PAGE ? links[PAGE - 1]!.seq : Number.POSITIVE_INFINITY,
    );
    const bySeq = new Map<number, { seq: number; row?: AuditContent; link?: AuditLinkRow }>();
    for (const row of rows) if (row.seq <= until) bySeq.set(row.seq, { seq: row.seq, row });
    for (const link of links) if (link.seq <= until) bySeq.set(link.seq, { ...(bySeq.get(link.seq) ?? { seq: link.seq }), link });
    const page = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
    yield* page;
    if (until === Number.POSITIVE_INFINITY) return;
    after = until;
  }
}

/** Rows whose content no longer matches their link: two that match each other's links were swapped. */
function swapsAndEdits(altered: { row: AuditContent; link: AuditLinkRow }[]): AuditFinding[] {
  const findings: AuditFinding[] = [];
  const swapped = new Set<number>();
  const candidates = altered.slice(0, MAX_SWAP_CHECK);
  for (const a of candidates) {
    for (const b of candidates) {
      if (a === b || swapped.has(a.link.seq) || swapped.has(b.link.seq)) continue;
      // The row now at b's place, renumbered back to a, hashes as a's link did: it came from there.
      if (auditHash(a.link.prevHash, { ...b.row, seq: a.link.seq }) === a.link.hash) {
        swapped.add(a.link.seq).add(b.link.seq);
        findings.push({ kind: "reordered", seq: Math.min(a.link.seq, b.link.seq), with: Math.max(a.link.seq, b.link.seq) });
      }
    }
  }
  for (const { link } of altered) if (!swapped.has(link.seq)) findings.push({ kind: "altered", seq: link.seq });
  return findings;
}

/**
 * Links the sequencer did not make: where they cover anchored rows, the anchored history was recomputed;
 * elsewhere, rows were written around the application with a link made by hand.
 */
function rewrites(forged: AuditLinkRow[][], anchorMismatch: number[], anchorsAt: Map<number, AuditAnchor[]>): AuditFinding[] {
  const findings: AuditFinding[] = [];
  const covered = new Set<number>();
  for (const run of forged) {
    const from = run[0]!.seq;
    const to = run[run.length - 1]!.seq;
    const anchored = run.some((l) => anchorsAt.has(l.seq));
    for (const seq of anchorMismatch) if (seq >= from && seq <= to) covered.add(seq);
    findings.push({ kind: anchored ? "rechained" : "forged_link", seq: from, toSeq: to, count: run.length });
  }
  const uncovered = anchorMismatch.filter((seq) => !covered.has(seq));
  if (uncovered.length)
    findings.push({ kind: "rechained", seq: uncovered[0]!, toSeq: uncovered[uncovered.length - 1]!, count: uncovered.length });
  return findings;
}

/** An anchored link that is gone, with the links around its place. */
interface Tail {
  seq: number;
  before: AuditLinkRow | null;
  next: AuditLinkRow | null;
}

/** An anchor names a link that is gone: the tail was cut, or the whole log emptied. */
function missingTail(anchor: AuditAnchor, { before, next }: Tail): AuditFinding | null {
  if (anchor.rows === 0) return null;
  if (!before) return { kind: "truncated", count: anchor.rows, anchor };
  // A link after the anchored one numbered past it means rows were deleted in the middle (found above).
  if (next && next.n > anchor.rows) return null;
  return { kind: "tail_truncated", seq: before.seq, count: anchor.rows - before.n, anchor };
}
