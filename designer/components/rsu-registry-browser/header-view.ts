import { html, nothing } from "lit";
import { getLanguage, LANGUAGES, setLanguage, t, type Language } from "../../i18n";
import type { SignedInUser } from "../rsu-designer-sign-in/sign-in-api";

/** Each language named in itself, whatever the current one. */
const LANGUAGE_NAMES: Record<Language, string> = { fr: "Français", en: "English" };

/** The back office's title bar: who is signed in, sign-out, language switch. */
export function renderHeader(user: SignedInUser | null | undefined, onSignOut: () => void) {
  return html`<header>
    <div class="bar">
      <div>
        <h1>${t("appTitle")}</h1>
        <p class="subtitle">${t("appSubtitle")}</p>
      </div>
      <div class="tools">
        ${user
          ? html`<span>${t("signedInAs", { name: user.displayName ?? user.username })}</span>
              <button class="on-primary" @click=${onSignOut}>${t("signOut")}</button>`
          : nothing}
        <div class="languages" role="group" aria-label=${t("languageSwitch")}>
          ${LANGUAGES.map(
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
        </div>
      </div>
    </div>
  </header>`;
}
