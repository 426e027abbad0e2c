import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUDIT_ACTIONS } from "../../schemas/contracts/audit";
import { startTestServer } from "../helpers/app-server";
import { launchBrowser, saveScreenshot, type BrowserSession, waitUnlessAlert } from "../helpers/browser";

/**
 * An administrator's path through the back office, in French, against the real API: sign in, create a
 * clerk of Moroni-Bambao (first with a password the server refuses), sign out; the new clerk signs in to
 * the runtime; the administrator deactivates the account, and the clerk can no longer sign in. Then a
 * machine token: issued (its secret shown once), revoked after confirmation, both read in the audit log.
 */

const ADMIN = { username: "admin", password: "admin-demo-2026" };
const CLERK = { username: "agent.iconi", displayName: "Zaharia Mohamed", password: "iconi-2026-saisie" };
const INITIAL_PASSWORD = "premier-mot-de-passe";

/** A table row's words, one space apart, as a reader sees them. */
async function rowText(row: Locator): Promise<string> {
  return (await row.innerText()).replace(/\s+/g, " ").trim();
}

/** The options of a select shown by their code instead of words (an untranslated action or object type). */
function untranslatedOptions(select: Locator): Promise<string[]> {
  return select
    .locator("option")
    .evaluateAll((options) =>
      (options as HTMLOptionElement[]).filter((o) => o.value && o.textContent?.trim() === o.value).map((o) => o.value),
    );
}

async function signIn(page: Page, account: { username: string; password: string }) {
  await page.getByLabel("Identifiant").fill(account.username);
  await page.getByLabel("Mot de passe").fill(account.password);
  await page.getByRole("button", { name: "Se connecter" }).click();
}

async function signInToDesigner(page: Page, url: string) {
  await page.goto(`${url}/designer/#utilisateurs`);
  await signIn(page, ADMIN);
  await waitUnlessAlert(page, page.getByRole("heading", { name: "Utilisateurs", exact: true }));
  await page.getByRole("row").filter({ hasText: CLERK.username }).waitFor();
}

describe("an administrator manages accounts in the back office", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let session: BrowserSession;

  beforeAll(async () => {
    server = await startTestServer("browser_user_admin");
    session = await launchBrowser();
  });

  afterAll(async () => {
    await session?.close();
    await server?.stop();
  });

  it("creates a clerk with an area, who signs in to the runtime until deactivated", async () => {
    const { page } = session;
    try {
      await page.goto(`${server.url}/designer/`);
      await expect.poll(() => page.title()).toBe("RSU — Back-office");
      await page.getByRole("heading", { name: "Connexion" }).waitFor();
      await saveScreenshot(page, "admin-00-sign-in");
      await signIn(page, ADMIN);
      await waitUnlessAlert(page, page.getByRole("heading", { name: "Ménages du registre" }));
      const tabs = page.getByRole("navigation", { name: "Sections du back-office" }).getByRole("link");
      // The administrator's own tabs among all others (other screens join the list as they are built).
      await expect
        .poll(() => tabs.allTextContents())
        .toEqual(expect.arrayContaining(["Registre", "Utilisateurs", "Jetons d'API", "Journal d'audit", "Exploitation"]));
      await expect(page.getByText("Connecté : Administrateur démo").isVisible()).resolves.toBe(true);
      await expect(page.getByText("Rôles : Administrateur").isVisible()).resolves.toBe(true);
      await saveScreenshot(page, "admin-01-registry");

      await page.getByRole("link", { name: "Utilisateurs" }).click();
      await page.getByRole("heading", { name: "Utilisateurs", exact: true }).waitFor();
      await page.getByRole("cell", { name: "Moroni-Bambao (101)" }).waitFor();
      await saveScreenshot(page, "admin-02-users");

      await page.getByRole("button", { name: "Nouvel utilisateur" }).click();
      const form = page.locator("rsu-user-form");
      await form.getByLabel("Identifiant").fill(CLERK.username);
      await form.getByLabel("Nom affiché").fill(CLERK.displayName);
      await form.getByLabel("Mot de passe initial").fill("court");
      await form.getByRole("checkbox", { name: "Agent de saisie" }).check();
      await form.getByRole("checkbox", { name: "Moroni-Bambao (101)" }).check();
      // Ticking the prefecture covers its communes: they show as included and cannot be ticked again.
      await form.getByText(/^Communes de Moroni-Bambao/).click();
      await expect(form.getByRole("checkbox", { name: /^Moroni \(10101\)/ }).isDisabled()).resolves.toBe(true);
      await form.getByRole("button", { name: "Créer le compte" }).click();

      const passwordError = form.locator("#password-error");
      await passwordError.waitFor();
      await expect(passwordError.textContent()).resolves.toMatch(/au moins 10 caractère/i);
      await expect(form.getByLabel("Mot de passe initial").getAttribute("aria-invalid")).resolves.toBe("true");
      await expect(form.getByRole("alert").textContent()).resolves.toContain("corrigez les champs signalés");
      await saveScreenshot(page, "admin-03-password-too-short");

      await form.getByLabel("Mot de passe initial").fill(INITIAL_PASSWORD);
      await form.getByRole("button", { name: "Créer le compte" }).click();
      await waitUnlessAlert(page, page.getByText(`Le compte « ${CLERK.username} » est créé.`));
      const row = page.getByRole("row").filter({ hasText: CLERK.username });
      await expect(rowText(row)).resolves.toMatch(/Zaharia Mohamed.*Agent de saisie.*Moroni-Bambao \(101\).*Oui/);
      await saveScreenshot(page, "admin-04-user-created");

      // Edit: a second area, then a new password (the first one the server refuses as too short).
      await page.getByRole("button", { name: `Modifier le compte ${CLERK.username}` }).click();
      const edit = page.locator("rsu-user-form");
      await expect(edit.getByRole("checkbox", { name: "Moroni-Bambao (101)" }).isChecked()).resolves.toBe(true);
      await edit.getByRole("checkbox", { name: "Hambou (102)" }).check();
      const reset = page.locator("rsu-password-reset");
      await reset.getByLabel("Nouveau mot de passe").fill("court");
      await reset.getByRole("button", { name: "Réinitialiser" }).click();
      await reset.locator("#password-error").waitFor();
      await saveScreenshot(page, "admin-05-edit-user");
      await reset.getByLabel("Nouveau mot de passe").fill(CLERK.password);
      await reset.getByRole("button", { name: "Réinitialiser" }).click();
      await waitUnlessAlert(page, reset.getByText(`Le mot de passe de « ${CLERK.username} » est réinitialisé`));
      await edit.getByRole("button", { name: "Enregistrer" }).click();
      await waitUnlessAlert(page, page.getByText(`Les modifications du compte « ${CLERK.username} » sont enregistrées.`));
      // The list is read again after the message: wait for the row to show the second area.
      await expect.poll(() => rowText(row)).toContain("Moroni-Bambao (101), Hambou (102)");

      await page.getByRole("button", { name: "Se déconnecter" }).click();
      await page.getByRole("heading", { name: "Connexion" }).waitFor();

      await page.goto(`${server.url}/runtime/`);
      await signIn(page, CLERK);
      await waitUnlessAlert(page, page.getByRole("heading", { name: "Questionnaires publiés" }));
      await expect(page.getByText(`Connecté : ${CLERK.displayName}`).isVisible()).resolves.toBe(true);
      await page
        .getByRole("button", { name: /^Remplir le questionnaire/ })
        .first()
        .waitFor();
      await saveScreenshot(page, "admin-06-new-clerk-runtime");
      await page.getByRole("button", { name: "Se déconnecter" }).click();
      await page.getByRole("heading", { name: "Connexion" }).waitFor();

      await signInToDesigner(page, server.url);
      await page.getByRole("button", { name: `Désactiver le compte ${CLERK.username}` }).click();
      await waitUnlessAlert(page, page.getByText(`Le compte « ${CLERK.username} » est désactivé`));
      await expect(rowText(row)).resolves.toMatch(/ Non /);
      await page.getByRole("button", { name: `Réactiver le compte ${CLERK.username}` }).waitFor();
      await saveScreenshot(page, "admin-07-user-deactivated");
      await page.getByRole("button", { name: "Se déconnecter" }).click();
      await page.getByRole("heading", { name: "Connexion" }).waitFor();

      await page.goto(`${server.url}/runtime/`);
      await signIn(page, CLERK);
      const refusal = page.getByRole("alert");
      await refusal.waitFor();
      await expect(refusal.textContent()).resolves.toMatch(/incorrect|invalide/i);
      await expect(page.getByRole("heading", { name: "Questionnaires publiés" }).count()).resolves.toBe(0);
      await saveScreenshot(page, "admin-08-deactivated-refused");

      // Expected refusals only: who-am-I before signing in, the short password, the deactivated sign-in.
      const expected = [/\/api\/auth\/me$/, /422: .*\/api\/users(\/[^/]+\/password)?$/, /401: .*\/api\/auth\/login$/];
      expect(session.pageErrors.filter((e) => !expected.some((pattern) => pattern.test(e)))).toEqual([]);
    } catch (error) {
      await saveScreenshot(page, "admin-failure").catch(() => {});
      throw new Error(`${String(error)}\npage errors: ${session.pageErrors.join("\n") || "none"}`, { cause: error });
    }
  });

  it("issues a token shown once, revokes it after confirmation, and finds both in the audit log", async () => {
    const { page } = session;
    try {
      await page.goto(`${server.url}/designer/#jetons`);
      await signIn(page, ADMIN);
      await waitUnlessAlert(page, page.getByRole("heading", { name: "Jetons d'API" }));
      await page.getByRole("button", { name: "Nouveau jeton" }).click();
      const form = page.locator("rsu-token-form");
      await form.getByLabel("Utilisateur").selectOption("agent");
      await form.getByLabel("Nom du jeton").fill("tablette 07");
      await expect(form.getByLabel("Rôle").inputValue()).resolves.toBe("clerk");
      await saveScreenshot(page, "token-00-form");
      await form.getByRole("button", { name: "Créer le jeton" }).click();

      await waitUnlessAlert(page, page.getByRole("heading", { name: "Jeton « tablette 07 » créé" }));
      await expect(page.getByText("il ne sera plus jamais affiché").isVisible()).resolves.toBe(true);
      const secret = await page.getByLabel("Secret du jeton").inputValue();
      expect(secret.length).toBeGreaterThan(20);
      await page.getByRole("button", { name: "Copier" }).click();
      await page.getByText(/Jeton copié|La copie automatique a échoué/).waitFor();
      await saveScreenshot(page, "token-01-secret-once");
      const asClerk = await fetch(`${server.url}/api/auth/me`, { headers: { authorization: `Bearer ${secret}` } });
      expect(asClerk.status).toBe(200);

      await page.getByRole("button", { name: "J'ai copié le jeton" }).click();
      await expect(page.getByLabel("Secret du jeton").count()).resolves.toBe(0);
      // The kit's confirmation (#21): « Annuler » focused first, Escape keeps the token.
      const revoke = page.getByRole("button", { name: "Révoquer le jeton « tablette 07 »" });
      const dialog = page.getByRole("dialog", { name: "Révoquer le jeton « tablette 07 » ?" });
      await revoke.click();
      await dialog.waitFor();
      await expect(page.locator("rsu-confirm-dialog").count()).resolves.toBe(1);
      await expect(
        page.evaluate(() => document.querySelector("rsu-confirm-dialog")?.shadowRoot?.activeElement?.textContent?.trim()),
      ).resolves.toBe("Annuler");
      await page.keyboard.press("Escape");
      await expect.poll(() => page.locator("rsu-confirm-dialog").count()).toBe(0);
      await expect(revoke.count()).resolves.toBe(1);
      await revoke.click();
      await dialog.waitFor();
      await saveScreenshot(page, "token-02-revoke-confirm");
      await dialog.getByRole("button", { name: "Révoquer définitivement" }).click();
      await waitUnlessAlert(page, page.getByText("Le jeton « tablette 07 » est révoqué."));
      await expect(page.getByRole("button", { name: "Révoquer le jeton « tablette 07 »" }).count()).resolves.toBe(0);
      await saveScreenshot(page, "token-03-revoked");
      const afterRevoke = await fetch(`${server.url}/api/auth/me`, { headers: { authorization: `Bearer ${secret}` } });
      expect(afterRevoke.status).toBe(401);

      await page.getByRole("link", { name: "Journal d'audit" }).click();
      await page.getByRole("heading", { name: "Journal d'audit" }).waitFor();
      // The test harness issues tokens of its own (actor "test"): keep to the administrator's.
      await page.getByLabel("Acteur (identifiant)").fill("admin");
      await page.getByLabel("Type d'objet").selectOption("api_token");
      await page.getByRole("button", { name: "Rechercher" }).click();
      await page.getByText("2 événement(s)").waitFor();
      const rows = page.locator("rsu-audit-log tbody tr");
      // Newest first: the revocation, then the creation.
      await expect(rowText(rows.nth(0))).resolves.toContain("Révocation d'un jeton");
      await expect(rowText(rows.nth(1))).resolves.toContain("Création d'un jeton");
      await rows.nth(1).getByRole("button", { name: "Afficher" }).click();
      await expect(page.locator("rsu-audit-log tr.details").innerText()).resolves.toContain("clerk");
      await saveScreenshot(page, "audit-00-tokens");
      // Issue #21: every action the API can write is offered by its French words, none by its code.
      await expect(untranslatedOptions(page.locator('rsu-audit-log select[name="action"]'))).resolves.toEqual([]);
      await expect(untranslatedOptions(page.locator('rsu-audit-log select[name="entityType"]'))).resolves.toEqual([]);
      await expect(page.locator('rsu-audit-log select[name="action"]').locator("option").count()).resolves.toBe(AUDIT_ACTIONS.length + 1);

      await page.getByRole("button", { name: "EN", exact: true }).click();
      await page.getByRole("heading", { name: "Audit log" }).waitFor();
      await page.getByRole("button", { name: "Clear" }).click();
      await page.getByText(/^\d+ event\(s\)$/).waitFor();
      await expect(untranslatedOptions(page.locator('rsu-audit-log select[name="action"]'))).resolves.toEqual([]);
      await expect(
        page.locator('rsu-audit-log select[name="action"]').locator("option", { hasText: "Questionnaire sent back to the clerk" }).count(),
      ).resolves.toBe(1);
      await saveScreenshot(page, "audit-01-all-en");
      await page.getByRole("button", { name: "FR", exact: true }).click();

      const expected = [/\/api\/auth\/me$/, /422: .*\/api\/users(\/[^/]+\/password)?$/, /401: .*\/api\/auth\/login$/];
      expect(session.pageErrors.filter((e) => !expected.some((pattern) => pattern.test(e)))).toEqual([]);
    } catch (error) {
      await saveScreenshot(page, "token-failure").catch(() => {});
      throw new Error(`${String(error)}\npage errors: ${session.pageErrors.join("\n") || "none"}`, { cause: error });
    }
  });
});
