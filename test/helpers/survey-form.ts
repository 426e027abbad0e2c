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
/** `leave: false` keeps the focus in the list, as a clerk who clicks « Terminer » right after choosing (#18). */
export async function chooseDropdown(page: Page, scope: Page | Locator, name: string, label: string, { leave = true } = {}) {
  const combobox = question(scope, name).getByRole("combobox");
  await combobox.focus();
  await combobox.pressSequentially(label);
  await page.getByRole("option", { name: label, exact: true }).waitFor();
  await combobox.press("Enter");
  if (!leave) return;
  await expect.poll(() => question(scope, name).locator(".sd-dropdown__value").textContent()).toContain(label);
  await page.getByRole("option", { name: label, exact: true }).waitFor({ state: "hidden" });
  await combobox.press("Tab");
}

export async function chooseBoolean(scope: Page | Locator, name: string, label: "Oui" | "Non") {
  await question(scope, name).getByText(label, { exact: true }).click();
}

export async function next(page: Page) {
  await page.getByRole("button", { name: "Suivant" }).click();
}

/** Presses Tab until the focus is inside `target`: the keyboard alone reaches it (#18). */
export async function tabInto(page: Page, target: Locator, limit = 60) {
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press("Tab");
    const reached = await target.evaluate((element) => {
      // The focused element itself, inside the shadow roots of the app's components.
      let focused = document.activeElement;
      while (focused?.shadowRoot?.activeElement) focused = focused.shadowRoot.activeElement;
      return element.contains(focused);
    });
    if (reached) return;
  }
  throw new Error(`${limit} presses of Tab never reached ${target}`);
}

/** One answer given with the keyboard: how, to which question, what. */
export type KeyboardAnswer = ["text" | "date" | "radio" | "dropdown", string, string] | ["boolean", string, boolean];

/** A clerk without a mouse: Tab to each question, then the keys that answer it. */
export const byKeyboard = {
  async text(page: Page, scope: Page | Locator, name: string, value: string) {
    await tabInto(page, question(scope, name));
    await page.keyboard.type(value);
  },
  /** A date typed in the order the French date field shows: day, month, year. */
  async date(page: Page, scope: Page | Locator, name: string, isoDate: string) {
    const [year, month, day] = isoDate.split("-");
    await tabInto(page, question(scope, name));
    await page.keyboard.type(`${day}${month}${year}`);
  },
  /** Tab lands on the first choice; Space takes it, each ArrowDown takes the next one. */
  async radio(page: Page, scope: Page | Locator, name: string, label: string) {
    const labels = await question(scope, name)
      .getByRole("radio")
      .evaluateAll((inputs) => inputs.map((input) => input.closest("label")?.textContent?.trim()));
    const index = labels.indexOf(label);
    if (index < 0) throw new Error(`${name} offers no « ${label} »: ${labels.join(", ")}`);
    await tabInto(page, question(scope, name));
    if (index === 0) await page.keyboard.press("Space");
    for (let step = 0; step < index; step++) await page.keyboard.press("ArrowDown");
    await expect.poll(() => question(scope, name).getByRole("radio", { name: label, exact: true }).isChecked()).toBe(true);
  },
  async dropdown(page: Page, scope: Page | Locator, name: string, label: string) {
    await tabInto(page, question(scope, name));
    await page.keyboard.type(label);
    await page.getByRole("option", { name: label, exact: true }).waitFor();
    await page.keyboard.press("Enter");
    await expect.poll(() => question(scope, name).locator(".sd-dropdown__value").textContent()).toContain(label);
  },
  /** SurveyJS's switch: ArrowLeft says « Non », ArrowRight « Oui » (left to right). */
  async boolean(page: Page, scope: Page | Locator, name: string, value: boolean) {
    await tabInto(page, question(scope, name));
    await page.keyboard.press(value ? "ArrowRight" : "ArrowLeft");
  },
  async answer(page: Page, scope: Page | Locator, [kind, name, value]: KeyboardAnswer) {
    if (kind === "boolean") await byKeyboard.boolean(page, scope, name, value);
    else await byKeyboard[kind](page, scope, name, value);
  },
  async press(page: Page, button: Locator) {
    await tabInto(page, button);
    await page.keyboard.press("Enter");
  },
};
