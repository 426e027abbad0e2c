import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_FORM } from "../../api/db/seeders/demo/catalogue";
import { startTestServer } from "../helpers/app-server";
import {
  launchBrowser,
  saveNarrowScreenshot,
  saveScreenshot,
  seriousA11yViolations,
  type BrowserSession,
  waitUnlessAlert,
  signIn,
} from "../helpers/browser";
import { validHousehold } from "../helpers/demo-responses";

/**
 * A supervisor of Ngazidja (island 1) opens « Revue », examines a probable duplicate (the same household
 * declared again in another commune of the island, the head's names swapped: a doubt the pipeline leaves to
 * a human), decides « Même personne », then undoes the merge.
 */
const SUPERVISOR = { username: "superviseur", password: "superviseur-demo-2026" };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type Data = ReturnType<typeof validHousehold> & { members: Record<string, unknown>[] };

describe("a supervisor works the review queue", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let session: BrowserSession;
  /** The village of the household declared second, whose history shows the merge and its undoing. */
  let secondVillage = "";
  /** The village of the household declared first, integrated at once. */
  let firstVillage = "";
  /** Its head, as the registry names a household. */
  let firstHead = "";
  /** The head of the household declared second (names swapped), who moved into it on « Même personne ». */
  let secondHead = "";

  const submit = (data: Data): Promise<{ status: string; householdId: string | null }> =>
    server.context.submitAndDrain(data, { formId: DEMO_FORM.id });

  beforeAll(async () => {
    server = await startTestServer("browser_review_queue");
    session = await launchBrowser();
    let seed = 1;
    while (validHousehold(seed).island !== "1") seed++;
    const a = validHousehold(seed) as Data;
    for (const member of a.members) delete member.nin;
    expect((await submit(a)).status).toBe("integrated");
    firstVillage = String(a.village);
    firstHead = `${a.members[0]!.first_name} ${a.members[0]!.last_name}`;
    let other = seed + 1;
    while (validHousehold(other).island !== a.island || validHousehold(other).commune === a.commune) other++;
    const elsewhere = validHousehold(other);
    const b = { ...structuredClone(a), commune: elsewhere.commune, prefecture: elsewhere.prefecture, village: elsewhere.village } as Data;
    [b.members[0]!.first_name, b.members[0]!.last_name] = [a.members[0]!.last_name, a.members[0]!.first_name];
    expect((await submit(b)).status).toBe("needs_review");
    secondVillage = String(b.village);
    secondHead = `${b.members[0]!.first_name} ${b.members[0]!.last_name}`;
  });

  afterAll(async () => {
    await session?.close();
    await server?.stop();
  });

  it("decides « Même personne » on a duplicate, then undoes the merge", async () => {
    const { page } = session;
    try {
      await signIn(page, `${server.url}/designer/#revue`, SUPERVISOR);
      await waitUnlessAlert(page, page.getByRole("heading", { name: "File de revue" }));
      const row = page.getByRole("row").filter({ hasText: "Doublon de personne" }).first();
      await waitUnlessAlert(page, row);
      await saveScreenshot(page, "review-00-queue");

      await row.getByRole("button", { name: "Examiner" }).click();
      await waitUnlessAlert(page, page.getByRole("button", { name: "Même personne" }));
      await expect(page.locator("table.sides tr.differs").count()).resolves.toBeGreaterThan(0);
      await saveScreenshot(page, "review-01-duplicate-side-by-side");
      // Issue #21: the household a person lives in, by its head's name, its id on hover (the registered side here).
      const householdCell = page
        .locator("table.sides tr")
        .filter({ has: page.getByRole("rowheader", { name: "Ménage", exact: true }) })
        .locator("td span[title]")
        .last();
      await expect(householdCell.textContent()).resolves.toBe(firstHead);
      await expect(householdCell.getAttribute("title")).resolves.toMatch(UUID);

      await page.getByLabel("Commentaire (facultatif)").fill("Même chef de ménage, noms inversés.");
      await page.getByRole("button", { name: "Même personne" }).click();
      await waitUnlessAlert(page, page.getByRole("button", { name: "Annuler la fusion" }));
      await saveScreenshot(page, "review-02-merged");

      await page.getByRole("button", { name: "Annuler la fusion" }).click();
      await waitUnlessAlert(page, page.getByText("Fusion annulée"));
      await page.getByRole("button", { name: "Même personne" }).waitFor();
      await saveScreenshot(page, "review-03-undone");

      await page.getByRole("button", { name: "EN", exact: true }).click();
      await page.getByRole("button", { name: "Same person" }).waitFor();
      await saveScreenshot(page, "review-04-en");
      await page.getByRole("button", { name: "FR", exact: true }).click();

      // The household page tells the same story: created, the person moved in (one household each), undone, newest first.
      await page
        .getByRole("link", { name: "Registre" })
        .or(page.getByRole("tab", { name: "Registre" }))
        .first()
        .click();
      const household = page.getByRole("row").filter({ hasText: secondVillage }).getByRole("button").first();
      await waitUnlessAlert(page, household);
      await household.click();
      await waitUnlessAlert(page, page.getByRole("heading", { name: "Historique" }));
      const versions = page.getByRole("table", { name: "Historique" }).locator("tbody tr");
      await expect.poll(() => versions.count()).toBe(3);
      const actions = await versions.locator("td:nth-child(4)").allInnerTexts();
      expect(actions).toEqual(["Fusion annulée", "Déplacement de personne", "Création"]);
      // Issue #21: members are named by who they are, their whole id on hover: no place in the roster, no cut id.
      const named = versions.locator("ul.changes .person");
      await expect(named.first().getAttribute("title")).resolves.toMatch(UUID);
      await expect(named.allInnerTexts()).resolves.toContain(secondHead);
      const changeTexts = (await versions.locator("td:nth-child(6)").allInnerTexts()).join("\n");
      expect(changeTexts).not.toMatch(/Membre \d|Personne [0-9a-f]{8}\b/);
      // Issue #21: the submission and the review item by their day in French, the user by name; ids only on hover.
      const today = new Date().toLocaleDateString("fr-FR", { dateStyle: "medium" });
      const sources = await versions.locator("td:nth-child(5)").allInnerTexts();
      expect(sources[2]).toContain(`Questionnaire du ${today} · menage v1`);
      expect(sources[0]).toContain(`Révision du ${today}`);
      const sourceIds = versions.locator("td:nth-child(5) [title]");
      await expect(sourceIds.evaluateAll((cells) => cells.map((cell) => cell.getAttribute("title")))).resolves.toEqual(
        expect.arrayContaining([expect.stringMatching(UUID)]),
      );
      const who = await versions.locator("td:nth-child(3)").allInnerTexts();
      expect(who).not.toContain("");
      // No cut id left (answers in the changes may be 8-digit numbers: only the columns of references are read).
      expect([...who, ...sources].join("\n")).not.toMatch(/\b[0-9a-f]{8}\b/);
      await page.getByLabel("État au").fill(new Date().toISOString().slice(0, 10));
      await page.getByRole("button", { name: "Afficher", exact: true }).click();
      await waitUnlessAlert(page, page.getByRole("heading", { name: /^État au / }));
      await saveScreenshot(page, "history-00-household");
      expect(await saveNarrowScreenshot(page, "history-00b-household-360")).toBeLessThanOrEqual(360);

      // Issue #21: a supervisor who doubts a valid, integrated submission sends it back to its clerk too.
      await page.getByRole("button", { name: "Retour à la liste" }).click();
      await page.getByRole("row").filter({ hasText: firstVillage }).getByRole("button").first().click();
      await waitUnlessAlert(page, page.getByRole("heading", { name: "Historique" }));
      const created = versions.filter({ hasText: "Création" });
      await created.getByRole("button", { name: "Renvoyer à l'agent" }).click();
      await created.getByLabel("Commentaire pour l'agent").fill("Vérifiez l'âge du chef de ménage.");
      await created.getByRole("button", { name: "Renvoyer à l'agent" }).click();
      await waitUnlessAlert(page, page.getByRole("status").filter({ hasText: "Envoi renvoyé à l'agent." }));
      await saveScreenshot(page, "history-01-returned");
      const audit = await server.context.get("/api/audit?action=submission.return");
      expect(audit.body.items).toHaveLength(1);
      const returned = await server.context.get(`/api/submissions/${audit.body.items[0].entityId}`);
      expect(returned.body).toMatchObject({ status: "integrated", returnComment: "Vérifiez l'âge du chef de ménage." });
    } catch (error) {
      await saveScreenshot(page, "review-failure").catch(() => {});
      throw new Error(`${String(error)}\npage errors: ${session.pageErrors.join("\n") || "none"}`, { cause: error });
    }
  });

  it("shows why a registered person would move (issue #14): the other members of the household declared again", async () => {
    const { page } = session;
    try {
      await page.goto(`${server.url}/designer/#revue`);
      const row = page.getByRole("row").filter({ hasText: "Déplacement d'une personne inscrite" }).first();
      await waitUnlessAlert(page, row);
      await expect(row.textContent()).resolves.toContain("Une personne du registre inscrite dans un autre ménage");
      await row.getByRole("button", { name: "Examiner" }).click();
      await waitUnlessAlert(page, page.getByText(/est déjà membre d'un autre ménage : la déplacer dans celui-ci \?/));
      await expect(page.getByRole("heading", { name: "Motifs" }).count()).resolves.toBe(1);
      await saveScreenshot(page, "review-05-person-move");
      expect(await seriousA11yViolations(page)).toEqual([]);
    } catch (error) {
      await saveScreenshot(page, "review-move-failure").catch(() => {});
      throw new Error(`${String(error)}\npage errors: ${session.pageErrors.join("\n") || "none"}`, { cause: error });
    }
  });

  it("offers « Exploitation » (with the failed jobs) to an administrator, not to a supervisor", async () => {
    const { page } = session;
    try {
      await expect(page.getByRole("link", { name: "Exploitation" }).count()).resolves.toBe(0);
      await page.getByRole("button", { name: "Se déconnecter" }).click();
      await page.goto(`${server.url}/designer/#exploitation`);
      await page.getByLabel("Identifiant").fill("admin");
      await page.getByLabel("Mot de passe").fill("admin-demo-2026");
      await page.getByRole("button", { name: "Se connecter" }).click();
      await waitUnlessAlert(page, page.getByRole("heading", { name: "Tâches en échec" }));
      await waitUnlessAlert(page, page.getByText("Aucune tâche en échec."));
      await saveScreenshot(page, "jobs-00-failed-jobs-empty");
    } catch (error) {
      await saveScreenshot(page, "jobs-failure").catch(() => {});
      throw new Error(`${String(error)}\npage errors: ${session.pageErrors.join("\n") || "none"}`, { cause: error });
    }
  });
});
