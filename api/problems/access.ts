import { Problem } from "./problem";

/** Who may do what: sign-in, sessions, roles, areas, accounts and tokens. */
export const accessProblems = {
  unauthenticated: () =>
    new Problem(401, "unauthenticated", {
      fr: "Veuillez vous connecter : identifiants absents, invalides ou session expirée.",
      en: "Please sign in: credentials missing, invalid, or session expired.",
    }),
  invalidCredentials: () =>
    new Problem(401, "invalid_credentials", {
      fr: "Identifiant ou mot de passe incorrect.",
      en: "Wrong username or password.",
    }),
  tooManyAttempts: (retryAfterSeconds: number) =>
    new Problem(
      429,
      "too_many_attempts",
      {
        fr: `Trop de tentatives de connexion. Réessayez dans ${retryAfterSeconds} secondes.`,
        en: `Too many sign-in attempts. Try again in ${retryAfterSeconds} seconds.`,
      },
      { retryAfterSeconds },
    ),
  forbidden: () =>
    new Problem(403, "forbidden", {
      fr: "Votre rôle ne permet pas cette opération.",
      en: "Your role does not allow this operation.",
    }),
  outsideArea: () =>
    new Problem(403, "outside_area", {
      fr: "Ce ménage ou cette soumission est hors de vos zones d'affectation.",
      en: "This household or submission is outside your assigned areas.",
    }),
  crossSiteRefused: () =>
    new Problem(403, "cross_site_refused", {
      fr: "Requête refusée : elle ne provient pas de l'application rsu.",
      en: "Request refused: it does not come from the rsu application.",
    }),
  userNotFound: () => new Problem(404, "user_not_found", { fr: "Aucun utilisateur ne correspond.", en: "No such user." }),
  tokenNotFound: () => new Problem(404, "token_not_found", { fr: "Aucun jeton ne porte cet identifiant.", en: "No token has this id." }),
  cannotDemoteSelf: () =>
    new Problem(409, "cannot_demote_self", {
      fr: "Vous ne pouvez pas désactiver votre propre compte ni vous retirer le rôle d'administrateur.",
      en: "You cannot deactivate your own account or remove your own administrator role.",
    }),
  passwordTooShort: (min: number) =>
    new Problem(
      422,
      "password_too_short",
      {
        fr: `Le mot de passe doit contenir au moins ${min} caractères.`,
        en: `The password must be at least ${min} characters long.`,
      },
      [{ pointer: "/password", code: "min_length", message: { fr: `Au moins ${min} caractères.`, en: `At least ${min} characters.` } }],
    ),
  roleNotHeld: () =>
    new Problem(
      422,
      "role_not_held",
      {
        fr: "Un jeton ne peut porter qu'un rôle que son utilisateur possède.",
        en: "A token can only carry a role its user holds.",
      },
      [
        {
          pointer: "/role",
          code: "role_not_held",
          message: { fr: "Rôle non détenu par l'utilisateur.", en: "Role not held by the user." },
        },
      ],
    ),
} as const;
