import { html } from "lit";
import { formatDate, t } from "../../i18n";
import type { HouseholdDetail } from "../../../schemas/contracts/api";
import { type AttachmentRef, attachmentsIn } from "../../../schemas/contracts/attachments";
import { renderFileList } from "../file-list/file-list-view";

/** Words for a code of a variable ("commune", "10101" → "Moroni"). */
export type Describe = (variable: string, code: string | null) => string;
/** A variable's label in the reader's language, French where it has none; its code until known. */
export type NameVariable = (variable: string) => string;

/** One household and its members. */
export function renderHouseholdDetail(household: HouseholdDetail, describe: Describe, nameVariable: NameVariable, onBack: () => void) {
  const place = (variable: string, code: string | null) => (code === null ? null : withCode(describe(variable, code), code));
  const name = household.headName || t("unnamed");
  return html`
    <button class="secondary" @click=${onBack}>← ${t("backToList")}</button>
    <h2 tabindex="-1" class="detail-heading">${t("householdHeading", { name })}</h2>
    <dl class="facts">
      ${fact(t("colIsland"), place("island", household.island))}
      ${fact(t("colPrefecture"), place("prefecture", household.prefecture))}
      ${fact(t("colCommune"), place("commune", household.commune))} ${fact(t("colVillage"), household.village)}
      ${fact(t("colCreated"), formatDate(household.createdAt, true))}
      ${fact(t("updatedAt"), formatDate(household.updatedAt, true))} ${fact(t("householdId"), household.id, "code")}
      ${fact(t("sourceSubmission"), household.sourceSubmissionId, "code")}
      ${household.withdrawnAt ? fact(t("withdrawnAt"), formatDate(household.withdrawnAt, true)) : ""}
    </dl>
    ${renderFiles(household, nameVariable)}
    <h3>${t("membersHeading", { count: household.members.length })}</h3>
    <div class="table-wrap">
      <table class="members">
        <thead>
          <tr>
            <th scope="col">${t("colLine")}</th>
            <th scope="col">${t("colLastName")}</th>
            <th scope="col">${t("colFirstName")}</th>
            <th scope="col">${t("colSex")}</th>
            <th scope="col">${t("colBirthDate")}</th>
            <th scope="col">${t("colRelation")}</th>
            <th scope="col">${t("colNin")}</th>
          </tr>
        </thead>
        <tbody>
          ${household.members.map(
            (m) => html`<tr>
              <td>${m.lineNumber}</td>
              <td>${m.lastName ?? ""}</td>
              <td>${m.firstName ?? ""}</td>
              <td>${describe("sex", m.sex)}</td>
              <td>${m.birthDate ? formatDate(m.birthDate) : ""}</td>
              <td>${describe("relation_to_head", m.relationToHead)}</td>
              <td>${m.nin ?? ""}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>
  `;
}

function withCode(label: string, code: string): string {
  return label === code ? code : `${label} (${code})`;
}

function fact(label: string, value: string | null, className = "") {
  return html`<div><dt>${label}</dt><dd class=${className}>${value ?? "—"}</dd></div>`;
}

/** The household's files, each with the variable it answers (issue #20). */
export function householdFiles(household: HouseholdDetail): { variable: string; file: AttachmentRef }[] {
  return attachmentsIn(household.attributes);
}

function renderFiles(household: HouseholdDetail, nameVariable: NameVariable) {
  return renderFileList(
    householdFiles(household),
    (file) => `/api/households/${household.id}/attachments/${file.attachment}`,
    nameVariable,
  );
}
