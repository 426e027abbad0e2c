import { html, type TemplateResult } from "lit";
import type { CodeLabels } from "../../../kit/code-labels";
import type { SignedInUser } from "../../../kit/session";
import type { SectionId } from "../../help-topics";
import type { MessageKey } from "../../i18n";
import "../rsu-audit-log/rsu-audit-log";
import "../rsu-backups/rsu-backups";
import "../rsu-catalogue/rsu-catalogue";
import "../rsu-dashboards/rsu-dashboards";
import "../rsu-exports/rsu-exports";
import "../rsu-forms/rsu-forms";
import "../rsu-incidents/rsu-incidents";
import "../rsu-imports/rsu-imports";
import "../rsu-operations/rsu-operations";
import "../rsu-registry-browser/rsu-registry-browser";
import "../rsu-reports/rsu-reports";
import "../rsu-review-queue/rsu-review-queue";
import "../rsu-token-admin/rsu-token-admin";
import "../rsu-user-admin/rsu-user-admin";

/** What every tab may need from the frame. */
export interface SectionContext {
  user: SignedInUser;
  labels: CodeLabels;
}

/** One tab of the back office: its address (`#utilisateurs`), its name, who sees it, what it shows. */
export interface Section {
  /** Every tab has a chapter in the user guide (designer/help-topics.ts). */
  id: SectionId;
  title: MessageKey;
  /** The API refuses the others anyway (api/auth/permissions.ts): a tab is only offered to whom it will serve. */
  roles: readonly string[];
  render(context: SectionContext): TemplateResult;
}

export const SECTIONS: readonly Section[] = [
  {
    id: "registre",
    title: "tabRegistry",
    roles: ["admin", "supervisor", "clerk", "analyst"],
    render: ({ labels, user }) =>
      html`<rsu-registry-browser .labels=${labels} .canReturn=${user.roles.some((r) => r === "admin" || r === "supervisor")}></rsu-registry-browser>`,
  },
  {
    id: "revue",
    title: "tabReview",
    roles: ["admin", "supervisor"],
    render: ({ labels }) => html`<rsu-review-queue .labels=${labels}></rsu-review-queue>`,
  },
  {
    id: "tableaux-de-bord",
    title: "tabDashboards",
    roles: ["admin", "supervisor", "analyst"],
    render: ({ labels }) => html`<rsu-dashboards .labels=${labels}></rsu-dashboards>`,
  },
  // Issue #19: bringing a partner's database in is the administrator's (imports:manage).
  { id: "importations", title: "tabImports", roles: ["admin"], render: () => html`<rsu-imports></rsu-imports>` },
  { id: "exports", title: "tabExports", roles: ["admin", "supervisor", "analyst"], render: () => html`<rsu-exports></rsu-exports>` },
  {
    id: "catalogue",
    title: "tabCatalogue",
    roles: ["admin", "designer", "supervisor", "clerk", "analyst"],
    render: ({ user }) =>
      html`<rsu-catalogue .canWrite=${user.roles.some((role) => role === "admin" || role === "designer")}></rsu-catalogue>`,
  },
  {
    id: "masques",
    title: "tabForms",
    roles: ["admin", "designer"],
    render: ({ user }) => html`<rsu-forms .canPublish=${user.roles.includes("admin")}></rsu-forms>`,
  },
  {
    id: "utilisateurs",
    title: "tabUsers",
    roles: ["admin"],
    render: ({ labels, user }) => html`<rsu-user-admin .labels=${labels} .currentUserId=${user.id}></rsu-user-admin>`,
  },
  { id: "jetons", title: "tabTokens", roles: ["admin"], render: () => html`<rsu-token-admin></rsu-token-admin>` },
  { id: "audit", title: "tabAudit", roles: ["admin"], render: () => html`<rsu-audit-log></rsu-audit-log>` },
  { id: "exploitation", title: "tabOperations", roles: ["admin"], render: () => html`<rsu-operations></rsu-operations>` },
  { id: "incidents", title: "tabIncidents", roles: ["admin"], render: () => html`<rsu-incidents></rsu-incidents>` },
  { id: "rapports", title: "tabReports", roles: ["admin"], render: () => html`<rsu-reports></rsu-reports>` },
  { id: "sauvegardes", title: "tabBackups", roles: ["admin"], render: () => html`<rsu-backups></rsu-backups>` },
];

export function sectionsFor(roles: readonly string[]): Section[] {
  return SECTIONS.filter((section) => section.roles.some((role) => roles.includes(role)));
}
