import { html, nothing } from "lit";
import type { FormSummary, VersionSummary } from "../../api/forms";
import { formatDate, t } from "../../i18n";

/** A form's published versions, newest first: when, by whom, retired or not; admins may retire one. */
export function renderVersions(form: FormSummary, onRetire: ((version: VersionSummary) => void) | null) {
  if (!form.versions.length) return html`<span class="muted">${t("none")}</span>`;
  const versions = [...form.versions].sort((a, b) => b.version - a.version);
  return html`<ul class="versions">
    ${versions.map(
      (v) => html`<li class=${v.retiredAt ? "retired" : ""}>
        ${t("versionLine", { version: v.version, date: formatDate(v.publishedAt, "compact") })}
        ${v.publishedBy ? html` <span title=${v.publishedBy}>${t("versionBy", { name: v.publishedByName ?? v.publishedBy.slice(0, 8) })}</span>` : nothing}
        ${
          v.retiredAt
            ? html` — <strong>${t("versionRetired", { date: formatDate(v.retiredAt, "compact") })}</strong>`
            : onRetire
              ? html`<button class="secondary small danger" aria-label=${t("retireLabel", { version: v.version, id: form.id })} @click=${() => onRetire(v)}>${t("retire")}</button>`
              : nothing
        }
      </li>`,
    )}
  </ul>`;
}
