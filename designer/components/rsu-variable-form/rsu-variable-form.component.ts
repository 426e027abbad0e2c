import { html, LitElement, nothing } from "lit";
import { SubScreenHelp } from "../../../kit/sub-screen-help";
import { SUB_SCREEN_TOPICS } from "../../help-topics";
import {
  CHOICE_TYPES,
  VARIABLE_TYPES,
  type CodeList,
  type Labels,
  type Variable,
  type VariableConstraints,
  type VariableType,
} from "../../../schemas/catalogue/types";
import { listCodeLists, listUnits, saveVariable } from "../../api/catalogue";
import { formCancelEvent } from "../../events/rsu-form-cancel";
import { variableSavedEvent } from "../../events/rsu-variable-saved";
import { sessionExpiredEvent } from "../../../kit/events/rsu-session-expired";
import { LanguageController, pick, t, tCode } from "../../i18n";
import { levelChoices } from "../../views/level-name";
import { sharedStyles } from "../../styles/shared.styles";
import { refusalOf } from "../../views/save-refusal";
import styles from "./rsu-variable-form.styles";
import { renderField, renderGroupError, renderSelect, type PointerMessages } from "../../views/pointer-fields";
import { labelsIn, languagePickerStyles, languagesOf, renderLanguagePicker } from "../../views/language-picker";
import { renderCodeListPreview } from "./code-list-preview-view";
import { knownThemesHint } from "../../views/theme-name";
import { themeList } from "../../../schemas/catalogue/themes";
import { variableSchema } from "../../../schemas/catalogue/catalogue.schema";

/** The level select's choice that opens the field for a new unit's code: no unit code starts with "+". */
const NEW_UNIT = "+new";
/** A unit's code, as the catalogue's JSON Schema says (schemas/catalogue/catalogue.schema.ts). */
const UNIT_CODE = new RegExp(variableSchema.properties.level.pattern);

/** The texts written in each of the variable's languages. */
const TEXTS = ["label", "description", "universe"] as const;
/** Which constraints each type may carry, in the order shown. */
const CONSTRAINTS: Partial<Record<VariableType, (keyof VariableConstraints)[]>> = {
  integer: ["min", "max"],
  decimal: ["min", "max", "decimals"],
  text: ["pattern", "maxLength"],
  phone: ["pattern", "maxLength"],
  national_id: ["pattern", "maxLength"],
  multiple_choice: ["maxSelected"],
};
const CONSTRAINT_LABELS = {
  min: "constraintMin",
  max: "constraintMax",
  decimals: "constraintDecimals",
  pattern: "constraintPattern",
  maxLength: "constraintMaxLength",
  maxSelected: "constraintMax",
} as const;

/**
 * @summary Creates or changes one catalogue variable; the server's refusals show next to their fields, and a
 * refusal because published forms use the variable names them and advises deprecating it instead.
 * @event rsu-variable-saved - Saved.
 * @event rsu-form-cancel - Closed without saving.
 */
export default class RsuVariableForm extends LitElement {
  static override styles = [sharedStyles, languagePickerStyles, styles];
  static override properties = {
    variable: { attribute: false },
    type: { state: true },
    languages: { state: true },
    codeList: { state: true },
    codeLists: { state: true },
    units: { state: true },
    level: { state: true },
    messages: { state: true },
    failure: { state: true },
    busy: { state: true },
  };

  /** The variable to change; undefined to create one. */
  variable?: Variable;
  type: VariableType = "text";
  /** The languages the labels, description and universe are written in; French always. */
  languages: string[] = ["fr", "en"];
  /** The code list chosen, whose items the form shows. */
  codeList = "";
  codeLists: CodeList[] = [];
  /** The catalogue's units of records (plots, livestock), offered as levels beside household and individual. */
  units: string[] = [];
  /** The level chosen, or NEW_UNIT while a new unit's code is typed. */
  level = "household";
  messages: PointerMessages = new Map();
  failure = "";
  busy = false;

  constructor() {
    super();
    new LanguageController(this);
    new SubScreenHelp(this, () => SUB_SCREEN_TOPICS.variableForm);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    listCodeLists().then(
      (lists) => (this.codeLists = lists),
      () => {},
    );
    listUnits().then(
      (units) => (this.units = units),
      () => {},
    );
  }

  override willUpdate(changed: Map<string, unknown>): void {
    // The same element may be handed another variable: start again from that one.
    if (changed.has("variable")) {
      this.type = this.variable?.type ?? "text";
      this.languages = this.variable ? languagesOf(this.variable.label, this.variable.description, this.variable.universe) : ["fr", "en"];
      this.codeList = this.variable?.codeList ?? "";
      this.level = this.variable?.level ?? "household";
      this.messages = new Map();
      this.failure = "";
    }
  }

  private read(form: HTMLFormElement): Variable {
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? "").trim();
    const number = (name: string) => (text(name) === "" ? undefined : Number(text(name)));
    const [label, description, universe] = TEXTS.map((name) => labelsIn(this.languages, (language) => text(`${name}/${language}`)));
    // An optional text left empty in every language is absent, not an empty French text.
    const optionalLabels = (labels: Labels) => (Object.values(labels).some(Boolean) ? labels : undefined);
    const constraints: VariableConstraints = {};
    for (const name of CONSTRAINTS[this.type] ?? []) {
      const value = name === "pattern" ? text("constraints/pattern") || undefined : number(`constraints/${name}`);
      if (value !== undefined) Object.assign(constraints, { [name]: value });
    }
    const optional = (name: string) => (text(name) ? text(name) : undefined);
    const variable = {
      code: text("code"),
      level: this.level === NEW_UNIT ? text("newUnit") : text("level"),
      type: this.type,
      label,
      description: optionalLabels(description!),
      universe: optionalLabels(universe!),
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
    this.messages = new Map();
    this.failure = "";
    // Checked here too, to say it next to the field in words rather than as the schema's pattern.
    if (this.level === NEW_UNIT && (!UNIT_CODE.test(variable.level) || variable.level.length > variableSchema.properties.level.maxLength)) {
      this.messages = new Map([["newUnit", [t("newUnitInvalid")]]]);
      this.failure = t("variableHasErrors");
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    this.busy = true;
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
    const refusal = refusalOf(error, this.renderRoot, {
      hasErrors: t("variableHasErrors"),
      inUseAdvice: (forms) => t("variableInUseAdvice", { forms }),
    });
    if (!refusal) return void this.dispatchEvent(sessionExpiredEvent());
    ({ messages: this.messages, failure: this.failure } = refusal);
    // The server names `/level`: while a new unit is typed, that is its field.
    const level = this.messages.get("level");
    if (this.level === NEW_UNIT && level)
      this.messages = new Map([...this.messages].filter(([key]) => key !== "level")).set("newUnit", level);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  override render() {
    const v = this.variable;
    const m = this.messages;
    const choices = (values: readonly string[], prefix: string) => values.map((value) => ({ value, text: tCode(prefix, value) }));
    const inLanguages = (name: (typeof TEXTS)[number], label: string, multiline = false) =>
      this.languages.map((language) =>
        renderField(`${name}/${language}`, `${label} (${language})`, m, {
          value: v?.[name]?.[language] ?? "",
          required: name === "label" && language === "fr",
          multiline,
        }),
      );
    return html`<form class="panel" novalidate @submit=${this.handleSubmit}>
      <h3>${v ? t("editVariableHeading", { code: v.code }) : t("createVariableHeading")}</h3>
      ${this.failure ? html`<p class="status error" role="alert">${this.failure}</p>` : nothing}
      <div class="grid">
        ${renderField("code", t("colCode"), m, { value: v?.code, hint: t("variableCodeHint"), required: true })}
        ${this.renderLevel()}
        ${renderSelect("type", t("colType"), m, choices(VARIABLE_TYPES, "type_"), this.type, (type) => (this.type = type as VariableType))}
      </div>
      ${renderLanguagePicker(this.languages, (languages) => (this.languages = languages))}
      <fieldset>
        <legend>${t("labelsLegend")}</legend>
        ${renderGroupError("label", m)}
        <div class="grid">${inLanguages("label", t("labelField"))}</div>
      </fieldset>
      <fieldset>
        <legend>${t("descriptionLegend")}</legend>
        ${renderGroupError("description", m)}
        <div class="grid">${inLanguages("description", t("descriptionField"), true)}</div>
      </fieldset>
      <fieldset>
        <legend>${t("universeLegend")}</legend>
        ${renderGroupError("universe", m)}
        <div class="grid">${inLanguages("universe", t("universeField"))}</div>
      </fieldset>
      <div class="grid">
        ${renderField("unit", t("unitField"), m, { value: v?.unit })}
        ${this.renderTheme()}
      </div>
      ${this.renderConstraints()}
      ${
        CHOICE_TYPES.includes(this.type)
          ? html`<div class="code-list-choice">
            ${renderSelect("codeList", t("codeListField"), m, [{ value: "", text: t("noCodeList") }, ...this.codeLists.map((list) => ({ value: list.code, text: `${pick({ en: "", ...list.label })} (${list.code})` }))], this.codeList, (code) => (this.codeList = code))}
            ${renderCodeListPreview(this.codeLists.find((list) => list.code === this.codeList))}
          </div>`
          : nothing
      }
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

  /**
   * Household, individual, each unit of records the catalogue knows (a variable's own included), and a new
   * unit, whose code is then typed in a field of its own.
   */
  private renderLevel() {
    const levels = [
      ...levelChoices([...this.units, ...(this.variable ? [this.variable.level] : [])]),
      { value: NEW_UNIT, text: t("levelNewUnit") },
    ];
    return html`${renderSelect("level", t("colLevel"), this.messages, levels, this.level, (level) => (this.level = level))}
      ${this.level === NEW_UNIT ? renderField("newUnit", t("newUnitField"), this.messages, { hint: t("newUnitHint"), required: true }) : nothing}`;
  }

  /** A select of the theme list's items, so no typed theme becomes a near-duplicate; free text for a catalogue without that list. */
  private renderTheme() {
    const v = this.variable;
    const themes = themeList({ codeLists: this.codeLists });
    if (!themes) return renderField("theme", t("colTheme"), this.messages, { value: v?.theme, hint: knownThemesHint() });
    const items = themes.items.map((item) => ({ value: item.code, text: pick({ en: "", ...item.label }) }));
    // A theme typed before the list existed stays offered, so opening the variable does not change it.
    const legacy = v?.theme && !items.some((item) => item.value === v.theme) ? [{ value: v.theme, text: v.theme }] : [];
    return renderSelect("theme", t("colTheme"), this.messages, [{ value: "", text: t("noTheme") }, ...items, ...legacy], v?.theme ?? "");
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
