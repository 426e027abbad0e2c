import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_FORM } from "../../api/db/seeders/demo/catalogue";
import type { PublishedFormSummary } from "../../schemas/contracts/api";
import type { RunningWorkers } from "../../workers/start-workers";
import { checkScreen, launchBrowser, saveScreenshot, signIn, type BrowserSession, waitUnlessAlert } from "../helpers/browser";
import { validHousehold } from "../helpers/demo-responses";
import { queueInOutbox } from "../helpers/outbox";
import { createTestContext, type TestContext } from "../helpers/test-context";

/**
 * The runtime's screens with something in them (#18): « Mes brouillons » with an outbox item in each of its
 * six states, each reached through the real server (accepted, integrated, a probable duplicate, refused
 * answers, an unknown form version, a link that is down), « Mes envois », and a questionnaire the server
 * refuses on « Terminer » with its reason. Each one is looked at (screenshot) and passes axe-core.
 */
const CLERK = { username: "agent", password: "agent-demo-2026" };
/** What the questionnaire says once the server accepted it. */
const ACCEPTED = "Questionnaire reçu. Intégration au registre en cours…";
/** The demo mask's pages: a draft saved on the last one reopens on « Terminer ». */
const LAST_PAGE = 3;

type Household = Record<string, unknown> & { members: Record<string, unknown>[] };

/** validHousehold(seed) moved into the clerk's prefecture (101), where the clerk may register it. */
function inClerkArea(seed: number): Household {
  const area = validHousehold(1);
  const household = validHousehold(seed) as Household;
  return { ...household, island: area.island, prefecture: area.prefecture, commune: area.commune, village: area.village };
}

describe("the runtime's lists and refusals", () => {
  let context: TestContext;
  let url: string;
  let workers: RunningWorkers;
  let session: BrowserSession;
  let page: Page;
  let userId: string;
  let form: PublishedFormSummary;

  beforeAll(async () => {
    // Workers are started here and stopped in the test, so that one submission stays « Envoyé ».
    context = await createTestContext("browser_runtime_screens");
    workers = context.startWorkers();
    url = (await context.listen()).url;
    session = await launchBrowser();
    page = session.page;
  });

  afterAll(async () => {
    await session?.close();
    await context?.close();
  });

  /** Puts items in the clerk's outbox as « Terminer » does: pending, with their own submission id. */
  async function queue(items: { data: Record<string, unknown>; version?: number }[]) {
    const queuedAt = new Date().toISOString();
    await queueInOutbox(
      page,
      items.map(({ data, version }) => ({ userId, form: { ...form, version: version ?? form.version }, data, queuedAt })),
    );
  }

  const outboxState = (label: string) => page.locator("rsu-outbox").getByText(label, { exact: true });

  async function openDrafts() {
    // Leaving and coming back reads the device's store afresh.
    await page.getByRole("button", { name: "Questionnaires", exact: true }).click();
    await page.getByRole("button", { name: "Mes brouillons" }).click();
  }

  it("shows the outbox with an item in every state, « Mes envois », and a questionnaire refused with its reason", async () => {
    try {
      await signIn(page, `${url}/runtime/`, CLERK);
      await waitUnlessAlert(page, page.getByRole("heading", { name: "Questionnaires publiés" }), 30_000);
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
      await page.waitForFunction(async () => (await (await caches.open("rsu-form-versions")).keys()).length > 0);
      userId = await page.evaluate(() => (JSON.parse(localStorage.getItem("rsu.runtime.user") ?? "{}") as { id: string }).id);
      const forms = (await context.send("GET", "/api/forms", undefined, "agent")).body as PublishedFormSummary[];
      form = forms.find((f) => f.id === DEMO_FORM.id)!;

      // A household already in the registry, and the same one again with the head's first name misspelt.
      const existing = inClerkArea(310);
      existing.members = existing.members.slice(0, 5);
      expect((await context.submitAndDrain(existing, {}, "agent")).status).toBe("integrated");
      const duplicate = structuredClone(existing);
      duplicate.members[0]!.first_name = `${String(existing.members[0]!.first_name)}e`;

      await queue([
        { data: inClerkArea(2) },
        { data: duplicate },
        // Refused on arrival for its answers (422): « À corriger », with the count of errors.
        { data: { ...inClerkArea(3), interview_date: "hier" } },
        // A version the registry never published (404): « Rejeté », with the server's reason.
        { data: inClerkArea(4), version: 99 },
      ]);
      await page.reload();
      await waitUnlessAlert(page, page.getByRole("heading", { name: "Questionnaires publiés" }), 30_000);
      await page.getByRole("button", { name: "Mes brouillons" }).click();
      for (const label of ["Intégré", "À vérifier", "À corriger", "Rejeté"]) {
        await outboxState(label).waitFor({ timeout: 60_000 });
      }

      // No worker any more: the next one is accepted and stays « Envoyé ».
      await workers.close();
      await queue([{ data: inClerkArea(5) }]);
      await page.reload();
      await waitUnlessAlert(page, page.getByRole("heading", { name: "Questionnaires publiés" }), 30_000);
      await page.getByRole("button", { name: "Mes brouillons" }).click();
      await outboxState("Envoyé").waitFor({ timeout: 30_000 });

      await page.getByRole("button", { name: "Mes envois" }).click();
      const rows = page.locator("rsu-my-submissions tbody tr");
      await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(4);
      const texts = await rows.allInnerTexts();
      for (const stage of ["Intégré", "À vérifier"]) expect(texts.filter((t) => t.includes(stage)).length).toBeGreaterThan(0);
      expect(await checkScreen(page, "screens-01-my-submissions")).toEqual([]);

      // The link drops: the last one waits on the device.
      await page.context().setOffline(true);
      await queue([{ data: inClerkArea(6) }]);
      await openDrafts();
      await page.getByRole("status").filter({ hasText: "1 en attente, 6 en tout" }).waitFor();
      for (const label of ["En attente", "Envoyé", "Intégré", "À vérifier", "À corriger", "Rejeté"]) {
        expect(await outboxState(label).count(), label).toBe(1);
      }
      const rejected = page.locator("rsu-outbox tbody tr").filter({ has: page.getByText("Rejeté", { exact: true }) });
      expect(await rejected.innerText()).toContain(`Le questionnaire « ${DEMO_FORM.id} » n'a pas de version publiée 99.`);
      const toCorrect = page.locator("rsu-outbox tbody tr").filter({ has: page.getByText("À corriger", { exact: true }) });
      expect(await toCorrect.innerText()).toContain("1 réponse(s) à corriger");
      expect(await checkScreen(page, "screens-02-outbox-every-state")).toEqual([]);
      await page.context().setOffline(false);

      // « Corriger » on the rejected one: its answers reopen on the version the list offers now (version 99
      // never existed), so « Terminer » is accepted (the workers are stopped: it stays « Envoyé »).
      await rejected.getByRole("button", { name: /^Corriger le questionnaire/ }).click();
      await page.getByRole("button", { name: "Suivant" }).waitFor();
      expect(await checkScreen(page, "screens-02b-rejected-reopened")).toEqual([]);
      for (let next = 0; next < LAST_PAGE; next++) await page.getByRole("button", { name: "Suivant" }).click();
      await page.getByRole("button", { name: "Terminer" }).click();
      await page.locator("rsu-form-entry").getByRole("status").filter({ hasText: ACCEPTED }).waitFor({ timeout: 60_000 });
      await page.getByRole("button", { name: /Retour à la liste/ }).click();

      // A questionnaire completed on the device, whose version is retired before « Terminer ».
      await page.evaluate(
        async ({ form, userId, data, pageNo }) => {
          const db = await new Promise<IDBDatabase>((resolve, reject) => {
            const open = indexedDB.open("rsu-runtime");
            open.onsuccess = () => resolve(open.result);
            open.onerror = () => reject(open.error);
          });
          const tx = db.transaction("drafts", "readwrite");
          tx.objectStore("drafts").put({ id: crypto.randomUUID(), userId, form, data, pageNo, updatedAt: new Date().toISOString() });
          await new Promise((resolve, reject) => {
            tx.oncomplete = resolve;
            tx.onerror = () => reject(tx.error);
          });
          db.close();
        },
        { form, userId, data: inClerkArea(7), pageNo: LAST_PAGE },
      );
      await openDrafts();
      await page.getByRole("button", { name: /^Reprendre le brouillon/ }).click();
      await page.getByRole("button", { name: "Terminer" }).waitFor();
      const retired = await context.send("POST", `/api/forms/${DEMO_FORM.id}/versions/${form.version}/retire`, { reason: "Remplacée" });
      expect(retired.status).toBe(200);
      await page.getByRole("button", { name: "Terminer" }).click();
      const refusal = page.locator("rsu-form-entry").getByRole("alert");
      await refusal.waitFor({ timeout: 30_000 });
      expect(await refusal.innerText()).toContain(`La version ${form.version} du questionnaire « ${DEMO_FORM.id} » est retirée`);
      expect(await checkScreen(page, "screens-03-refused-retired-version")).toEqual([]);
    } catch (error) {
      await saveScreenshot(page, "screens-failure").catch(() => {});
      throw new Error(`${String(error)}\npage errors: ${session.pageErrors.join("\n") || "none"}`, { cause: error });
    }
  }, 180_000);
});
