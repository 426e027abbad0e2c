import { css, html, LitElement, nothing } from "lit";
import { LanguageController } from "../../../kit/language.controller";
import { ApiError } from "../../../kit/request";
import { sessionExpiredEvent } from "../../../kit/events/rsu-session-expired";
import { IMPORT_FILE_ROLES, type ImportFileRole } from "../../../schemas/contracts/imports";
import { DATE_FORMATS, type ColumnMapping, type DateFormat } from "../../../schemas/imports/import-profile";
import { suggestDateFormat } from "../../../schemas/imports/suggest-mapping";
import { importSuggestions, saveProfile, type ImportProfile, type ImportProfileBody, type ImportView } from "../../api/imports";
import { failureText } from "../../api/failure-text";
import { profileSavedEvent } from "../../events/rsu-profile-saved";
import { formatScore, t } from "../../i18n";
import { sharedStyles } from "../../styles/shared.styles";

interface Row {
  role: ImportFileRole;
  column: string;
  variable: string;
  score?: number;
  dateFormat?: DateFormat;
  /** Source value → code; the values seen in the file are listed, mapped or not. */
  values: Record<string, string>;
  /** The variable has a code list (the server suggested codes, or the profile maps values): its values are shown. */
  coded: boolean;
}

/**
 * @summary A mapping profile being written for an import (issue #19): each column of its files with the
 * variable it answers, its date format and its values' codes, prefilled by the server's suggestions
 * (column names and labels, fuzzy code labels such as village names) or by the profile being edited.
 * @event rsu-profile-saved - The profile was saved; detail.profile is it.
 * @event rsu-session-expired - The API answered 401.
 */
export default class RsuImportProfile extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      form.panel { max-width: none; }
      .values { display: grid; grid-template-columns: auto 6rem; gap: 0.25rem 0.5rem; align-items: center; font-size: 0.875rem; }
      .values input { min-height: 32px; }
      td input, td select { min-height: 36px; max-width: 14rem; }
      .score { color: var(--rsu-color-muted); font-size: 0.8125rem; }
    `,
  ];
  static override properties = {
    importView: { attribute: false },
    profile: { attribute: false },
    rows: { state: true },
    busy: { state: true },
    failure: { state: true },
  };

  importView?: ImportView;
  /** The profile edited; a new one when absent. */
  profile?: ImportProfile;
  rows: Row[] = [];
  busy = false;
  failure = "";
  private formId = "menage";
  private version = 1;

  constructor() {
    super();
    new LanguageController(this);
  }

  override connectedCallback() {
    super.connectedCallback();
    if (this.profile) {
      this.formId = this.profile.formId;
      this.version = this.profile.version;
    }
    this.rows = this.fileRows();
    if (!this.profile) void this.suggest();
  }

  /** Every column of the files, with what the edited profile says of it. */
  private fileRows(): Row[] {
    const mapped = new Map((this.profile?.columns ?? []).map((c) => [c.column, c]));
    return IMPORT_FILE_ROLES.flatMap((role) => {
      const info = this.importView?.files[role];
      return (info?.columns ?? []).map((column) => {
        const known = mapped.get(column);
        const values = Object.fromEntries((info!.values[column] ?? []).map((v) => [v, known?.values?.[v] ?? ""]));
        const coded = !!known?.values;
        return {
          role,
          column,
          variable: known?.variable ?? "",
          dateFormat: known?.dateFormat,
          values: { ...values, ...known?.values },
          coded,
        };
      });
    });
  }

  private async suggest() {
    if (!this.importView) return;
    this.busy = true;
    this.failure = "";
    try {
      const suggestions = await importSuggestions(this.importView.id, this.formId, this.version);
      this.rows = this.fileRows().map((row) => {
        const file = suggestions[row.role];
        const column = file?.columns.find((s) => s.column === row.column);
        const codes = file?.values[row.column];
        const samples = this.importView!.files[row.role]?.values[row.column] ?? [];
        return {
          ...row,
          variable: row.variable || column?.variable || "",
          score: column?.score,
          dateFormat: row.dateFormat ?? (column ? suggestDateFormat(samples) : undefined),
          values: Object.fromEntries(Object.entries(row.values).map(([value, code]) => [value, code || codes?.[value]?.code || ""])),
          coded: row.coded || !!codes,
        };
      });
    } catch (error) {
      this.fail(error);
    } finally {
      this.busy = false;
    }
  }

  private fail(error: unknown) {
    if (error instanceof ApiError && error.unauthenticated) return void this.dispatchEvent(sessionExpiredEvent());
    this.failure = failureText(error);
  }

  private async handleSave(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => String(data.get(name) ?? "").trim();
    const columns: ColumnMapping[] = this.rows
      .filter((row) => row.variable.trim())
      .map((row) => {
        const values = Object.fromEntries(Object.entries(row.values).filter(([, code]) => code.trim()));
        return {
          column: row.column,
          variable: row.variable.trim(),
          ...(row.dateFormat ? { dateFormat: row.dateFormat } : {}),
          ...(Object.keys(values).length ? { values } : {}),
        };
      });
    const body: ImportProfileBody = {
      name: text("profileName"),
      source: text("profileSource"),
      formId: this.formId,
      version: this.version,
      layout: this.importView?.files.individuals ? "two_files" : "one_file",
      householdKey: text("householdKey"),
      columns,
      ...(this.profile?.constants ? { constants: this.profile.constants } : {}),
    };
    this.busy = true;
    this.failure = "";
    try {
      const saved = await saveProfile(body, this.profile?.id);
      this.dispatchEvent(profileSavedEvent(saved));
    } catch (error) {
      this.fail(error);
    } finally {
      this.busy = false;
    }
  }

  private change(row: Row, patch: Partial<Row>) {
    this.rows = this.rows.map((r) => (r === row ? { ...r, ...patch } : r));
  }

  override render() {
    const columns = this.importView?.files.households?.columns ?? [];
    const key = this.profile?.householdKey ?? columns.find((c) => /id|cle|key|menage/i.test(c)) ?? columns[0];
    return html`<form class="panel" novalidate @submit=${this.handleSave}>
      ${this.failure ? html`<p class="status error" role="alert">${this.failure}</p>` : nothing}
      <div class="field">
        <label for="formId">${t("profileFormId")}</label>
        <input id="formId" .value=${this.formId} ?disabled=${!!this.profile} @change=${(e: Event) => (this.formId = (e.target as HTMLInputElement).value.trim())} />
      </div>
      <div class="field">
        <label for="formVersion">${t("profileVersion")}</label>
        <input id="formVersion" type="number" min="1" .value=${String(this.version)} ?disabled=${!!this.profile}
          @change=${(e: Event) => (this.version = Number((e.target as HTMLInputElement).value) || 1)} />
      </div>
      ${this.profile ? nothing : html`<div class="actions"><button type="button" class="secondary" ?disabled=${this.busy} @click=${() => void this.suggest()}>${t("profileFromSuggestions")}</button></div>`}
      <div class="field">
        <label for="profileName">${t("profileName")}</label>
        <input id="profileName" name="profileName" maxlength="200" .value=${this.profile?.name ?? ""} autocomplete="off" />
      </div>
      <div class="field">
        <label for="profileSource">${t("profileSource")}</label>
        <input id="profileSource" name="profileSource" maxlength="64" .value=${this.profile?.source ?? ""} autocomplete="off" />
      </div>
      <div class="field">
        <label for="householdKey">${t("profileHouseholdKey")}</label>
        <select id="householdKey" name="householdKey">${columns.map((c) => html`<option ?selected=${c === key}>${c}</option>`)}</select>
      </div>
      ${this.renderRows()}
      <div class="actions"><button type="submit" ?disabled=${this.busy}>${t("saveProfile")}</button></div>
    </form>`;
  }

  private renderRows() {
    return html`<div class="table-wrap"><table>
      <thead><tr>
        <th scope="col">${t("colSourceColumn")}</th>
        <th scope="col">${t("colVariable")}</th>
        <th scope="col">${t("colDateFormat")}</th>
        <th scope="col">${t("colValues")}</th>
      </tr></thead>
      <tbody>
        ${this.rows.map(
          (row) => html`<tr>
          <th scope="row">${row.column}</th>
          <td>
            <input aria-label=${`${t("colVariable")} : ${row.column}`} .value=${row.variable}
              @change=${(e: Event) => this.change(row, { variable: (e.target as HTMLInputElement).value })} />
            ${row.score ? html`<div class="score">${t("suggestedScore", { score: formatScore(row.score) })}</div>` : nothing}
          </td>
          <td>
            <select aria-label=${`${t("colDateFormat")} : ${row.column}`}
              @change=${(e: Event) => this.change(row, { dateFormat: ((e.target as HTMLSelectElement).value || undefined) as DateFormat | undefined })}>
              <option value="">—</option>
              ${DATE_FORMATS.map((f) => html`<option ?selected=${f === row.dateFormat}>${f}</option>`)}
            </select>
          </td>
          <td>${row.variable && row.coded ? this.renderValues(row) : nothing}</td>
        </tr>`,
        )}
      </tbody>
    </table></div>`;
  }

  private renderValues(row: Row) {
    return html`<div class="values">
      ${Object.entries(row.values).map(
        ([value, code]) => html`<span>${value}</span>
          <input aria-label=${`${row.column} « ${value} »`} .value=${code}
            @change=${(e: Event) => this.change(row, { values: { ...row.values, [value]: (e.target as HTMLInputElement).value } })} />`,
      )}
    </div>`;
  }
}
