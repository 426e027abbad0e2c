import type { AuditFinding } from "./verify-audit";

/** Each finding in French and English, naming the tampering it reveals (`rsu audit verify`). */
export function describeFinding(f: AuditFinding): { fr: string; en: string } {
  switch (f.kind) {
    case "altered":
      return {
        fr: `ligne seq=${f.seq} MODIFIÉE : son contenu ne correspond plus à son maillon`,
        en: `row seq=${f.seq} ALTERED: its content no longer matches its link`,
      };
    case "deleted":
      return {
        fr: `${f.count} ligne(s) SUPPRIMÉE(S) au milieu du journal, à seq=${f.seq} ou juste avant`,
        en: `${f.count} row(s) DELETED from the middle of the log, at or just before seq=${f.seq}`,
      };
    case "inserted":
      return {
        fr: `ligne seq=${f.seq} INSÉRÉE après coup : derrière la tête de la chaîne, elle n'a jamais été chaînée`,
        en: `row seq=${f.seq} INSERTED afterwards: behind the chain's head, it was never chained`,
      };
    case "reordered":
      return {
        fr: `lignes seq=${f.seq} et seq=${f.with} PERMUTÉES : chacune porte le contenu de l'autre`,
        en: `rows seq=${f.seq} and seq=${f.with} REORDERED: each holds the other's content`,
      };
    case "tail_truncated":
      return {
        fr: `FIN DU JOURNAL SUPPRIMÉE : ${f.count} ligne(s) après seq=${f.seq} manquent ; l'ancre du ${f.anchor.at} en comptait ${f.anchor.rows} jusqu'à seq=${f.anchor.seq}`,
        en: `TAIL DELETED: ${f.count} row(s) after seq=${f.seq} are missing; the anchor of ${f.anchor.at} counted ${f.anchor.rows} up to seq=${f.anchor.seq}`,
      };
    case "truncated":
      return {
        fr: `JOURNAL VIDÉ (TRUNCATE) : aucune des ${f.count} lignes ancrées le ${f.anchor.at} (jusqu'à seq=${f.anchor.seq}) ne subsiste`,
        en: `LOG EMPTIED (TRUNCATE): none of the ${f.count} rows anchored at ${f.anchor.at} (up to seq=${f.anchor.seq}) remain`,
      };
    case "rechained":
      return {
        fr: `CHAÎNE RECALCULÉE de seq=${f.seq} à seq=${f.toSeq} (${f.count} maillon(s)) : ni la clé d'ancrage ni les ancres ne les confirment`,
        en: `CHAIN RECOMPUTED from seq=${f.seq} to seq=${f.toSeq} (${f.count} link(s)): neither the anchor key nor the anchors confirm them`,
      };
    case "forged_link":
      return {
        fr: `ligne seq=${f.seq}${f.toSeq !== f.seq ? ` à seq=${f.toSeq}` : ""} ÉCRITE EN CONTOURNANT L'APPLICATION (session_replication_role = replica ou superutilisateur) : son maillon n'a pas été fait par le séquenceur`,
        en: `row seq=${f.seq}${f.toSeq !== f.seq ? ` to seq=${f.toSeq}` : ""} WRITTEN AROUND THE APPLICATION (session_replication_role = replica or a superuser): its link was not made by the sequencer`,
      };
    case "anchor_forged":
      return {
        fr: `ANCRE FALSIFIÉE : la ligne ${f.line} du fichier d'ancres ne s'authentifie pas avec la clé`,
        en: `ANCHOR FORGED: line ${f.line} of the anchor file does not authenticate with the key`,
      };
  }
}
