import { html, nothing } from "lit";
import type { SignedInUser } from "../../api/session";
import { getLanguage, LANGUAGES, setLanguage, t, tCode, type Language } from "../../i18n";
import type { Section } from "./sections";

/** Each language named in itself, whatever the current one. */
const LANGUAGE_NAMES: Record<Language, string> = { fr: "Français", en: "English" };

/** The back office's title bar: who is signed in and as what, sign-out, language switch, then the tabs. */
export function renderHeader(user: SignedInUser | null | undefined, sections: Section[], current: string | undefined, onSignOut: () => void) {
  return html`<header>
    <div class="bar">
      <div>
        <h1>${t("appTitle")}</h1>
        <p class="subtitle">${t("appSubtitle")}</p>
      </div>
      <div class="tools">
        ${user
          ? html`<p class="user">
                <span class="name">${t("signedInAs", { name: user.displayName ?? user.username })}</span>
                <span class="roles">${t("userRoles", { roles: user.roles.map((role) => tCode("role_", role)).join(", ") })}</span>
              </p>
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
    ${user && sections.length
      ? html`<nav class="tabs" aria-label=${t("sectionsNav")}>
          <ul>
            ${sections.map(
              (section) => html`<li>
                <a href="#${section.id}" aria-current=${section.id === current ? "page" : "false"}>${t(section.title)}</a>
              </li>`,
            )}
          </ul>
        </nav>`
      : nothing}
  </header>`;
}
