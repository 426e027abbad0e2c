import { css, html } from "lit";
import { getLanguage, offeredLanguages, setLanguage, translator, type Language } from "./i18n";
import * as messages from "./messages";

const { t } = translator(messages);

/** Each language named in itself, whatever the current one. */
const LANGUAGE_NAMES: Record<Language, string> = { fr: "Français", en: "English", ar: "العربية" };

/** The app's title over the registry's name, at the start of the title bar. */
export function renderTitle(title: string) {
  return html`<div>
    <h1>${title}</h1>
    <p class="subtitle">${t("appSubtitle")}</p>
  </div>`;
}

/** One button per language, the current one pressed. */
export function renderLanguageSwitch() {
  return html`<div class="languages" role="group" aria-label=${t("languageSwitch")}>
    ${offeredLanguages().map(
      (language) => html`<button
        class="on-primary"
        lang=${language}
        title=${LANGUAGE_NAMES[language]}
        aria-pressed=${language === getLanguage()}
        @click=${() => setLanguage(language)}
      >
        ${language.toUpperCase()}
      </button>`,
    )}
  </div>`;
}

/** The title bar both apps share: primary colour, title, tools on the right, buttons drawn on it. */
export const headerStyles = css`
  header {
    background: var(--rsu-color-primary);
    color: var(--rsu-color-on-primary);
  }
  /* Each app sets the bar's width and padding. */
  .bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.75rem;
  }
  h1 {
    font-size: 1.375rem;
    margin: 0;
  }
  .subtitle {
    margin: 0.125rem 0 0;
    opacity: 0.9;
    font-size: 0.9375rem;
  }
  .tools {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
  }
  .languages {
    display: flex;
    gap: 0.25rem;
  }
  button.on-primary,
  a.on-primary {
    min-height: var(--rsu-target-size);
    min-width: var(--rsu-target-size);
    padding: 0 0.875rem;
    font: inherit;
    font-weight: 600;
    border-radius: 6px;
    border: 2px solid var(--rsu-color-on-primary);
    background: transparent;
    color: var(--rsu-color-on-primary);
    cursor: pointer;
  }
  button.on-primary[aria-pressed="true"] {
    background: var(--rsu-color-on-primary);
    color: var(--rsu-color-primary);
  }
  a.on-primary {
    display: inline-flex;
    align-items: center;
    box-sizing: border-box;
    text-decoration: none;
  }
  button.on-primary:focus-visible,
  a.on-primary:focus-visible {
    outline: 3px solid var(--rsu-color-on-primary);
    outline-offset: 2px;
  }
`;
