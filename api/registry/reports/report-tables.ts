import type { Message } from "../../../schemas/contracts/api";
import type { ActivityReport, SubmissionCounts } from "../../../schemas/contracts/reports";

export type Language = "fr" | "en";
export type ReportCell = string | number | null;

/** One table of the report: the HTML shows it, the XLSX has it as a sheet, with the same rows. */
export interface ReportTable {
  /** Sheet name (Excel: at most 31 characters). */
  sheet: string;
  title: Message;
  /** What the table counts and how, when its title alone does not say. */
  note?: Message;
  columns: Message[];
  rows: ReportCell[][];
}

const m = (fr: string, en: string): Message => ({ fr, en });

const COUNT_COLUMNS = [
  m("Reçues", "Received"),
  m("Valides", "Valid"),
  m("Invalides", "Invalid"),
  m("Rejetées", "Rejected"),
  m("En attente", "Waiting"),
];
const counts = (c: SubmissionCounts) => [c.received, c.valid, c.invalid, c.rejected, c.waiting];

const BACKUP_UNKNOWN = m("aucune", "none");

/** The report's tables in the reader's language (place names and yes/no words are translated here). */
export function reportTables(report: ActivityReport, lang: Language): ReportTable[] {
  const place = (code: string | null) =>
    code === null ? m("(non renseigné)", "(not given)")[lang] : `${code} ${report.places[code]?.[lang] ?? ""}`.trim();
  const s = report.submissions;
  const lag = report.integrationLag;
  const round = (seconds: number | null) => (seconds === null ? null : Math.round(seconds * 10) / 10);
  return [
    {
      sheet: "Soumissions-iles",
      title: m("Soumissions par île", "Submissions by island"),
      note: m(
        "Soumissions reçues pendant la période ; valides : intégrées ou en revue ; en attente : pas encore intégrées. Les envois refusés par l'API (422) ne sont pas enregistrés.",
        "Submissions received in the period; valid: integrated or in review; waiting: not integrated yet. Sendings the API refused (422) are not stored.",
      ),
      columns: [m("Île", "Island"), ...COUNT_COLUMNS],
      rows: [...s.byIsland.map((r) => [place(r.island), ...counts(r)]), [m("Total", "Total")[lang], ...counts(s.total)]],
    },
    {
      sheet: "Soumissions-communes",
      title: m("Soumissions par commune", "Submissions by commune"),
      columns: [m("Commune", "Commune"), ...COUNT_COLUMNS],
      rows: s.byCommune.map((r) => [place(r.commune), ...counts(r)]),
    },
    {
      sheet: "Soumissions-agents",
      title: m("Soumissions par agent de saisie", "Submissions by clerk"),
      columns: [m("Identifiant", "Username"), m("Nom affiché", "Display name"), ...COUNT_COLUMNS],
      rows: s.byClerk.map((r) => [r.username ?? m("(import)", "(import)")[lang], r.displayName, ...counts(r)]),
    },
    {
      sheet: "Delai-integration",
      title: m("Délai d'intégration (secondes)", "Integration lag (seconds)"),
      note: m(
        "De la réception à l'intégration, pour les soumissions intégrées pendant la période.",
        "From reception to integration, for submissions integrated in the period.",
      ),
      columns: [
        m("Intégrées", "Integrated"),
        m("Médiane", "Median"),
        m("90 %", "90%"),
        m("95 %", "95%"),
        m("99 %", "99%"),
        m("Maximum", "Maximum"),
      ],
      rows: [[lag.count, round(lag.p50), round(lag.p90), round(lag.p95), round(lag.p99), round(lag.max)]],
    },
    {
      sheet: "Doublons",
      title: m("Doublons trouvés, fusionnés, annulés", "Duplicates found, merged, undone"),
      columns: [m("Genre", "Kind"), m("Trouvés", "Found"), m("Fusionnés", "Merged"), m("Annulés", "Undone")],
      rows: duplicateRows(report),
    },
    {
      sheet: "Revue-en-attente",
      title: m("Éléments de revue en attente et leur âge", "Review backlog and its age"),
      note: m(
        "Ouverts ou reportés à la fin de la période (maintenant si elle n'est pas finie).",
        "Open or postponed at the period's end (now if it is not over).",
      ),
      columns: [
        m("Genre", "Kind"),
        m("En attente", "Waiting"),
        m("< 1 j", "< 1 d"),
        m("1–7 j", "1–7 d"),
        m("7–30 j", "7–30 d"),
        m("≥ 30 j", "≥ 30 d"),
        m("Plus ancien (j)", "Oldest (d)"),
      ],
      rows: report.reviewBacklog.map((b) => [b.kind, b.n, b.under1d, b.under7d, b.under30d, b.over30d, b.oldestDays]),
    },
    {
      sheet: "Erreurs-validation",
      title: m("Erreurs de validation les plus fréquentes", "Most frequent validation errors"),
      columns: [m("Variable", "Variable"), m("Code d'erreur", "Error code"), m("Nombre", "Count")],
      rows: report.quality.errors.map((e) => [e.variable, e.code, e.n]),
    },
    {
      sheet: "Variables-manquantes",
      title: m("Variables clés manquantes dans le registre", "Key variables missing in the registry"),
      columns: [m("Variable", "Variable"), m("Unité", "Unit"), m("Manquantes", "Missing"), m("Total", "Total"), m("Part (%)", "Share (%)")],
      rows: report.quality.missing.map((v) => [
        v.variable,
        v.unit === "household" ? m("ménage", "household")[lang] : m("individu", "individual")[lang],
        v.missing,
        v.total,
        v.total ? Math.round((1000 * v.missing) / v.total) / 10 : null,
      ]),
    },
    {
      sheet: "Registre-iles",
      title: m("Taille du registre par île", "Registry size by island"),
      note: m(
        "Le registre à la fin de la période (maintenant si elle n'est pas finie) ; nouveaux : ménages créés pendant la période.",
        "The registry at the period's end (now if it is not over); new: households created in the period.",
      ),
      columns: [m("Île", "Island"), m("Ménages", "Households"), m("Individus", "Individuals"), m("Nouveaux ménages", "New households")],
      rows: report.registry.byIsland.map((r) => [place(r.island), r.households, r.individuals, r.newHouseholds]),
    },
    {
      sheet: "Registre-communes",
      title: m("Taille du registre par commune", "Registry size by commune"),
      columns: [
        m("Commune", "Commune"),
        m("Ménages", "Households"),
        m("Individus", "Individuals"),
        m("Nouveaux ménages", "New households"),
      ],
      rows: report.registry.byCommune.map((r) => [place(r.commune), r.households, r.individuals, r.newHouseholds]),
    },
    {
      sheet: "Utilisateurs",
      title: m("Activité des utilisateurs", "User activity"),
      columns: [
        m("Identifiant", "Username"),
        m("Nom affiché", "Display name"),
        m("Rôles", "Roles"),
        m("Connexions", "Sign-ins"),
        m("Soumissions acceptées", "Submissions accepted"),
        m("Décisions de revue", "Review decisions"),
        m("Actions journalisées", "Audited actions"),
      ],
      rows: report.users.map((u) => [u.username, u.displayName, u.roles.join(", "), u.signIns, u.submissions, u.decisions, u.actions]),
    },
    {
      sheet: "Incidents",
      title: m("Incidents et causes premières", "Incidents and root causes"),
      note: m(
        "Incidents ouverts pendant la période ou encore ouverts à son début.",
        "Incidents opened in the period or still open at its start.",
      ),
      columns: [
        m("N°", "No."),
        m("Gravité", "Severity"),
        m("Titre", "Title"),
        m("Alarme", "Alarm"),
        m("État", "Status"),
        m("Ouvert le", "Opened"),
        m("Clos le", "Closed"),
        m("Cause première", "Root cause"),
        m("Mesure préventive", "Preventive measure"),
      ],
      rows: report.incidents.map((i) => [
        i.number,
        i.severity,
        i.title,
        i.alarm,
        i.status,
        i.openedAt.slice(0, 16).replace("T", " "),
        i.closedAt?.slice(0, 16).replace("T", " ") ?? null,
        i.rootCause,
        i.preventiveMeasure,
      ]),
    },
    {
      sheet: "Sauvegardes",
      title: m("Sauvegardes faites et vérifiées", "Backups made and verified"),
      columns: [
        m("Faites", "Made"),
        m("Vérifiées", "Verified"),
        m("Échouées", "Failed"),
        m("Octets", "Bytes"),
        m("Dernière vérifiée", "Latest verified"),
        m("Codes d'échec", "Failure codes"),
      ],
      rows: [
        [
          report.backups.made,
          report.backups.verified,
          report.backups.failed,
          report.backups.bytes,
          report.backups.lastVerifiedAt ?? BACKUP_UNKNOWN[lang],
          report.backups.errors.length ? report.backups.errors.map((e) => `${e.code} × ${e.n}`).join(", ") : null,
        ],
      ],
    },
    {
      sheet: "Journal-audit",
      title: m("Chaîne du journal d'audit et ancre", "Audit chain status and anchor"),
      columns: [
        m("Lignes de la période", "Rows in the period"),
        m("État de la chaîne", "Chain status"),
        m("Lignes vérifiées", "Rows verified"),
        m("Constats", "Findings"),
        m("Dernière ancre", "Latest anchor"),
      ],
      rows: [
        [
          report.audit.rows,
          report.audit.intact === null
            ? m("non vérifiée", "not checked")[lang]
            : report.audit.intact
              ? m("intacte", "intact")[lang]
              : m("ALTÉRÉE", "BROKEN")[lang],
          report.audit.checkedRows,
          report.audit.findings,
          report.audit.anchor
            ? `seq=${report.audit.anchor.seq} ${report.audit.anchor.at} ${report.audit.anchor.hash.slice(0, 16)}…`
            : BACKUP_UNKNOWN[lang],
        ],
      ],
    },
  ];
}

function duplicateRows(report: ActivityReport): ReportCell[][] {
  const { found, merged, undone } = report.duplicates;
  const kinds = [...new Set([...found, ...merged, ...undone].map((d) => d.kind))].sort();
  const n = (list: { kind: string; n: number }[], kind: string) => list.find((d) => d.kind === kind)?.n ?? 0;
  return kinds.map((kind) => [kind, n(found, kind), n(merged, kind), n(undone, kind)]);
}

/** `rsu-rapport-2026-11` (French) or `rsu-report-2026-11` (English), without extension. */
export function reportFileName(period: { label: string }, lang: Language): string {
  return `${lang === "fr" ? "rsu-rapport" : "rsu-report"}-${period.label}`;
}
