import type { Locator, Page } from "playwright-core";
import { expect } from "vitest";

/** How the browser tests answer a SurveyJS questionnaire, as a clerk with a keyboard and a finger would. */

/** The element SurveyJS renders for the question named `name` (question name = catalogue variable code). */
export const question = (scope: Page | Locator, name: string) => scope.locator(`[data-name="${name}"]`);

/** SurveyJS keeps a text answer only when the input loses focus (STACK.md trap 9). */
export async function fillText(scope: Page | Locator, name: string, value: string) {
  await question(scope, name).locator("input").fill(value);
  await question(scope, name).locator("input").press("Tab");
}

/** Tab inside a date input only moves to its next part (day, month, year): leave the field instead. */
export async function fillDate(scope: Page | Locator, name: string, isoDate: string) {
  await question(scope, name).locator("input").fill(isoDate);
  await question(scope, name).locator("input").blur();
}

export async function chooseRadio(scope: Page | Locator, name: string, label: string) {
  await question(scope, name).getByText(label, { exact: true }).click();
}

/**
 * SurveyJS 2 draws its own drop-down, a combobox that filters its list as one types. Typing the label and
 * pressing Enter is how a clerk with a keyboard picks; clicking the popup instead is flaky: SurveyJS closes
 * it when the page scrolls, which Playwright does to reach the option.
 */
export async function chooseDropdown(page: Page, scope: Page | Locator, name: string, label: string) {
  const combobox = question(scope, name).getByRole("combobox");
  await combobox.focus();
  await combobox.pressSequentially(label);
  await page.getByRole("option", { name: label, exact: true }).waitFor();
  await combobox.press("Enter");
  await expect.poll(() => question(scope, name).locator(".sd-dropdown__value").textContent()).toContain(label);
  // Leave the list as a clerk does, closed and left: a click that follows while it still has the focus
  // (« Terminer ») was taken by SurveyJS as leaving the list, and the questionnaire was not completed.
  await page.getByRole("option", { name: label, exact: true }).waitFor({ state: "hidden" });
  await combobox.press("Tab");
}

export async function chooseBoolean(scope: Page | Locator, name: string, label: "Oui" | "Non") {
  await question(scope, name).getByText(label, { exact: true }).click();
}

export async function next(page: Page) {
  await page.getByRole("button", { name: "Suivant" }).click();
}
