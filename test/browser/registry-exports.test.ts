import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import JSZip from "jszip";
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { island } from "../../api/db/seeders/demo/admin-areas";
import { validHousehold } from "../helpers/demo-responses";
import { startTestServer } from "../helpers/app-server";
import {
  launchBrowser,
  saveNarrowScreenshot,
  saveScreenshot,
  seriousA11yViolations,
  signIn,
  waitUnlessAlert,
  type BrowserSession,
} from "../helpers/browser";

const run = promisify(execFile);

/**
 * An analyst exports the registry as of a date to Stata from the back office (issue #17): asks, sees the
 * progress end, downloads the zip, and ReadStat opens the file with its labels. The catalogue screen offers
 * the catalogue's documents and, to an administrator, creating a release. Both screens pass axe-core.
 */
describe("registry exports in the back office", () => {
  // The sign-in page asks who is there first: its 401 is expected, not an error.
  const unexpectedErrors = () => session.pageErrors.filter((e) => !/^http 401: .*\/api\/auth\/me$/.test(e));
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let session: BrowserSession;
  let dir: string;

  beforeAll(async () => {
    server = await startTestServer("browser_exports");
    for (const seed of [1, 2, 3]) expect((await server.context.submitAndDrain(validHousehold(seed))).status).toBe("integrated");
    session = await launchBrowser();
    dir = await mkdtemp(join(tmpdir(), "rsu-export-download-"));
  });

  afterAll(async () => {
    await session?.close();
    await server?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("an analyst exports the registry as of today to Stata and opens it with its labels", async () => {
    const { page } = session;
    await signIn(page, `${server.url}/designer/`, { username: "analyste", password: "analyste-demo-2026" });
    await page.getByRole("navigation", { name: "Sections du back-office" }).getByRole("link", { name: "Exports" }).click();
    await waitUnlessAlert(page, page.getByRole("heading", { name: "Exports du registre" }));
    // #21: the form reflows at 360 px, nothing cut, no sideways scroll of the page.
    expect(await saveNarrowScreenshot(page, "exports-02-form-360")).toBeLessThanOrEqual(360);
    await page.getByLabel("Format").selectOption({ label: "Stata (.dta)" });
    const today = new Date().toISOString().slice(0, 10);
    await page.getByLabel("État du registre au (vide : maintenant)").fill(today);
    await page.getByRole("button", { name: "Demander l'export" }).click();
    const download = page.getByRole("link", { name: "Télécharger" });
    await waitUnlessAlert(page, download);
    await expect(page.locator("rsu-exports tbody tr").first().innerText()).resolves.toMatch(/Stata \(\.dta\).*Prêt.*3 \/ \d+/s);
    await saveScreenshot(page, "exports-00-ready");
    expect(await seriousA11yViolations(page)).toEqual([]);

    const [file] = await Promise.all([page.waitForEvent("download"), download.click()]);
    const zipPath = join(dir, file.suggestedFilename());
    await file.saveAs(zipPath);
    expect(file.suggestedFilename()).toMatch(new RegExp(`^registre-${today}-dta-[0-9a-f]{8}\\.zip$`));
    const zip = await JSZip.loadAsync(await readFile(zipPath));
    const dta = join(dir, "households.dta");
    const { writeFile } = await import("node:fs/promises");
    await writeFile(dta, await zip.file("households.dta")!.async("nodebuffer"));
    const { stdout } = await run("readstat", [dta]);
    expect(stdout).toMatch(/Rows: 3/);
    await run("extract_metadata", [dta, join(dir, "meta.json")]);
    const meta = JSON.parse(await readFile(join(dir, "meta.json"), "utf8"));
    expect(meta.variables.find((v: { name: string }) => v.name === "island")).toMatchObject({
      label: "Île",
      categories: island.items.map((item) => ({ code: Number(item.code), label: item.label.fr })),
    });
    // An analyst without grants gets no names.
    expect(meta.variables.map((v: { name: string }) => v.name)).not.toContain("head_name");
    expect(unexpectedErrors()).toEqual([]);
  });

  it("the catalogue screen offers its documents, and an administrator creates a release", async () => {
    const { page } = session;
    await page.goto(`${server.url}/designer/#catalogue`);
    await waitUnlessAlert(page, page.getByRole("heading", { name: "Documents du catalogue" }));
    const links = page.locator("rsu-catalogue-exports a");
    await expect
      .poll(() => links.allTextContents())
      .toEqual(["Cahier des charges (HTML)", "Classeur XLSX", "CSV des variables", "CSV des listes de codes", "DDI Codebook (XML)"]);
    for (const href of await links.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href))) {
      expect((await page.request.get(href)).status(), href).toBe(200);
    }
    // An analyst reads the catalogue but does not write it: no release form.
    await expect(page.getByRole("button", { name: "Créer une version" }).count()).resolves.toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);

    expect(unexpectedErrors()).toEqual([]);
    await page.getByRole("button", { name: "Se déconnecter" }).click();

    await signIn(page, `${server.url}/designer/#catalogue`, { username: "admin", password: "admin-demo-2026" });
    await waitUnlessAlert(page, page.getByRole("heading", { name: "Documents du catalogue" }));
    await page.getByLabel("Nom de la version du catalogue").fill("Version de test 2026");
    await page.getByRole("button", { name: "Créer une version" }).click();
    await waitUnlessAlert(page, page.getByText("Version « Version de test 2026 » créée."));
    await saveScreenshot(page, "exports-01-catalogue-documents");
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(unexpectedErrors()).toEqual([]);
  });

  it("an analyst reads the dashboards on a tablet: counts, tables, a CSV, an indicator, and a refusal without the grant", async () => {
    // A portrait tablet, in its own context: the other tests' sessions do not matter here.
    const context = await session.browser.newContext({ locale: "fr-FR", viewport: { width: 800, height: 1100 } });
    const page = await context.newPage();
    try {
      await signIn(page, `${server.url}/designer/#tableaux-de-bord`, { username: "analyste", password: "analyste-demo-2026" });
      await waitUnlessAlert(page, page.getByRole("heading", { name: "Tableaux de bord du registre" }));
      const figures = page.getByRole("group", { name: "Chiffres clés" });
      await expect.poll(() => figures.innerText()).toMatch(/^3\s*Ménages/);
      await page.locator("rsu-dashboards svg").first().waitFor();
      await page.getByText("Tableau des chiffres").first().click();
      const byIsland = page.getByRole("table", { name: "Ménages et individus par Île" });
      const rows = await byIsland.locator("tbody tr").allInnerTexts();
      expect(rows.reduce((n, row) => n + Number(row.split("\t")[1]), 0)).toBe(3);
      const [csv] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: "Télécharger (CSV)" }).first().click(),
      ]);
      expect(csv.suggestedFilename()).toBe("byArea.csv");
      const text = await readFile((await csv.path())!, "utf8");
      expect(text.split("\r\n")[0]).toBe('\uFEFF"Île";"Ménages";"Individus"');

      // With 3 households no age-sex cell reaches 5 people: hidden from an analyst without the personal grant, and said so.
      const pyramid = page.locator("rsu-dashboards figure").filter({ hasText: "Pyramide des âges par sexe" });
      await expect
        .poll(() => pyramid.locator(".note").innerText())
        .toBe("Les cases de moins de 5 personnes sont masquées (« < 5 »), car vos rôles ne donnent pas accès aux données personnelles.");
      await pyramid.getByText("Tableau des chiffres").click();
      const cells = await pyramid.locator("tbody td").allInnerTexts();
      expect(cells).toContain("< 5");
      expect(cells.filter((cell) => cell !== "< 5" && cell !== "0")).toEqual([]);

      await page.getByLabel("Indicateur : variable").selectOption("sex");
      await page.getByLabel("Ventilé par").selectOption("area");
      await page.getByRole("button", { name: "Afficher l'indicateur" }).click();
      await waitUnlessAlert(page, page.getByText("Indicateur : Sexe"));
      await page.locator("rsu-dashboards figure").last().locator("svg").waitFor();
      await saveScreenshot(page, "dashboards-00-tablet");
      expect(await seriousA11yViolations(page)).toEqual([]);

      // Without the « sensitive » grant, a sensitive variable makes no indicator: said, in French.
      await page.getByLabel("Indicateur : variable").selectOption("disability");
      await page.getByRole("button", { name: "Afficher l'indicateur" }).click();
      await expect
        .poll(() => page.getByRole("alert").innerText())
        .toContain("Vos droits ne permettent pas de lire la variable « disability »");
      await saveScreenshot(page, "dashboards-01-refused");
    } finally {
      await context.close();
    }
    // Ten steps in the browser with axe-core: on a shared 2-core machine they took from 40 to over 60 seconds.
  }, 150_000);
});
