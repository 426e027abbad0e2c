import { html, LitElement, nothing } from "lit";
import { CHOICE_TYPES, VARIABLE_TYPES, type CodeList, type Variable, type VariableConstraints, type VariableType } from "../../../schemas/catalogue/types";
import { listCodeLists, saveVariable, usedByOf } from "../../api/catalogue";
import { failureText } from "../../api/failure-text";
import { formCancelEvent } from "../../events/rsu-form-cancel";
import { variableSavedEvent } from "../../events/rsu-variable-saved";
import { ApiError } from "../../../runtime/shared/request";
import { sessionExpiredEvent } from "../../../runtime/shared/events/rsu-session-expired";
import { LanguageController, pick, t, tCode } from "../../i18n";
import { sharedStyles } from "../../styles/shared.styles";
import styles from "./rsu-variable-form.styles";
import { groupByPointer, renderField, renderGroupError, renderSelect, type PointerMessages } from "./variable-fields-view";

/** The label languages offered by default; any other tag goes in the free field. */
const LANGUAGES = ["fr", "en", "ar"] as const;
/** Which constraints each type may carry, in the order shown. */
const CONSTRAINTS: Partial<Record<VariableType, (keyof VariableConstraints)[]>> = {
  integer: ["min", "max"],
  decimal: ["min", "max", "decimals"],
  text: ["pattern", "maxLength"],
  phone: ["pattern", "maxLength"],
  national_id: ["pattern", "maxLength"],
  multiple_choice: ["maxSelected"],
};
const CONSTRAINT_LABELS = { min: "constraintMin", max: "constraintMax", decimals: "constraintDecimals", pattern: "constraintPattern", maxLength: "constraintMaxLength", maxSelected: "constraintMax" } as const;

/**
 * @summary Creates or changes one catalogue variable; the server's refusals show next to their fields, and a
 * refusal because published forms use the variable names them and advises deprecating it instead.
 * @event rsu-variable-saved - Saved.
 * @event rsu-form-cancel - Closed without saving.
 */
export default class RsuVariableForm extends LitElement {
  static override styles = [sharedStyles, styles];
  static override properties = {
    variable: { attribute: false },
    type: { state: true },
    codeLists: { state: true },
    messages: { state: true },
    failure: { state: true },
    busy: { state: true },
  };

  /** The variable to change; undefined to create one. */
  variable?: Variable;
  type: VariableType = "text";
  codeLists: CodeList[] = [];
  messages: PointerMessages = new Map();
  failure = "";
  busy = false;

  constructor() {
    super();
    new LanguageController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    listCodeLists().then((lists) => (this.codeLists = lists), () => {});
  }

  override willUpdate(changed: Map<string, unknown>): void {
    // The same element may be handed another variable: start again from that one.
    if (changed.has("variable")) {
      this.type = this.variable?.type ?? "text";
      this.messages = new Map();
      this.failure = "";
    }
  }

  private read(form: HTMLFormElement): Variable {
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? "").trim();
    const number = (name: string) => (text(name) === "" ? undefined : Number(text(name)));
    const label: Record<string, string> = {};
    for (const language of LANGUAGES) if (text(`label/${language}`) || language === "fr") label[language] = text(`label/${language}`);
    if (text("otherLanguage") && text("otherLabel")) label[text("otherLanguage")] = text("otherLabel");
    const constraints: VariableConstraints = {};
    for (const name of CONSTRAINTS[this.type] ?? []) {
      const value = name === "pattern" ? text("constraints/pattern") || undefined : number(`constraints/${name}`);
      if (value !== undefined) Object.assign(constraints, { [name]: value });
    }
    const optional = (name: string) => (text(name) ? text(name) : undefined);
    const variable = {
      code: text("code"),
      level: text("level"),
      type: this.type,
      label,
      description: optional("description/fr") && { fr: text("description/fr") },
      universe: optional("universe/fr") && { fr: text("universe/fr") },
      unit: optional("unit"),
      theme: optional("theme"),
      constraints: Object.keys(constraints).length ? constraints : undefined,
      codeList: CHOICE_TYPES.includes(this.type) ? optional("codeList") : undefined,
      sensitivity: optional("sensitivity"),
      status: optional("status"),
      notes: optional("notes"),
    };
    // Absent, not undefined: the schema refuses nothing it does not see.
    return JSON.parse(JSON.stringify(variable)) as Variable;
  }

  private async handleSubmit(event: SubmitEvent) {
    event.preventDefault();
    const variable = this.read(event.target as HTMLFormElement);
    this.busy = true;
    this.messages = new Map();
    this.failure = "";
    try {
      const saved = await saveVariable(variable, this.variable?.code);
      this.dispatchEvent(variableSavedEvent(saved, !this.variable));
    } catch (error) {
      await this.handleFailure(error);
    } finally {
      this.busy = false;
    }
  }

  private async handleFailure(error: unknown) {
    if (error instanceof ApiError && error.unauthenticated) return void this.dispatchEvent(sessionExpiredEvent());
    if (error instanceof ApiError && error.status === 409) {
      const forms = usedByOf(error.problem?.details).map((u) => t("formVersion", { formId: u.formId, version: u.version }));
      this.failure = [failureText(error), forms.length ? t("variableInUseAdvice", { forms: forms.join(", ") }) : ""].join(" ");
      return;
    }
    const fieldErrors = error instanceof ApiError ? error.fieldErrors : [];
    if (!fieldErrors.length) return void (this.failure = failureText(error));
    const shown = (key: string) => Boolean(this.renderRoot.querySelector(`[name="${key}"], [data-errors="${key}"]`));
    const { byField, other } = groupByPointer(fieldErrors, shown);
    this.messages = byField;
    this.failure = [t("variableHasErrors"), ...other].join(" ");
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  override render() {
    const v = this.variable;
    const m = this.messages;
    const choices = (values: readonly string[], prefix: string) => values.map((value) => ({ value, text: tCode(prefix, value) }));
    const extra = Object.entries(v?.label ?? {}).find(([language]) => !(LANGUAGES as readonly string[]).includes(language));
    return html`<form class="panel" novalidate @submit=${this.handleSubmit}>
      <h3>${v ? t("editVariableHeading", { code: v.code }) : t("createVariableHeading")}</h3>
      ${this.failure ? html`<p class="status error" role="alert">${this.failure}</p>` : nothing}
      <div class="grid">
        ${renderField("code", t("colCode"), m, { value: v?.code, hint: t("variableCodeHint"), required: true })}
        ${renderSelect("level", t("colLevel"), m, choices(["household", "individual"], "level_"), v?.level ?? "household")}
        ${renderSelect("type", t("colType"), m, choices(VARIABLE_TYPES, "type_"), this.type, (type) => (this.type = type as VariableType))}
      </div>
      <fieldset>
        <legend>${t("labelsLegend")}</legend>
        ${renderGroupError("label", m)}
        <div class="grid">
          ${LANGUAGES.map((language) => renderField(`label/${language}`, t("labelIn", { language }), m, { value: v?.label[language] ?? "", required: language === "fr" }))}
          ${renderField("otherLanguage", t("otherLanguageTag"), m, { value: extra?.[0] })}
          ${renderField("otherLabel", t("otherLanguageLabel"), m, { value: extra?.[1] })}
        </div>
      </fieldset>
      ${renderField("description/fr", t("descriptionField"), m, { value: v?.description?.fr, multiline: true })}
      ${renderField("universe/fr", t("universeField"), m, { value: v?.universe?.fr })}
      <div class="grid">
        ${renderField("unit", t("unitField"), m, { value: v?.unit })}
        ${renderField("theme", t("colTheme"), m, { value: v?.theme })}
      </div>
      ${this.renderConstraints()}
      ${CHOICE_TYPES.includes(this.type)
        ? renderSelect("codeList", t("codeListField"), m, [{ value: "", text: t("noCodeList") }, ...this.codeLists.map((list) => ({ value: list.code, text: `${pick({ en: "", ...list.label })} (${list.code})` }))], v?.codeList ?? "")
        : nothing}
      <div class="grid">
        ${renderSelect("sensitivity", t("colSensitivity"), m, choices(["public", "internal", "personal", "sensitive"], "sensitivity_"), v?.sensitivity ?? "internal")}
        ${renderSelect("status", t("colStatus"), m, choices(["draft", "active", "deprecated"], "status_"), v?.status ?? "draft")}
      </div>
      ${renderField("notes", t("notesField"), m, { value: v?.notes, multiline: true })}
      <div class="actions">
        <button type="submit" ?disabled=${this.busy}>${this.busy ? t("saving") : v ? t("save") : t("createVariable")}</button>
        <button type="button" class="secondary" @click=${() => this.dispatchEvent(formCancelEvent())}>${t("cancel")}</button>
      </div>
    </form>`;
  }

  private renderConstraints() {
    const names = CONSTRAINTS[this.type];
    if (!names) return nothing;
    const constraints = this.variable?.constraints ?? {};
    return html`<fieldset>
      <legend>${t("constraintsLegend")}</legend>
      ${renderGroupError("constraints", this.messages)}
      <div class="grid">
        ${names.map((name) => renderField(`constraints/${name}`, t(CONSTRAINT_LABELS[name]), this.messages, { value: constraints[name] === undefined ? "" : String(constraints[name]), type: name === "pattern" ? "text" : "number" }))}
      </div>
    </fieldset>`;
  }
}
