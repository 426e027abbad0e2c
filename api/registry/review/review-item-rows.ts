import { randomUUID } from "node:crypto";
import type { MatchScore, ReviewKind, StageReason } from "../../../schemas/contracts/review";

export interface NewReviewItem {
  kind: ReviewKind;
  submissionId: string | null;
  householdId?: string | null;
  incomingIndividualId?: string | null;
  existingIndividualId?: string | null;
  incomingLine?: number | null;
  score?: MatchScore | null;
  reasons?: StageReason[];
}

/** The row of a new review item, every column given (a batch inserts its items with one statement). */
export function reviewItemRow(item: NewReviewItem) {
  return {
    id: randomUUID(),
    status: "open" as const,
    householdId: null,
    incomingIndividualId: null,
    existingIndividualId: null,
    incomingLine: null,
    score: null,
    reasons: [],
    decision: null,
    decidedBy: null,
    decidedAt: null,
    comment: null,
    mergeId: null,
    createdAt: new Date(),
    ...item,
  };
}

export type ReviewItemRow = ReturnType<typeof reviewItemRow>;

/** The rules behind each stop, in words (the review screen and the clerk both read them). */
export const REASONS = {
  duplicatePerson: (line: number): StageReason => ({
    rule: "duplicate_person",
    message: {
      fr: `La personne de la ligne ${line} ressemble à une personne déjà inscrite.`,
      en: `The person on line ${line} looks like someone already registered.`,
    },
  }),
  personElsewhere: (line: number): StageReason => ({
    rule: "person_elsewhere",
    message: {
      fr: `La personne de la ligne ${line} est déjà membre d'un autre ménage : la déplacer dans celui-ci ?`,
      en: `The person on line ${line} is already a member of another household: move them into this one?`,
    },
  }),
  duplicateHousehold: (): StageReason => ({
    rule: "duplicate_household",
    message: { fr: "Un ménage du même village a déjà ce chef de ménage.", en: "A household in the same village already has this head." },
  }),
  staleUpdate: (base: number, current: number): StageReason => ({
    rule: "stale_update",
    message: {
      fr: `Mise à jour faite sur la version ${base} du ménage, qui est passé à la version ${current} entre-temps.`,
      en: `Update built on version ${base} of the household, which has since moved to version ${current}.`,
    },
  }),
  householdGone: (): StageReason => ({
    rule: "household_not_found",
    message: { fr: "Le ménage à mettre à jour n'existe plus.", en: "The household to update no longer exists." },
  }),
  ninHeld: (line: number): StageReason => ({
    rule: "nin_held",
    message: {
      fr: `Ce NIN appartient déjà à une personne du registre (ligne ${line}) : membre d'un autre ménage.`,
      en: `This NIN already belongs to a person in the registry (line ${line}): a member of another household.`,
    },
  }),
  ninRepeated: (line: number, firstLine: number): StageReason => ({
    rule: "nin_repeated",
    message: {
      fr: `La ligne ${line} a le même NIN que la ligne ${firstLine} du ménage.`,
      en: `Line ${line} has the same NIN as line ${firstLine} of the household.`,
    },
  }),
  rejectedByReviewer: (): StageReason => ({
    rule: "rejected_by_reviewer",
    message: { fr: "Un superviseur a refusé cette soumission.", en: "A supervisor rejected this submission." },
  }),
};
