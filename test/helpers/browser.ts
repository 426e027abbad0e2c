import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser, type Locator, type Page } from "playwright-core";

/** Debian's Chromium: tests never download a browser (STACK.md). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Gitignored; CI may keep it as an artifact. */
export const SCREENSHOT_DIR = fileURLToPath(new URL("../../test-results/browser/", import.meta.url));

/**
 * STACK.md trap 12: running as root on a closed network. `headless: true` adds `--headless`, and
 * `launch()` gives each browser a fresh temporary profile (`--user-data-dir`) that it removes on close.
 */
const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface BrowserSession {
  browser: Browser;
  page: Page;
  /** Errors the page logged, exceptions it threw and HTTP errors it met, to check and to print when a test fails. */
  pageErrors: string[];
  close(): Promise<void>;
}

/** Debian's headless Chromium with the flags this machine needs; the benches launch it too. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: FLAGS });
}

/** A tablet-sized French page, since clerks work in French on tablets and modest laptops. */
export async function launchBrowser({ locale = "fr-FR", width = 1024, height = 900 } = {}): Promise<BrowserSession> {
  const browser = await launchChromium();
  const context = await browser.newContext({ locale, viewport: { width, height } });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(`exception: ${error.message}`));
  page.on("response", (response) => {
    if (response.status() >= 400) pageErrors.push(`http ${response.status()}: ${response.url()}`);
  });
  page.on("console", (message) => {
    // Chromium logs each HTTP error as "Failed to load resource" without its address: the response
    // listener above records those, with the address.
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
      pageErrors.push(`console: ${message.text()}`);
    }
  });
  return { browser, page, pageErrors, close: () => browser.close() };
}

/** Saves a full-page screenshot as test-results/browser/<name>.png and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = `${SCREENSHOT_DIR}${name}.png`;
  // SurveyJS animates panels and pop-ups: a picture taken mid-transition shows ghosts.
  await page.screenshot({ path, fullPage: true, animations: "disabled" });
  return path;
}

/**
 * A screenshot at 360 px wide, a small phone (#21), and how wide the page then is: more than 360 means it
 * scrolls sideways or something is cut. The viewport is put back as it was.
 */
export async function saveNarrowScreenshot(page: Page, name: string): Promise<number> {
  const previous = page.viewportSize();
  await page.setViewportSize({ width: 360, height: 740 });
  try {
    await saveScreenshot(page, name);
    return await page.evaluate(() => document.documentElement.scrollWidth);
  } finally {
    if (previous) await page.setViewportSize(previous);
  }
}

/**
 * Waits for `done`; fails at once with the page's own words if an alert shows up instead, rather than
 * after a timeout that says nothing. `alert` narrows what counts (Creator has alerts of its own).
 */
export async function waitUnlessAlert(page: Page, done: Locator, timeout = 15_000, alert: Locator = page.getByRole("alert")) {
  await done.or(alert).first().waitFor({ timeout });
  if (await alert.first().isVisible()) throw new Error(`the page says: ${await alert.first().textContent()}`);
}

/** Signs in on the page at `url` (runtime or back office) with the demo account's user name and password. */
export async function signIn(page: Page, url: string, account: { username: string; password: string }) {
  await page.goto(url);
  await page.getByLabel("Identifiant").fill(account.username);
  await page.getByLabel("Mot de passe").fill(account.password);
  await page.getByRole("button", { name: "Se connecter" }).click();
}

/** The text of the element that has the focus, through the shadow roots it sits in. */
export function focusedElementText(page: Page): Promise<string | undefined> {
  return page.evaluate(() => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    return element?.textContent?.trim();
  });
}

/** axe-core's serious and critical findings on the page as it is now, one line each: expect `[]`. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** A screen as the tests keep it: its picture saved to look at, and axe-core's serious and critical findings (expect `[]`). */
export async function checkScreen(page: Page, name: string): Promise<string[]> {
  await saveScreenshot(page, name);
  return seriousA11yViolations(page);
}
