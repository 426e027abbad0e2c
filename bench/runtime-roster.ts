import { writeFileSync } from "node:fs";
import { launchChromium } from "../test/helpers/browser";
import { leaveDraft } from "../test/helpers/device-drafts";
import { validHousehold } from "../api/db/seeders/demo/household-answers";
import { MEMBERS_ROSTER } from "../schemas/contracts/registry";

/** How fast a clerk types: each key is handled apart, as on a tablet's keyboard. */
const KEY_DELAY_MS = 150;
const TYPED = "Mohamed";
/** The demo mask's members page (0-based). */
const MEMBERS_PAGE = 3;

export interface RosterFigures {
  members: number;
  cpuSlowdown: number;
  /** From « Reprendre » to the roster's last member shown. */
  openMs: number;
  keys: number;
  /** Wall time to type them, KEY_DELAY_MS between keys included: what the clerk waits. */
  typingMs: number;
  /** Keystrokes whose handling, up to the next paint, took 16 ms or more (Event Timing's threshold). */
  keysOver16Ms: number;
  /** The slowest keystroke and the 95th percentile, each the longest of its events (keydown, input, keyup). */
  slowestKeyMs: number;
  p95KeyMs: number;
  /**
   * The longest task from the first key to 3 s after the last: the text handed to SurveyJS after a pause
   * in typing and the draft written, which no keystroke waits for unless typed meanwhile.
   */
  longestTaskMs: number;
}

/**
 * A household of `members` people reopened from a draft, then a name typed in the last member's first
 * name, under Chromium's CPU slowdown (Emulation.setCPUThrottlingRate): each keystroke's duration from the
 * Event Timing API (the event's handling until the next paint), the bound being 50 ms (#18).
 */
export async function measureRoster(
  baseUrl: string,
  adminToken: string,
  members: number,
  cpuSlowdown: number,
  profilePath?: string,
): Promise<RosterFigures> {
  // A version of the demo questionnaire that allows the roster's size (the demo stops at 20).
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${baseUrl}${path}`, { ...init, headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" } });
  const { mask } = (await (await api("/api/forms/menage/draft")).json()) as { mask: { pages: { elements: Record<string, unknown>[] }[] } };
  const roster = mask.pages[MEMBERS_PAGE]!.elements.find((e) => e.name === MEMBERS_ROSTER)!;
  roster.maxPanelCount = Math.max(members, 20);
  if (!(await api("/api/forms/menage/draft", { method: "PUT", body: JSON.stringify(mask) })).ok) throw new Error("draft refused");
  const published = await api("/api/forms/menage/publish", { method: "POST", body: "{}" });
  if (!published.ok) throw new Error(`publish refused: ${published.status} ${await published.text()}`);

  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ locale: "fr-FR", viewport: { width: 1024, height: 768 } });
    await page.goto(`${baseUrl}/runtime/`);
    await page.getByLabel("Identifiant").fill("agent");
    await page.getByLabel("Mot de passe").fill("agent-demo-2026");
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page
      .getByRole("button", { name: /^Remplir le questionnaire/ })
      .first()
      .waitFor();

    const household = validHousehold(1) as Record<string, unknown> & { members: Record<string, unknown>[] };
    const people = Array.from({ length: members }, (_, i) => ({
      ...household.members[i % household.members.length],
      first_name: `Membre${i + 1}`,
    }));
    await leaveDraft(page, "menage", { data: { ...household, members: people }, pageNo: MEMBERS_PAGE });

    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: cpuSlowdown });
    await page.getByRole("button", { name: "Mes brouillons" }).click();
    const opening = performance.now();
    await page.getByRole("button", { name: /^Reprendre le brouillon/ }).click();
    const field = page.locator('[data-name="first_name"] input').last();
    await field.waitFor({ timeout: 120_000 });
    const openMs = performance.now() - opening;

    await page.evaluate(() => {
      const w = window as unknown as { keyTimings: { id: number; duration: number }[] };
      w.keyTimings = [];
      (w as unknown as { longTasks: number[] }).longTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) (w as unknown as { longTasks: number[] }).longTasks.push(entry.duration);
      }).observe({ type: "longtask" });
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as PerformanceEventTiming[]) {
          if (entry.interactionId && /^(key|input|beforeinput)/.test(entry.name))
            w.keyTimings.push({ id: entry.interactionId, duration: entry.duration });
        }
      }).observe({ type: "event", durationThreshold: 16 } as PerformanceObserverInit);
    });
    await field.click();
    // A CPU profile of the typing alone, for DevTools' Performance panel (--profile 1).
    if (profilePath) await cdp.send("Profiler.enable").then(() => cdp.send("Profiler.start"));
    const typing = performance.now();
    await field.pressSequentially(TYPED, { delay: KEY_DELAY_MS, timeout: 300_000 });
    const typingMs = performance.now() - typing;
    // Event Timing reports an event after its next paint; the pause in typing hands the text over.
    await page.waitForTimeout(3_000);
    if (profilePath) writeFileSync(profilePath, JSON.stringify((await cdp.send("Profiler.stop")).profile));
    const timings = await page.evaluate(() => (window as unknown as { keyTimings: { id: number; duration: number }[] }).keyTimings);
    const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
    const perKey = new Map<number, number>();
    for (const { id, duration } of timings) perKey.set(id, Math.max(perKey.get(id) ?? 0, duration));
    // Keys under the threshold count as 0 ms: a conservative p95 over every key typed.
    const durations = [...perKey.values(), ...Array<number>(Math.max(0, TYPED.length - perKey.size)).fill(0)].sort((a, b) => a - b);
    return {
      members,
      cpuSlowdown,
      openMs: Math.round(openMs),
      keys: TYPED.length,
      typingMs: Math.round(typingMs),
      keysOver16Ms: perKey.size,
      slowestKeyMs: Math.round(durations.at(-1) ?? 0),
      p95KeyMs: Math.round(durations[Math.floor(durations.length * 0.95)] ?? 0),
      longestTaskMs: Math.round(Math.max(0, ...longTasks)),
    };
  } finally {
    await browser.close();
  }
}
