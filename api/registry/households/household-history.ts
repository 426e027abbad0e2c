import type { EntityManager } from "@mikro-orm/postgresql";
import type { FieldChange, HouseholdHistory } from "../../../schemas/contracts/review";
import type { HouseholdState } from "./household-state";
import { INDIVIDUAL_KEY_VARIABLES } from "../../../schemas/contracts/registry";
import { HouseholdVersion } from "../../entities";
import { mayReadHeadName, type Redactor } from "../../services/redaction";
import { userNames } from "../../services/user-names";
import { peopleNamed } from "./history-people";
import { diffHouseholdStates } from "./household-diff";
import { reviewOpenedAt, submissionSources } from "./history-sources";

/** A record's place in a unit's list (/attributes/plots/0/plot_owner). */
const isIndex = (part: string) => /^\d+$/.test(part);

/**
 * Whether the value at this JSON pointer may be shown: an answer under /attributes/<code>, a field of a unit's
 * record under /attributes/<unit>/<n>/<code>, or a member's key column is read by its variable's sensitivity,
 * like the household page itself.
 */
function mayReadPath(parts: readonly string[], redactor: Redactor): boolean {
  const attribute = parts.lastIndexOf("attributes");
  if (attribute >= 0 && parts[attribute + 1]) return parts.slice(attribute + 1).every((part) => isIndex(part) || redactor.may(part));
  const field = parts[parts.length - 1]!;
  if (field === "headName") return mayReadHeadName(redactor);
  const code = (INDIVIDUAL_KEY_VARIABLES as Record<string, string>)[field];
  return code ? redactor.may(code) : true;
}

/** An answer the reader may not see is left out, as on the household page: even its code would say too much. */
const hiddenAnswer = (parts: readonly string[], redactor: Redactor) =>
  parts.includes("attributes") && !isIndex(parts.at(-1)!) && !mayReadPath(parts, redactor);

/**
 * The value at a pointer as the reader may see it. A change may carry a whole member (added or removed)
 * or a whole answer set, so the value is walked, not only its path judged (#15).
 */
function redacted(parts: readonly string[], value: unknown, redactor: Redactor): unknown {
  if (!mayReadPath(parts, redactor)) return null;
  if (Array.isArray(value)) return value.map((item, i) => redacted([...parts, String(i)], item, redactor));
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value).filter(([key]) => !hiddenAnswer([...parts, key], redactor));
  return Object.fromEntries(entries.map(([key, item]) => [key, redacted([...parts, key], item, redactor)]));
}

function redactedChange(change: FieldChange, redactor: Redactor): FieldChange | null {
  const parts = change.path.split("/").map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"));
  if (hiddenAnswer(parts, redactor)) return null;
  return { ...change, before: redacted(parts, change.before, redactor), after: redacted(parts, change.after, redactor) };
}

/** Every version of a household, oldest first, with who changed what and when (issue #6). */
export async function householdHistory(em: EntityManager, householdId: string, redactor: Redactor): Promise<HouseholdHistory> {
  const versions = await em.find(HouseholdVersion, { household: householdId }, { orderBy: { version: "asc" } });
  const names = await userNames(
    em,
    versions.map((v) => v.by),
  );
  const sources = await submissionSources(
    em,
    versions.flatMap((v) => (v.submissionId ? [v.submissionId] : [])),
  );
  const reviews = await reviewOpenedAt(
    em,
    versions.flatMap((v) => (v.reviewItemId ? [v.reviewItemId] : [])),
  );
  return {
    householdId,
    versions: versions.map((v, i) => {
      const states = [v.state, versions[i - 1]?.state] as unknown as [HouseholdState, HouseholdState | undefined];
      // Compared again from the states: versions recorded before #21 stored their members' changes by position.
      const recorded = states[1] ? diffHouseholdStates(states[1], states[0]) : v.changes;
      const changes = recorded.map((change) => redactedChange(change, redactor)).filter((change) => change !== null);
      const source = v.submissionId ? sources.get(v.submissionId) : undefined;
      return {
        version: v.version,
        at: v.createdAt.toISOString(),
        by: v.by ?? null,
        byName: (v.by && names.get(v.by)) || null,
        submissionId: v.submissionId ?? null,
        submittedAt: source?.receivedAt ?? null,
        formId: v.formId ?? null,
        formVersion: v.formVersion ?? null,
        reviewItemId: v.reviewItemId ?? null,
        reviewOpenedAt: (v.reviewItemId && reviews.get(v.reviewItemId)) || null,
        decision: v.decision ?? null,
        comment: v.comment ?? null,
        imported: source?.imported ?? null,
        action: v.action,
        changes,
        people: peopleNamed(changes, states, redactor),
      };
    }),
  };
}

/** The household as it was at `at`: the last version recorded by then, or null if it did not exist yet. */
export async function householdStateAt(
  em: EntityManager,
  householdId: string,
  at: Date,
): Promise<{ version: number; state: HouseholdState } | null> {
  const version = await em.findOne(HouseholdVersion, { household: householdId, createdAt: { $lte: at } }, { orderBy: { version: "desc" } });
  return version ? { version: version.version, state: version.state as unknown as HouseholdState } : null;
}
