import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JOB_INTEGRATE_SUBMISSION } from "../../schemas/contracts/jobs";
import { validHousehold } from "../helpers/demo-responses";
import { startTestServer } from "../helpers/app-server";
import { raiseAlarm } from "../../api/services/incident-alarms";
import { localDay } from "../../schemas/contracts/local-time";
import {
  launchBrowser,
  saveNarrowScreenshot,
  saveScreenshot,
  focusedElementText,
  seriousA11yViolations as seriousViolations,
  signIn,
  type BrowserSession,
  waitUnlessAlert,
} from "../helpers/browser";

/**
 * « Exploitation » (issue #23): an administrator sees how the system is doing and the failed jobs of every
 * queue, with their reason in words and as a code; discards one after confirming. The incident register:
 * an alarm's incident with its code, an incident reported, followed and closed, every step audited. Under
 * « Rapports », the month's report: its figures, the printable page (looked at as a picture) and the XLSX.
 * Accessible (axe).
 */
const ADMIN = { username: "admin", password: "admin-demo-2026" };

describe("« Exploitation » in the back office", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let session: BrowserSession;

  beforeAll(async () => {
    server = await startTestServer("browser_operations");
    session = await launchBrowser();
  });

  afterAll(async () => {
    await session?.close();
    await server?.stop();
  });

  it("shows the figures and the failed jobs, and discards one after confirmation", async () => {
    const { page } = session;
    const ctx = server.context;
    try {
      await ctx.queue.queue.add(JOB_INTEGRATE_SUBMISSION, { submissionId: "not-a-uuid" }, { jobId: "broken-job" });
      await ctx.drain();

      await signIn(page, `${server.url}/designer/#exploitation`, ADMIN);
      await waitUnlessAlert(page, page.getByRole("heading", { name: "Exploitation", level: 2 }));
      await page.getByText("PostgreSQL répond").waitFor();
      await page.getByText("Redis répond").waitFor();
      await page.getByText("0 envoi(s) accepté(s) pas encore intégré(s)").waitFor();
      await page.getByText("Dernière sauvegarde vérifiée").waitFor();
      const queues = page.getByRole("table", { name: "Files de tâches" });
      await expect.poll(() => queues.getByRole("row").nth(1).innerText()).toMatch(/^Intégration\s+0\s+0\s+0\s+1$/);

      const job = page.getByRole("row").filter({ hasText: "not-a-uuid" });
      await expect.poll(() => job.innerText()).toContain("Tâche impossible (contenu invalide) invalid_payload");
      expect(await seriousViolations(page)).toEqual([]);
      await saveScreenshot(page, "operations-01-figures-and-failed-jobs");

      // The kit's confirmation (#21), not the browser's confirm(): named, focus on « Annuler », Tab kept
      // inside, Escape answers no and gives the focus back to the button that opened it.
      const discard = job.getByRole("button", { name: "Abandonner" });
      await discard.click();
      const dialog = page.getByRole("dialog", { name: "Abandonner la tâche ?" });
      await dialog.waitFor();
      await expect(dialog.getByText(/^Abandonner définitivement la tâche .+ \? Elle ne sera plus exécutée\.$/).count()).resolves.toBe(1);
      const focusedText = () => focusedElementText(page);
      await expect.poll(focusedText).toBe("Annuler");
      const tabbed: (string | undefined)[] = [];
      for (let press = 0; press < 3; press++) {
        await page.keyboard.press("Tab");
        tabbed.push(await focusedText());
      }
      expect(tabbed).toEqual(["Abandonner la tâche", "Annuler", "Abandonner la tâche"]);
      expect(await seriousViolations(page)).toEqual([]);
      await saveScreenshot(page, "operations-02a-discard-confirmation");
      await page.keyboard.press("Escape");
      await dialog.waitFor({ state: "detached" });
      await expect.poll(focusedText).toBe("Abandonner");
      await expect(job.count()).resolves.toBe(1);

      await discard.click();
      await dialog.getByRole("button", { name: "Abandonner la tâche" }).click();
      await page.getByText("Tâche abandonnée.").waitFor();
      await page.getByText("Aucune tâche en échec.").waitFor();
      const [audit] = await ctx.orm.em
        .fork()
        .getConnection()
        .execute(`select count(*)::int as n from audit_log where action = 'job.discard'`);
      expect(audit!.n).toBe(1);
      expect(await seriousViolations(page)).toEqual([]);
      await saveScreenshot(page, "operations-02-job-discarded");
      // Before signing in, the page asks who is signed in and hears 401: that is not an error.
      expect(session.pageErrors.filter((e) => !e.endsWith("/api/auth/me"))).toEqual([]);
    } catch (error) {
      await saveScreenshot(page, "operations-failure").catch(() => {});
      throw new Error(`${String(error)}\npage errors: ${session.pageErrors.join("\n") || "none"}`, { cause: error });
    }
  });

  it("lists incidents, reports one, records an action, and closes it with its root cause and preventive measure", async () => {
    const { page } = session;
    const ctx = server.context;
    const auditCount = async () => {
      const rows = await ctx.orm.em
        .fork()
        .getConnection()
        .execute<{ action: string; n: number }[]>(
          `select action, count(*)::int as n from audit_log where action like 'incident.%' group by action order by action`,
        );
      return Object.fromEntries(rows.map((r) => [r.action, r.n]));
    };
    try {
      await raiseAlarm(ctx.orm.em.fork(), "backup_failed", "error=pg_dump_failed");
      await page.goto(`${server.url}/designer/#incidents`);
      await waitUnlessAlert(page, page.getByRole("heading", { name: "Registre des incidents", level: 2 }));
      const alarmRow = page.getByRole("row").filter({ hasText: "backup_failed" });
      await expect
        .poll(() => alarmRow.innerText())
        .toMatch(
          /^1\s.*Majeure\s+Sauvegarde en échec \/ Backup failed\s+Sauvegardes, Base de données\s+Alarme : sauvegarde en échec backup_failed\s+Ouvert/s,
        );

      await page.getByRole("button", { name: "Déclarer un incident" }).click();
      await page.getByRole("button", { name: "Ouvrir l'incident" }).click();
      await page.getByRole("alert").filter({ hasText: "Rien n'a été enregistré" }).waitFor();
      expect(await page.getByLabel("Intitulé").getAttribute("aria-invalid")).toBe("true");
      expect(await page.getByRole("group", { name: "Systèmes touchés" }).getAttribute("aria-invalid")).toBe("true");
      expect(await auditCount()).toEqual({ "incident.open": 1 });
      expect(await seriousViolations(page)).toEqual([]);
      await saveScreenshot(page, "incidents-01-refused-report");

      await page.locator("form.panel").getByLabel("Gravité").selectOption("critical");
      await page.getByLabel("Intitulé").fill("Coupure de courant au centre de Moroni");
      await page.getByLabel("Ce qui s'est passé").fill("Le serveur s'est arrêté à 09:10 ; la saisie a repris hors ligne.");
      await page.getByRole("checkbox", { name: "Base de données" }).check();
      await page.getByRole("checkbox", { name: "Réseau" }).check();
      await page.getByRole("button", { name: "Ouvrir l'incident" }).click();
      await page.getByText("Incident n° 2 ouvert.").waitFor();
      await page.getByRole("heading", { name: "Incident n° 2 : Coupure de courant au centre de Moroni" }).waitFor();
      await expect
        .poll(() => page.getByRole("row").filter({ hasText: "Coupure de courant" }).innerText())
        .toMatch(/Critique.*Base de données, Réseau\s+Déclaré par .+\s+Ouvert/s);

      await page.getByLabel("Action menée").fill("Groupe électrogène démarré, serveur relancé.");
      await page.getByRole("button", { name: "Consigner l'action" }).click();
      await page.getByText("Action consignée.").waitFor();
      await page.getByRole("listitem").filter({ hasText: "Groupe électrogène démarré, serveur relancé." }).waitFor();
      // The guide's picture of an incident being followed: before the refused closing below leaves its errors.
      await saveScreenshot(page, "incidents-02-incident-followed");

      await page.getByRole("button", { name: "Clore l'incident" }).click();
      await page.getByRole("alert").filter({ hasText: "Rien n'a été enregistré" }).waitFor();
      expect(await page.getByLabel("Cause première").getAttribute("aria-invalid")).toBe("true");
      await page.getByLabel("Cause première").fill("Pas d'onduleur sur l'alimentation du serveur.");
      await page.getByLabel("Mesure préventive").fill("Onduleur installé ; test mensuel du groupe électrogène.");
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByRole("button", { name: "Clore l'incident" }).click();
      await page
        .getByText("Incident clos.")
        .or(page.getByText(/Clos le .* par/))
        .first()
        .waitFor();
      await page.getByText("Onduleur installé ; test mensuel du groupe électrogène.").waitFor();

      await page.getByLabel("État").selectOption("closed");
      await expect.poll(() => page.getByRole("table").getByRole("row").count()).toBe(2);
      await page.getByRole("row").filter({ hasText: "Coupure de courant" }).filter({ hasText: "Clos" }).waitFor();
      await page.getByLabel("État").selectOption("");
      await page.getByLabel("Gravité").selectOption("major");
      await expect.poll(() => page.getByRole("table").getByRole("row").count()).toBe(2);
      await alarmRow.waitFor();
      expect(await auditCount()).toEqual({ "incident.action": 1, "incident.close": 1, "incident.open": 2 });
      expect(await seriousViolations(page)).toEqual([]);
      await saveScreenshot(page, "incidents-03-closed-and-filtered");
      expect(session.pageErrors.filter((e) => !e.endsWith("/api/auth/me") && !e.includes("http 422"))).toEqual([]);
    } catch (error) {
      await saveScreenshot(page, "incidents-failure").catch(() => {});
      throw new Error(`${String(error)}\npage errors: ${session.pageErrors.join("\n") || "none"}`, { cause: error });
    }
  });

  // Signed in by the case above (same browser).
  it("« Rapports »: the month's figures, the printable report with its charts, the XLSX link, in French then English", async () => {
    const { page } = session;
    const ctx = server.context;
    const month = localDay(new Date(), ctx.config.timeZone).slice(0, 7);
    // Only this case's page errors count (the case above expects refusals of its own).
    session.pageErrors.length = 0;
    try {
      for (const seed of [501, 502]) expect((await ctx.submitAndDrain(validHousehold(seed))).status).toBe("integrated");
      const invalid = validHousehold(503);
      invalid.number_of_rooms = 999;
      expect((await ctx.submit(invalid)).status).toBe(422);

      await page.goto(`${server.url}/designer/#rapports`);
      await waitUnlessAlert(page, page.getByRole("heading", { name: "Rapport mensuel et trimestriel", level: 2 }));
      await page.getByLabel("Mois").fill(month);
      await page.getByRole("button", { name: "Afficher les chiffres" }).click();
      await page.getByRole("heading", { name: `Chiffres de la période ${month}` }).waitFor();
      await page.getByText("3 reçue(s) : 2 valide(s), 1 invalide(s), 0 rejetée(s), 0 en attente").waitFor();
      await page.getByText(/Chaîne intacte/).waitFor();
      const open = page.getByRole("link", { name: "Ouvrir le rapport imprimable" });
      expect(await open.getAttribute("href")).toBe(`/api/reports/${month}/report.html?lang=fr`);
      expect(await page.getByRole("link", { name: "Télécharger le classeur XLSX" }).getAttribute("href")).toBe(
        `/api/reports/${month}/report.xlsx?lang=fr`,
      );
      expect(await seriousViolations(page)).toEqual([]);
      await saveScreenshot(page, "operations-03-report-figures");

      const [printable] = await Promise.all([page.waitForEvent("popup"), open.click()]);
      await printable.getByRole("heading", { name: `Rapport mensuel d'exploitation ${month}`, level: 1 }).waitFor();
      // Per day, by island, the registry; no review backlog, no chart of it.
      expect(await printable.locator("figure svg").count()).toBe(3);
      expect(await seriousViolations(printable)).toEqual([]);
      await saveScreenshot(printable, "operations-04-report-printable");
      await printable.close();

      await page.getByLabel("Langue du rapport").selectOption("en");
      await page.getByRole("button", { name: "Afficher les chiffres" }).click();
      await expect
        .poll(() => page.getByRole("link", { name: "Ouvrir le rapport imprimable" }).getAttribute("href"))
        .toBe(`/api/reports/${month}/report.html?lang=en`);
      expect(session.pageErrors.filter((e) => !e.endsWith("/api/auth/me"))).toEqual([]);
    } catch (error) {
      await saveScreenshot(page, "operations-failure-reports").catch(() => {});
      throw new Error(`${String(error)}\npage errors: ${session.pageErrors.join("\n") || "none"}`, { cause: error });
    }
  });

  it("« Sauvegardes »: the alarm, the schedule, a backup made now and verified again, each step visible and audited", async () => {
    const { page } = session;
    const db = () => server.context.orm.em.fork().getConnection();
    try {
      await page.goto(`${server.url}/designer/#sauvegardes`);
      await waitUnlessAlert(page, page.getByRole("heading", { name: "Sauvegardes", level: 2 }));
      await page.getByText(/^Aucune sauvegarde vérifiée à ce jour \(seuil : 26\sh\)$/).waitFor();
      await page.getByText("Aucune sauvegarde planifiée").waitFor();
      await page.getByText("Conservées : 7 quotidiennes, 4 hebdomadaires, 12 mensuelles").waitFor();
      await page.getByText("Aucune sauvegarde enregistrée.").waitFor();

      await page.getByRole("button", { name: "Sauvegarder maintenant" }).click();
      await page.getByText("Sauvegarde demandée : elle s'écrit puis se vérifie.").waitFor();
      await page.getByRole("heading", { name: "Tâches en cours" }).waitFor();
      await page.getByRole("progressbar", { name: "Avancement : Sauvegarde" }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await saveScreenshot(page, "backups-01-backup-under-way");

      const runs = page.getByRole("table", { name: "Dernières sauvegardes" });
      const row = runs.getByRole("row").filter({ hasText: "Bouton" });
      await row.filter({ hasText: "Vérifiée le" }).waitFor({ timeout: 90_000 });
      await page.getByRole("heading", { name: "Tâches en cours" }).waitFor({ state: "detached" });
      // Intl writes a narrow no-break space between a number and its unit.
      await page.getByText(/^Dernière sauvegarde vérifiée il y a \d+\ss \(seuil : 26\sh\)$/).waitFor();
      const [run] = await db().execute<{ id: string; sha256: string; verified_at: string; origin: string }[]>(
        `select id, sha256, verified_at, origin from backup_runs`,
      );
      expect(run!.origin).toBe("manual");
      expect(run!.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(await row.innerText()).toContain(run!.sha256);

      await row.getByRole("button", { name: /^Vérifier / }).click();
      await page.getByText("Vérification demandée.").waitFor();
      await expect
        .poll(
          async () =>
            new Date((await db().execute(`select verified_at from backup_runs where id = ?`, [run!.id]))[0]!.verified_at).getTime(),
          {
            timeout: 90_000,
          },
        )
        .toBeGreaterThan(new Date(run!.verified_at).getTime());
      const audit = await db().execute<{ action: string; n: number }[]>(
        `select action, count(*)::int as n from audit_log where action like 'backup.%' group by action order by action`,
      );
      expect(audit).toEqual([
        { action: "backup.start", n: 1 },
        { action: "backup.verify", n: 1 },
      ]);
      await page.getByRole("heading", { name: "Tâches en cours" }).waitFor({ state: "detached" });
      expect(await seriousViolations(page)).toEqual([]);
      await saveScreenshot(page, "backups-02-verified");
      expect(await saveNarrowScreenshot(page, "backups-03-verified-360")).toBeLessThanOrEqual(360);
    } catch (error) {
      await saveScreenshot(page, "backups-failure").catch(() => {});
      throw new Error(`${String(error)}\npage errors: ${session.pageErrors.join("\n") || "none"}`, { cause: error });
    }
  });
});
