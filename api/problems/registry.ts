import type { MergeConflict } from "../../schemas/contracts/review";
import { Problem } from "./problem";

/** The registry's households, review queue, merges, synchronisation, exports and operations (jobs, backups, incidents). */
export const registryProblems = {
  householdNotFound: () =>
    new Problem(404, "household_not_found", {
      fr: "Aucun ménage ne porte cet identifiant.",
      en: "No household has this id.",
    }),
  reviewItemNotFound: () =>
    new Problem(404, "review_item_not_found", {
      fr: "Aucun élément à vérifier ne porte cet identifiant.",
      en: "No review item has this id.",
    }),
  reviewItemDecided: (id: string) =>
    new Problem(
      409,
      "review_item_decided",
      {
        fr: "Cet élément a déjà été tranché ; annulez la fusion pour revenir dessus.",
        en: "This item has already been decided; undo the merge to reopen it.",
      },
      { id },
    ),
  /** Values only: no name or NIN goes into a problem (nor into the log that may carry it). */
  mergeConflicts: (conflicts: Pick<MergeConflict, "path" | "variable" | "lineNumber" | "kept">[]) =>
    new Problem(
      409,
      "merge_conflicts",
      {
        fr: "Le ménage et la soumission ont changé différemment des variables clés : confirmez chaque conflit (confirm) après l'avoir examiné.",
        en: "The household and the submission changed key variables differently: confirm each conflict (confirm) once reviewed.",
      },
      { conflicts: conflicts.map(({ path, variable, lineNumber, kept }) => ({ path, variable, lineNumber, kept })) },
    ),
  mergeNotFound: () => new Problem(404, "merge_not_found", { fr: "Aucune fusion ne porte cet identifiant.", en: "No merge has this id." }),
  mergeUndone: (id: string) =>
    new Problem(409, "merge_already_undone", { fr: "Cette fusion a déjà été annulée.", en: "This merge has already been undone." }, { id }),
  jobNotFound: () =>
    new Problem(404, "job_not_found", {
      fr: "Aucun traitement en échec ne porte cet identifiant.",
      en: "No failed job has this id.",
    }),
  backupRunNotFound: () =>
    new Problem(404, "backup_run_not_found", { fr: "Aucune sauvegarde ne porte cet identifiant.", en: "No backup has this id." }),
  incidentNotFound: () =>
    new Problem(404, "incident_not_found", { fr: "Aucun incident ne porte cet identifiant.", en: "No incident has this id." }),
  incidentClosed: () =>
    new Problem(409, "incident_closed", {
      fr: "Cet incident est clos : il reste tel qu'il a été clos.",
      en: "This incident is closed: it stays as it was closed.",
    }),
  jobStillNeeded: () =>
    new Problem(409, "job_still_needed", {
      fr: "Cette tâche porte un envoi accepté qui n'est pas encore intégré : relancez-la (ou renvoyez l'envoi à l'agent), elle ne peut pas être abandonnée.",
      en: "This job carries an accepted submission that is not integrated yet: retry it (or return the submission to the clerk); it cannot be discarded.",
    }),
  /** A sync cursor (GET /api/sync/households) that this server did not write, or altered. */
  invalidCursor: () =>
    new Problem(
      400,
      "invalid_cursor",
      {
        fr: "Le curseur de synchronisation est illisible : reprenez-le tel que la réponse précédente l'a donné, ou repartez d'une date (since).",
        en: "The synchronisation cursor is unreadable: send it back as the previous answer gave it, or start again from a date (since).",
      },
      [{ pointer: "/cursor", code: "invalid_cursor", message: { fr: "Curseur illisible.", en: "Unreadable cursor." } }],
    ),
  /** The filters of a synchronisation travel in its cursor: given again beside it, they could contradict it. */
  cursorWithFilters: () =>
    new Problem(
      400,
      "cursor_with_filters",
      {
        fr: "Avec un curseur, n'envoyez ni « since » ni « area » : le curseur porte les filtres du premier appel.",
        en: 'With a cursor, send neither "since" nor "area": the cursor carries the first call\'s filters.',
      },
      [
        {
          pointer: "/cursor",
          code: "cursor_with_filters",
          message: { fr: "Curseur et filtres ensemble.", en: "Cursor and filters together." },
        },
      ],
    ),
  unknownExportFormat: (parameter: string, value: string | undefined, allowed: readonly string[]) =>
    new Problem(
      400,
      "unknown_export_format",
      {
        fr: `Export impossible : « ${parameter} » doit valoir ${allowed.join(", ")}.`,
        en: `Cannot export: "${parameter}" must be one of ${allowed.join(", ")}.`,
      },
      { parameter, value: value ?? null, allowed },
    ),
  exportNotFound: () =>
    new Problem(404, "export_not_found", {
      fr: "Aucun export ne porte cet identifiant parmi les vôtres.",
      en: "None of your exports has this id.",
    }),
  exportNotReady: (status: string) =>
    new Problem(
      409,
      "export_not_ready",
      {
        fr: "Le fichier de cet export n'est pas prêt (en attente, en cours, annulé ou en échec).",
        en: "This export's file is not ready (queued, running, cancelled or failed).",
      },
      { status },
    ),
  exportExpired: () =>
    new Problem(410, "export_expired", {
      fr: "Le fichier de cet export a été supprimé après son délai de conservation : demandez un nouvel export.",
      en: "This export's file was deleted after its keeping time: request a new export.",
    }),
  exportFinished: (status: string) =>
    new Problem(
      409,
      "export_finished",
      {
        fr: "Cet export est déjà terminé : il ne peut plus être annulé.",
        en: "This export has already finished: it can no longer be cancelled.",
      },
      { status },
    ),
} as const;
