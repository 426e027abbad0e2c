import type { FieldError } from "../../schemas/contracts/api";
import { Problem } from "./problem";

/** Submissions: their envelope, answers and files, and what the registry refuses of them. */
export const submissionsProblems = {
  submissionNotFound: () =>
    new Problem(404, "submission_not_found", {
      fr: "Aucune soumission ne porte cet identifiant.",
      en: "No submission has this id.",
    }),
  bodyInvalid: (details: FieldError[]) =>
    new Problem(
      422,
      "body_invalid",
      {
        fr: "Le corps de la requête est incomplet ou mal formé.",
        en: "The request body is incomplete or malformed.",
      },
      details,
    ),
  envelopeInvalid: (details: FieldError[]) =>
    new Problem(
      422,
      "submission_envelope_invalid",
      {
        fr: "L'enveloppe de la soumission est incomplète ou mal formée.",
        en: "The submission envelope is incomplete or malformed.",
      },
      details,
    ),
  submissionFilesTooLarge: (limitBytes: number) =>
    new Problem(413, "submission_files_too_large", {
      fr: `Les fichiers de cette saisie dépassent ensemble ${Math.round(limitBytes / (1024 * 1024))} Mo : retirez-en ou réduisez les photos.`,
      en: `This submission's files exceed ${Math.round(limitBytes / (1024 * 1024))} MB together: remove some or make the photos smaller.`,
    }),
  attachmentNotFound: () =>
    new Problem(404, "attachment_not_found", {
      fr: "Ce fichier n'existe pas ou n'appartient pas à ce ménage ou à cette saisie.",
      en: "This file does not exist or does not belong to this household or submission.",
    }),
  submissionInvalid: (details: FieldError[]) =>
    new Problem(
      422,
      "submission_invalid",
      {
        fr: "Certaines réponses ne respectent pas le questionnaire publié.",
        en: "Some answers do not comply with the published form.",
      },
      details,
    ),
  submissionConflict: (id: string) =>
    new Problem(
      409,
      "submission_conflict",
      {
        fr: "Une soumission avec cet identifiant existe déjà avec un contenu différent.",
        en: "A submission with this id already exists with different content.",
      },
      { id },
    ),
  /** A NIN that names a registered person given to someone else (issue #14); `lines` of the roster, when known. */
  ninHeld: (lines?: number[]) =>
    new Problem(
      409,
      "nin_held",
      {
        fr: "Ce NIN appartient déjà à une personne du registre : un NIN ne désigne qu'une personne, membre d'un seul ménage.",
        en: "This NIN already belongs to a person in the registry: a NIN names one person, a member of one household.",
      },
      lines ? { lines } : undefined,
    ),
  ninRepeated: (lines: number[]) =>
    new Problem(
      409,
      "nin_repeated",
      { fr: "Deux membres du ménage ont le même NIN.", en: "Two members of the household have the same NIN." },
      { lines },
    ),
  householdMovedOn: (base: number, current: number) =>
    new Problem(
      409,
      "household_moved_on",
      {
        fr: `La mise à jour a été faite sur la version ${base} du ménage, qui est passé à la version ${current} : renvoyez-la au collecteur.`,
        en: `The update was built on version ${base} of the household, which is now at version ${current}: return it to the clerk.`,
      },
      { base, current },
    ),
} as const;
