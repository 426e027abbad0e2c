import { html, nothing } from "lit";
import type { SignedInUser } from "../../../kit/session";
import { renderLanguageSwitch, renderTitle } from "../../../kit/header-view";
import { renderHelpLink } from "../../../kit/help-link";
import { openSubScreenTopic } from "../../../kit/sub-screen-help";
import { GUIDE_HOME, HELP_TOPICS } from "../../help-topics";
import { t, tCode } from "../../i18n";
import type { Section } from "./sections";

/** The back office's title bar: who is signed in and as what, sign-out, the help of the tab or of its open sub-screen, language switch, then the tabs. */
export function renderHeader(
  user: SignedInUser | null | undefined,
  sections: Section[],
  current: Section["id"] | undefined,
  onSignOut: () => void,
) {
  return html`<header>
    <div class="bar">
      ${renderTitle(t("appTitle"))}
      <div class="tools">
        ${
          user
            ? html`<p class="user">
                <span class="name">${t("signedInAs", { name: user.displayName ?? user.username })}</span>
                <span class="roles">${t("userRoles", { roles: user.roles.map((role) => tCode("role_", role)).join(", ") })}</span>
              </p>
              <button class="on-primary" @click=${onSignOut}>${t("signOut")}</button>`
            : nothing
        }
        ${renderHelpLink(user && current ? (openSubScreenTopic() ?? HELP_TOPICS[current]) : GUIDE_HOME)} ${renderLanguageSwitch()}
      </div>
    </div>
    ${
      user && sections.length
        ? html`<nav class="tabs" aria-label=${t("sectionsNav")}>
          <ul>
            ${sections.map(
              (section) => html`<li>
                <a href="#${section.id}" aria-current=${section.id === current ? "page" : "false"}>${t(section.title)}</a>
              </li>`,
            )}
          </ul>
        </nav>`
        : nothing
    }
  </header>`;
}
