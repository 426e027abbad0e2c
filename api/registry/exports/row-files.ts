import type { EntityManager } from "@mikro-orm/postgresql";
import type { ExportFormat } from "../../../schemas/contracts/exports";
import {
  cell,
  type ExportColumn,
  type ExportLevel,
  householdValue,
  memberValue,
  recordValue,
  unitRecords,
} from "../../../schemas/registry/export-columns";
import { type RoleScope, scopeCovers } from "../../auth/actor";
import { mayReadHeadName, type Redactor, type RedactorOf } from "../../services/redaction";
import { levelFile } from "./export-files";
import { type HouseholdsFilter, householdsAsOf } from "./households-as-of";
import type { Cell } from "./table-files";

export interface RowFiles {
  dir: string;
  format: ExportFormat;
  /** The households' level, then the individuals', then each unit's (plots, livestock). */
  levels: readonly ExportLevel[];
  delimiter: string;
  filter: HouseholdsFilter;
  redactorOf: RedactorOf;
  /** Told the rows written so far after every batch; resolves true when the export was cancelled meanwhile. */
  progress(written: { households: number; individuals: number }): Promise<boolean>;
}

/** Whether a redactor lets a column be read: the head's name needs both names. */
export function readable(column: ExportColumn, redactor: Redactor): boolean {
  if (column.needsNames) return mayReadHeadName(redactor);
  return column.variable ? redactor.may(column.variable) : true;
}

/**
 * Writes the export's files a batch of households at a time, each value made in Node (the formats COPY
 * cannot write: XLSX, Stata, SPSS, Parquet). Returns the rows of each file, or null when cancelled.
 */
export async function writeRowFiles(em: EntityManager, job: RowFiles): Promise<{ households: number; individuals: number } | null> {
  const { levels, filter, redactorOf } = job;
  const [households, individuals, ...units] = levels as [ExportLevel, ExportLevel, ...ExportLevel[]];
  const files = levels.map((level) => levelFile(job.dir, level.file, job.format, level.columns, job.delimiter));
  // Which columns each combination of the requester's roles may read, worked out once, not per cell.
  const readableBy = new Map<string, boolean[][]>();
  const readableFor = (covering: readonly RoleScope[]) => {
    const key = covering.map((scope) => scope.role).join();
    const known = readableBy.get(key);
    if (known) return known;
    const redactor = redactorOf(covering);
    const masks = levels.map((level) => level.columns.map((column) => readable(column, redactor)));
    readableBy.set(key, masks);
    return masks;
  };
  const counts = { households: 0, individuals: 0 };
  for await (const batch of householdsAsOf(em, filter)) {
    const rows: Cell[][][] = levels.map(() => []);
    for (const household of batch) {
      const [mayHousehold, mayMember, ...mayUnit] = readableFor(filter.scopes.filter((scope) => scopeCovers(scope, household.place))) as [
        boolean[],
        boolean[],
        ...boolean[][],
      ];
      const keys = {
        household_id: household.id,
        version: household.version,
        changed_at: household.changedAt.toISOString(),
        form_id: household.formId,
        form_version: household.formVersion,
        head_name: household.state.headName,
      };
      rows[0]!.push(
        households.columns.map((c, i) =>
          mayHousehold[i] ? cell(c, householdValue(c, household.state as never, keys), household.id) : null,
        ),
      );
      for (const member of household.state.members) {
        const memberKeys = {
          individual_id: member.id,
          household_id: household.id,
          person_id: member.personId,
          line_number: member.lineNumber,
        };
        rows[1]!.push(
          individuals.columns.map((c, i) => (mayMember[i] ? cell(c, memberValue(c, member as never, memberKeys), household.id) : null)),
        );
      }
      units.forEach((unit, u) => {
        const may = mayUnit[u]!;
        for (const { keys: inner, record } of unitRecords(household.state, unit.level, unit.within)) {
          const recordKeys = { household_id: household.id, version: household.version, ...inner };
          rows[u + 2]!.push(unit.columns.map((c, i) => (may[i] ? cell(c, recordValue(c, record, recordKeys), household.id) : null)));
        }
      });
    }
    await Promise.all(files.map((file, at) => file.add(rows[at]!)));
    counts.households += rows[0]!.length;
    counts.individuals += rows[1]!.length;
    if (await job.progress(counts)) {
      await Promise.all(files.map((file) => file.close().catch(() => {})));
      return null;
    }
  }
  for (const file of files) await file.close();
  return counts;
}
