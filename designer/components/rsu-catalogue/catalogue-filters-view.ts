import { html } from "lit";
import { VARIABLE_TYPES } from "../../../schemas/catalogue/types";
import { t, tCode } from "../../i18n";
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

/** Each enumerated filter: its name, the key of its label, its values and the prefix of their labels. */
const CHOICES: readonly { name: keyof CatalogueFilters; label: Parameters<typeof t>[0]; values: readonly string[]; prefix: string }[] = [
  { name: "level", label: "colLevel", values: ["household", "individual"], prefix: "level_" },
  { name: "type", label: "colType", values: VARIABLE_TYPES, prefix: "type_" },
  { name: "status", label: "colStatus", values: ["draft", "active", "deprecated"], prefix: "status_" },
  { name: "sensitivity", label: "colSensitivity", values: ["public", "internal", "personal", "sensitive"], prefix: "sensitivity_" },
];

/** Search box and filters; every change reloads the list (the search box after a pause, see the component). */
export function renderCatalogueFilters(
  q: string,
  filters: CatalogueFilters,
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
    ${CHOICES.map(
      ({ name, label, values, prefix }) => html`<label>
        ${t(label)}
        <select name=${name} .value=${filters[name]} @change=${change(name)}>
          <option value="" ?selected=${filters[name] === ""}>${t("anyValue")}</option>
          ${values.map((value) => html`<option value=${value} ?selected=${filters[name] === value}>${tCode(prefix, value)}</option>`)}
        </select>
      </label>`,
    )}
  </form>`;
}
