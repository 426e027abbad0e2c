import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JOB_INTEGRATE_SUBMISSION } from "../../schemas/contracts/jobs";
import { startTestServer } from "../helpers/app-server";
import { launchBrowser, saveScreenshot, signIn, type BrowserSession, waitUnlessAlert } from "../helpers/browser";

/**
 * « Exploitation » (issue #23): an administrator sees how the system is doing and the failed jobs of every
 * queue, with their reason in words and as a code; discards one after confirming. Accessible (axe).
 */
const ADMIN = { username: "admin", password: "admin-demo-2026" };

/** Serious and critical accessibility violations of the page as it is now, by rule and element. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(" ")}`));
}

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

      page.once("dialog", (dialog) => void dialog.accept());
      await job.getByRole("button", { name: "Abandonner" }).click();
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
});
