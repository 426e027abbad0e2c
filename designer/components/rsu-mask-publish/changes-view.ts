import { html, nothing } from "lit";
import type { ChangeClass, VariableChange, VersionDiff } from "../../../schemas/contracts/forms";
import { t, tCode } from "../../i18n";

const CLASSES: ChangeClass[] = ["breaking", "compatible", "cosmetic"];

/** What publishing changes, per variable, grouped from the worst class to the mildest. */
export function renderChanges(diff: VersionDiff) {
  if (diff.from === null) return html`<p>${t("publishFirst")}</p>`;
  if (!diff.changes.length) return html`<p>${t("publishNoChange", { version: diff.from })}</p>`;
  return html`<p>${t("publishAgainst", { version: diff.from })}</p>
    ${CLASSES.map((kind) => {
      const changes = diff.changes.filter((c) => c.class === kind);
      if (!changes.length) return nothing;
      return html`<section class="changes ${kind}" aria-labelledby="changes-${kind}">
        <h4 id="changes-${kind}">${tCode("class_", kind)} (${changes.length})</h4>
        <p class="hint">${tCode("classHint_", kind)}</p>
        <ul>
          ${changes.map((c) => renderChange(c))}
        </ul>
      </section>`;
    })}`;
}

function renderChange(change: VariableChange) {
  const values =
    change.before !== undefined || change.after !== undefined
      ? html` : ${t("changeBeforeAfter", { before: shown(change.before), after: shown(change.after) })}`
      : nothing;
  return html`<li><code>${change.variable}</code> — ${tCode("change_", change.kind)}${values}</li>`;
}

/** A value as a designer reads it: codes separated by commas, ranges as JSON, nothing as a dash. */
function shown(value: unknown): string {
  if (value === undefined || value === null) return "—";
  if (Array.isArray(value)) return value.map((v) => shown(v)).join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}
