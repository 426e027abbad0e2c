import { html } from "lit";
import { VARIABLE_TYPES } from "../../../schemas/catalogue/types";
import { t, tCode } from "../../i18n";
import { levelChoices } from "../../views/level-name";
import { KNOWN_THEMES, themeName } from "../../views/theme-name";

/** The catalogue's filters besides the search box; "" means any value. */
export interface CatalogueFilters {
  theme: string;
  level: string;
  type: string;
  status: string;
  sensitivity: string;
}

export const NO_FILTERS: CatalogueFilters = { theme: "", level: "", type: "", status: "", sensitivity: "" };

type Choice = { value: string; text: string };
const named = (prefix: string, values: readonly string[]): Choice[] => values.map((value) => ({ value, text: tCode(prefix, value) }));

/** Each enumerated filter: its name, the key of its label and its choices; the levels are every unit the catalogue has (issue #20). */
const choices = (units: readonly string[]): { name: keyof CatalogueFilters; label: Parameters<typeof t>[0]; values: Choice[] }[] => [
  { name: "level", label: "colLevel", values: levelChoices(units) },
  { name: "type", label: "colType", values: named("type_", VARIABLE_TYPES) },
  { name: "status", label: "colStatus", values: named("status_", ["draft", "active", "deprecated"]) },
  { name: "sensitivity", label: "colSensitivity", values: named("sensitivity_", ["public", "internal", "personal", "sensitive"]) },
];

/**
 * Search box and filters; every change reloads the list (the search box after a pause, see the component).
 * `units`: the catalogue's units of records (GET /api/variables/units), offered as levels.
 */
export function renderCatalogueFilters(
  q: string,
  filters: CatalogueFilters,
  units: readonly string[],
  onSearch: (q: string) => void,
  onFilter: (filters: CatalogueFilters) => void,
) {
  const change = (name: keyof CatalogueFilters) => (event: Event) =>
    onFilter({ ...filters, [name]: (event.target as HTMLInputElement | HTMLSelectElement).value.trim() });
  return html`<form class="filters" role="search" @submit=${(event: Event) => event.preventDefault()}>
    <label class="search">
      ${t("catalogueSearch")}
      <input type="search" name="q" .value=${q} @input=${(event: Event) => onSearch((event.target as HTMLInputElement).value)} />
    </label>
    <label>
      ${t("filterTheme")}
      <input name="theme" list="known-themes" .value=${filters.theme} @change=${change("theme")} />
      <datalist id="known-themes">${KNOWN_THEMES.map((code) => html`<option value=${code} label=${themeName(code)}></option>`)}</datalist>
    </label>
    ${choices(units).map(
      ({ name, label, values }) => html`<label>
        ${t(label)}
        <select name=${name} .value=${filters[name]} @change=${change(name)}>
          <option value="" ?selected=${filters[name] === ""}>${t("anyValue")}</option>
          ${values.map(({ value, text }) => html`<option value=${value} ?selected=${filters[name] === value}>${text}</option>`)}
        </select>
      </label>`,
    )}
  </form>`;
}
