import { html, LitElement, nothing } from "lit";
import type { CodeList, CodeListItem } from "../../../schemas/catalogue/types";
import { listCodeLists, saveCodeList } from "../../api/catalogue";
import { formCancelEvent } from "../../events/rsu-form-cancel";
import { sessionExpiredEvent } from "../../../kit/events/rsu-session-expired";
import { LanguageController, pick, t } from "../../i18n";
import { sharedStyles } from "../../styles/shared.styles";
import { refusalOf } from "../../views/save-refusal";
import { labelsIn, languagePickerStyles, languagesOf, renderLanguagePicker } from "../../views/language-picker";
import { renderField, renderGroupError, renderSelect, type PointerMessages } from "../../views/pointer-fields";
import { codeListSavedEvent } from "./code-list-saved-event";
import styles from "./rsu-code-list-editor.styles";

const EMPTY: CodeList = { code: "", label: { fr: "" }, items: [] };

/**
 * @summary Creates or changes one code list: its labels in several languages, its parent list for
 * hierarchies (commune → prefecture → island), and its items in order (moved with Up/Down buttons that
 * keep the keyboard focus on the item moved). The server's refusals show next to their fields; a refusal
 * because published forms use a removed value names those forms.
 * @event rsu-code-list-saved - Saved.
 * @event rsu-form-cancel - Closed without saving.
 */
export default class RsuCodeListEditor extends LitElement {
  static override styles = [sharedStyles, languagePickerStyles, styles];
  static override properties = {
    list: { attribute: false },
    draft: { state: true },
    languages: { state: true },
    lists: { state: true },
    messages: { state: true },
    failure: { state: true },
    announcement: { state: true },
    busy: { state: true },
  };

  /** The list to change; undefined to create one. */
  list?: CodeList;
  /** The list as being written, kept in state: items move, appear and go before anything is saved. */
  draft: CodeList = EMPTY;
  languages: string[] = ["fr", "en"];
  /** Every list, for the parent list's choices and its items. */
  lists: CodeList[] = [];
  messages: PointerMessages = new Map();
  failure = "";
  /** Said to screen readers after an item moved. */
  announcement = "";
  busy = false;

  constructor() {
    super();
    new LanguageController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    listCodeLists().then(
      (lists) => (this.lists = lists),
      () => {},
    );
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has("list")) {
      this.draft = structuredClone(this.list ?? EMPTY);
      this.languages = this.list ? languagesOf(this.list.label, ...this.list.items.map((item) => item.label)) : ["fr", "en"];
      this.messages = new Map();
      this.failure = "";
    }
  }

  private setItem(index: number, change: Partial<CodeListItem>) {
    this.draft = { ...this.draft, items: this.draft.items.map((item, i) => (i === index ? { ...item, ...change } : item)) };
  }

  private async move(index: number, delta: -1 | 1) {
    const to = index + delta;
    const items = [...this.draft.items];
    [items[index], items[to]] = [items[to]!, items[index]!];
    this.draft = { ...this.draft, items };
    this.announcement = t("itemMoved", { value: items[to]!.code || "—", position: to + 1 });
    // The focus follows the item, on the same button while it can still move that way.
    await this.updateComplete;
    const row = this.renderRoot.querySelectorAll<HTMLElement>("ol.items > li")[to];
    const same = row?.querySelector<HTMLButtonElement>(delta < 0 ? "button.up" : "button.down");
    (same && !same.disabled ? same : row?.querySelector<HTMLButtonElement>(delta < 0 ? "button.down" : "button.up"))?.focus();
  }

  private async addItem() {
    this.draft = { ...this.draft, items: [...this.draft.items, { code: "", label: { fr: "" } }] };
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>(`[name="items/${this.draft.items.length - 1}/code"]`)?.focus();
  }

  /** What is sent: labels in the chosen languages only, parents only under a parent list. */
  private payload(): CodeList {
    const d = this.draft;
    const list: CodeList = {
      code: d.code.trim(),
      label: labelsIn(this.languages, (language) => d.label[language] ?? ""),
      ...(d.parentList ? { parentList: d.parentList } : {}),
      items: d.items.map((item) => ({
        code: item.code.trim(),
        label: labelsIn(this.languages, (language) => item.label[language] ?? ""),
        ...(d.parentList && item.parent ? { parent: item.parent } : {}),
      })),
    };
    return list;
  }

  private async handleSubmit(event: SubmitEvent) {
    event.preventDefault();
    this.busy = true;
    this.messages = new Map();
    this.failure = "";
    try {
      const saved = await saveCodeList(this.payload(), this.list?.code);
      this.dispatchEvent(codeListSavedEvent(saved, !this.list));
    } catch (error) {
      await this.handleFailure(error);
    } finally {
      this.busy = false;
    }
  }

  private async handleFailure(error: unknown) {
    const refusal = refusalOf(error, this.renderRoot, {
      hasErrors: t("codeListHasErrors"),
      inUseAdvice: (forms) => t("codeInUseAdvice", { forms }),
      // A duplicate code concerns the code; a value in use concerns the items.
      conflictField: (code) => (code === "code_in_use" ? "items" : "code"),
    });
    if (!refusal) return void this.dispatchEvent(sessionExpiredEvent());
    ({ messages: this.messages, failure: this.failure } = refusal);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  override render() {
    const d = this.draft;
    const m = this.messages;
    const parents = this.lists.filter((list) => list.code !== (this.list?.code ?? d.code));
    return html`<form class="panel" novalidate @submit=${this.handleSubmit}>
      <h3>${this.list ? t("editCodeListHeading", { code: this.list.code }) : t("createCodeListHeading")}</h3>
      ${this.failure ? html`<p class="status error" role="alert">${this.failure}</p>` : nothing}
      <div class="grid">
        ${renderField("code", t("colCode"), m, { value: d.code, hint: t("codeListCodeHint"), required: true, readonly: Boolean(this.list), onInput: (code) => (this.draft = { ...d, code }) })}
        ${renderSelect("parentList", t("parentListField"), m, [{ value: "", text: t("noCodeList") }, ...parents.map((list) => ({ value: list.code, text: `${pick({ en: "", ...list.label })} (${list.code})` }))], d.parentList ?? "", (parentList) => (this.draft = { ...this.draft, parentList: parentList || undefined }))}
      </div>
      ${renderLanguagePicker(this.languages, (languages) => (this.languages = languages))}
      <fieldset>
        <legend>${t("labelsLegend")}</legend>
        ${renderGroupError("label", m)}
        <div class="grid">
          ${this.languages.map((language) =>
            renderField(`label/${language}`, `${t("labelField")} (${language})`, m, {
              value: d.label[language] ?? "",
              required: language === "fr",
              onInput: (text) => (this.draft = { ...this.draft, label: { ...this.draft.label, [language]: text } }),
            }),
          )}
        </div>
      </fieldset>
      ${this.renderItems()}
      <p class="visually-hidden" role="status">${this.announcement}</p>
      <div class="actions">
        <button type="submit" ?disabled=${this.busy}>${this.busy ? t("saving") : this.list ? t("save") : t("createCodeList")}</button>
        <button type="button" class="secondary" @click=${() => this.dispatchEvent(formCancelEvent())}>${t("cancel")}</button>
      </div>
    </form>`;
  }

  private renderItems() {
    const items = this.draft.items;
    const parentList = this.lists.find((list) => list.code === this.draft.parentList);
    const parentChoices = parentList
      ? [
          { value: "", text: t("chooseParent") },
          ...parentList.items.map((item) => ({ value: item.code, text: `${pick({ en: "", ...item.label })} (${item.code})` })),
        ]
      : [];
    return html`<fieldset>
      <legend>${t("itemsLegend")}</legend>
      ${renderGroupError("items", this.messages)}
      <ol class="items">
        ${items.map((item, i) => {
          const position = { position: i + 1 };
          return html`<li role="group" aria-label=${t("itemPosition", position)}>
            <span class="position" aria-hidden="true">${i + 1}.</span>
            <div class="item-fields">
              ${renderField(`items/${i}/code`, t("itemValue"), this.messages, { value: item.code, required: true, onInput: (code) => this.setItem(i, { code }) })}
              ${this.languages.map((language) =>
                renderField(`items/${i}/label/${language}`, `${t("labelField")} (${language})`, this.messages, {
                  value: item.label[language] ?? "",
                  required: language === "fr",
                  onInput: (text) => this.setItem(i, { label: { ...this.draft.items[i]!.label, [language]: text } }),
                }),
              )}
              ${parentList ? renderSelect(`items/${i}/parent`, t("itemParent"), this.messages, parentChoices, item.parent ?? "", (parent) => this.setItem(i, { parent: parent || undefined })) : nothing}
            </div>
            <div class="item-actions">
              <button type="button" class="secondary small up" aria-label=${t("moveUpLabel", position)} title=${t("moveUp")} ?disabled=${i === 0} @click=${() => this.move(i, -1)}>↑</button>
              <button type="button" class="secondary small down" aria-label=${t("moveDownLabel", position)} title=${t("moveDown")} ?disabled=${i === items.length - 1} @click=${() => this.move(i, 1)}>↓</button>
              <button type="button" class="secondary small danger" aria-label=${t("removeItemLabel", position)} title=${t("removeItem")}
                @click=${() => (this.draft = { ...this.draft, items: this.draft.items.filter((_, j) => j !== i) })}>✕</button>
            </div>
          </li>`;
        })}
      </ol>
      <div class="actions"><button type="button" class="secondary" @click=${this.addItem}>${t("addItem")}</button></div>
    </fieldset>`;
  }
}
