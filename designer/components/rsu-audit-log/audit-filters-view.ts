import { html } from "lit";
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES } from "../../../schemas/contracts/audit";
import { t, tCode } from "../../i18n";

/** The filters as typed: calendar days (`YYYY-MM-DD`), not yet instants. */
export interface AuditFilters {
  actor: string;
  entityType: string;
  action: string;
  from: string;
  to: string;
}

export const NO_FILTERS: AuditFilters = { actor: "", entityType: "", action: "", from: "", to: "" };

export function readFilters(form: HTMLFormElement): AuditFilters {
  const data = new FormData(form);
  const value = (name: keyof AuditFilters) => String(data.get(name) ?? "").trim();
  return { actor: value("actor"), entityType: value("entityType"), action: value("action"), from: value("from"), to: value("to") };
}

/** Days are the reader's own: from the start of `from` to the end of `to`, both included. */
export function filterInstants(filters: AuditFilters): { from?: string; to?: string } {
  const start = (day: string) => new Date(`${day}T00:00:00`);
  const dayAfter = (day: string) => {
    const date = start(day);
    date.setDate(date.getDate() + 1);
    return date;
  };
  return {
    ...(filters.from ? { from: start(filters.from).toISOString() } : {}),
    ...(filters.to ? { to: dayAfter(filters.to).toISOString() } : {}),
  };
}

export function renderAuditFilters(filters: AuditFilters, onSearch: (event: SubmitEvent) => void, onReset: () => void) {
  return html`<form class="filters" role="search" @submit=${onSearch} @reset=${onReset}>
    <label>${t("filterActor")} <input name="actor" .value=${filters.actor} autocomplete="off" autocapitalize="off" spellcheck="false" /></label>
    <label
      >${t("filterEntityType")}
      <select name="entityType">
        <option value="" ?selected=${!filters.entityType}>${t("allEntityTypes")}</option>
        ${AUDIT_ENTITY_TYPES.map((type) => html`<option value=${type} ?selected=${type === filters.entityType}>${tCode("entity_", type)}</option>`)}
      </select>
    </label>
    <label
      >${t("filterAction")}
      <select name="action">
        <option value="" ?selected=${!filters.action}>${t("allActions")}</option>
        ${AUDIT_ACTIONS.map((action) => html`<option value=${action} ?selected=${action === filters.action}>${tCode("action_", action)}</option>`)}
      </select>
    </label>
    <label>${t("filterFrom")} <input name="from" type="date" .value=${filters.from} /></label>
    <label>${t("filterTo")} <input name="to" type="date" .value=${filters.to} /></label>
    <button type="submit">${t("search")}</button>
    <button type="reset" class="secondary">${t("reset")}</button>
  </form>`;
}
