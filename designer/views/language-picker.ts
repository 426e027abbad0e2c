import { css, html, nothing } from "lit";
import type { Labels } from "../../schemas/catalogue/types";
import { t, tCode } from "../i18n";

/**
 * Label languages offered by name: French (required), English, Arabic and the four Comorian languages
 * (ISO 639-3). Any other tag can be typed: the catalogue keys labels by free language tags.
 */
export const KNOWN_LANGUAGES = ["fr", "en", "ar", "zdj", "wni", "wlc", "swb"] as const;
const TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** "zdj — shingazidja …", or the bare tag when the language has no name here. */
export function languageName(tag: string): string {
  const name = tCode("language_", tag);
  return name === tag ? tag : `${tag} — ${name}`;
}

/** The languages some labels already use, French first, in the order known languages are offered. */
export function languagesOf(...labels: (Partial<Labels> | undefined)[]): string[] {
  const used = new Set<string>(["fr"]);
  for (const l of labels) for (const [tag, text] of Object.entries(l ?? {})) if (text) used.add(tag);
  const known = KNOWN_LANGUAGES.filter((tag) => used.has(tag));
  return [...known, ...[...used].filter((tag) => !(KNOWN_LANGUAGES as readonly string[]).includes(tag)).sort()];
}

/** The texts of some labels in the chosen languages; French kept even when empty so the server names it. */
export function labelsIn(languages: readonly string[], text: (language: string) => string): Labels {
  const labels: Record<string, string> = {};
  for (const language of languages) if (language === "fr" || text(language).trim()) labels[language] = text(language).trim();
  return labels as Labels;
}

/**
 * The languages a form's labels are written in: French stays; others are added from the list or as a typed
 * tag, and removed with their button (the texts typed in them are then dropped).
 */
export function renderLanguagePicker(languages: readonly string[], onChange: (languages: string[]) => void) {
  const add = (tag: string) => {
    const clean = tag.trim();
    if (TAG.test(clean) && !languages.includes(clean)) onChange([...languages, clean]);
  };
  const offered = KNOWN_LANGUAGES.filter((tag) => !languages.includes(tag));
  return html`<fieldset class="languages">
    <legend>${t("languagesLegend")}</legend>
    <ul class="chips">
      ${languages.map(
        (tag) => html`<li>
          <span>${languageName(tag)}</span>
          ${
            tag === "fr"
              ? nothing
              : html`<button type="button" class="secondary small" aria-label=${t("removeLanguageLabel", { language: languageName(tag) })}
                @click=${() => onChange(languages.filter((l) => l !== tag))}>✕</button>`
          }
        </li>`,
      )}
    </ul>
    <div class="add-language">
      ${
        offered.length
          ? html`<label>
            ${t("addLanguage")}
            <select @change=${(event: Event) => {
              const select = event.target as HTMLSelectElement;
              add(select.value);
              select.value = "";
            }}>
              <option value="">—</option>
              ${offered.map((tag) => html`<option value=${tag}>${languageName(tag)}</option>`)}
            </select>
          </label>`
          : nothing
      }
      <label>
        ${t("otherLanguage")}
        <input size="8" autocomplete="off" spellcheck="false"
          @keydown=${(event: KeyboardEvent) => {
            if (event.key === "Enter") {
              event.preventDefault();
              add((event.target as HTMLInputElement).value);
              (event.target as HTMLInputElement).value = "";
            }
          }}
          @change=${(event: Event) => {
            add((event.target as HTMLInputElement).value);
            (event.target as HTMLInputElement).value = "";
          }} />
      </label>
    </div>
  </fieldset>`;
}

export const languagePickerStyles = css`
  fieldset.languages ul.chips {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    list-style: none;
    margin: 0 0 0.5rem;
    padding: 0;
  }
  fieldset.languages ul.chips li {
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
    padding: 0.15rem 0.5rem;
    border: 1px solid var(--rsu-color-muted);
    border-radius: 999px;
  }
  .add-language {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: end;
  }
`;
