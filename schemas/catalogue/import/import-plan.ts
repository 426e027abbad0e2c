import { canonicalJson } from "../../contracts/canonical-json";
import type { FieldError } from "../../contracts/api";
import { validatorFor } from "../../compile/validator";
import { codeListSchema, variableSchema } from "../catalogue.schema";
import { checkCodeList, checkVariable } from "../checks";
import type { CatalogueSheet } from "../export/csv";
import type { Catalogue, CodeList, Variable } from "../types";
import { rowError, type ImportedCatalogue, type ImportRowError } from "./from-tables";

/**
 * What an import would do to the working catalogue (issue 4): entries of the file are added or replace
 * the entry of the same code; entries the file does not hold are left as they are (an import never
 * removes). Every entry is checked by the catalogue's JSON Schema, then the cross-checks run against the
 * catalogue as it WOULD BE after the whole import, so a variable may name a list added further down the
 * file. Pure: the published versions' frozen catalogues are given, not queried.
 */
export type EntryKind = "variable" | "codeList";

export interface PlannedEntry {
  kind: EntryKind;
  code: string;
  sheet: CatalogueSheet;
  row: number;
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface ImportPlan {
  added: PlannedEntry[];
  changed: (PlannedEntry & { fields: FieldChange[] })[];
  unchanged: number;
  refused: ImportRowError[];
}

/** A published form version's frozen catalogue (form_versions.snapshot): what it binds cannot break. */
export interface PublishedSnapshot {
  formId: string;
  version: number;
  catalogue: Catalogue;
}

/** The plan, and the definitions to write when nothing is refused. */
export interface PlannedImport {
  plan: ImportPlan;
  writes: { variables: Variable[]; codeLists: CodeList[] };
}

interface Entry<T> {
  kind: EntryKind;
  sheet: CatalogueSheet;
  row: number;
  itemRows?: number[];
  definition: T;
  before?: T;
}

export function planImport(current: Catalogue, incoming: ImportedCatalogue, published: PublishedSnapshot[]): PlannedImport {
  const refused: ImportRowError[] = [...incoming.rowErrors];
  // Rows the reader refused already are not planned again: their definition is incomplete.
  const badRows = new Set(incoming.rowErrors.map((e) => `${e.sheet}:${e.row}`));
  const currentVariables = new Map(current.variables.map((v) => [v.code, withStatus(v)]));
  const currentLists = new Map(current.codeLists.map((l) => [l.code, l]));

  const variables = dedupe(
    incoming.catalogue.variables.map((definition, i): Entry<Variable> => {
      const before = currentVariables.get(definition.code);
      // As in the editor: a new variable without a status is a draft, an existing one keeps its status.
      const status = definition.status ?? before?.status ?? "draft";
      return { kind: "variable", sheet: "variables", row: incoming.origin.variables[i]!, definition: { ...definition, status }, before };
    }),
    refused,
  ).filter((e) => !badRows.has(`${e.sheet}:${e.row}`));
  const lists = dedupe(
    incoming.catalogue.codeLists.map(
      (definition, i): Entry<CodeList> => ({
        kind: "codeList",
        sheet: "code_lists",
        row: incoming.origin.codeLists[i]!,
        itemRows: incoming.origin.items[i],
        definition,
        before: currentLists.get(definition.code),
      }),
    ),
    refused,
  );

  // The catalogue after the import, against which every entry is cross-checked once.
  const after: Catalogue = {
    variables: [...new Map([...currentVariables, ...variables.map((e) => [e.definition.code, e.definition] as const)]).values()],
    codeLists: [...new Map([...currentLists, ...lists.map((e) => [e.definition.code, e.definition] as const)]).values()],
  };
  const plan: ImportPlan = { added: [], changed: [], unchanged: 0, refused };
  const writes: PlannedImport["writes"] = { variables: [], codeLists: [] };

  for (const entry of [...lists, ...variables] as Entry<Variable | CodeList>[]) {
    const fields = entry.before ? fieldChanges(entry.kind, entry.before, entry.definition) : undefined;
    if (fields && !fields.length) {
      plan.unchanged++;
      continue;
    }
    const errors =
      entry.kind === "variable"
        ? checkVariableEntry(entry as Entry<Variable>, after, published)
        : checkListEntry(entry as Entry<CodeList>, after, published);
    if (errors.length) {
      refused.push(...errors);
      continue;
    }
    const planned: PlannedEntry = { kind: entry.kind, code: entry.definition.code, sheet: entry.sheet, row: entry.row };
    if (fields) plan.changed.push({ ...planned, fields });
    else plan.added.push(planned);
    if (entry.kind === "variable") writes.variables.push(entry.definition as Variable);
    else writes.codeLists.push(entry.definition as CodeList);
  }
  refused.sort((a, b) => a.sheet.localeCompare(b.sheet) || a.row - b.row);
  return { plan, writes };
}

const validateVariable = validatorFor(variableSchema as never);
const validateCodeList = validatorFor(codeListSchema as never);

function checkVariableEntry(entry: Entry<Variable>, after: Catalogue, published: PublishedSnapshot[]): ImportRowError[] {
  const v = entry.definition;
  const shape = validateVariable(v);
  const errors = shape.length ? shape : checkVariable(v, without(after, "variables", v.code));
  const refused = errors.map((e) => fromFieldError(entry, e));
  if (entry.before && entry.before.type !== v.type) {
    const usedBy = published.filter((s) => s.catalogue.variables.some((u) => u.code === v.code));
    if (usedBy.length) {
      refused.push({
        ...rowError(
          "variables",
          entry.row,
          "variable_in_use",
          {
            fr: `La variable « ${v.code} » est utilisée par une version publiée : son type ne peut plus changer (elle peut être dépréciée).`,
            en: `Variable "${v.code}" is used by a published version: its type can no longer change (it may be deprecated).`,
          },
          "type",
          v.code,
        ),
        usedBy: usedBy.map(version),
      });
    }
  }
  return refused;
}

function checkListEntry(entry: Entry<CodeList>, after: Catalogue, published: PublishedSnapshot[]): ImportRowError[] {
  const list = entry.definition;
  const shape = validateCodeList(list);
  const errors = shape.length ? shape : checkCodeList(list, without(after, "codeLists", list.code));
  const refused = errors.map((e) => fromFieldError(entry, e));
  const kept = new Set(list.items.map((i) => i.code));
  const removed = (entry.before?.items ?? []).map((i) => i.code).filter((value) => !kept.has(value));
  const usedBy = published.filter((s) =>
    s.catalogue.codeLists.some((l) => l.code === list.code && l.items.some((i) => removed.includes(i.code))),
  );
  if (usedBy.length) {
    refused.push({
      ...rowError(
        "code_lists",
        entry.row,
        "code_in_use",
        {
          fr: `Les valeurs ${removed.join(", ")} de la liste « ${list.code} » sont utilisées par une version publiée : elles ne peuvent pas être retirées.`,
          en: `Values ${removed.join(", ")} of list "${list.code}" are used by a published version: they cannot be removed.`,
        },
        "code",
        list.code,
      ),
      usedBy: usedBy.map(version),
    });
  }
  return refused;
}

/** A second definition of the same code in the file is refused: which one should win is the writer's call. */
function dedupe<T extends { code: string }>(entries: Entry<T>[], refused: ImportRowError[]): Entry<T>[] {
  const first = new Map<string, Entry<T>>();
  return entries.filter((e) => {
    const earlier = first.get(e.definition.code);
    if (!earlier) {
      first.set(e.definition.code, e);
      return true;
    }
    refused.push(
      rowError(
        e.sheet,
        e.row,
        "duplicate_code",
        {
          fr: `Le code « ${e.definition.code} » est déjà défini ligne ${earlier.row}.`,
          en: `Code "${e.definition.code}" is already defined on row ${earlier.row}.`,
        },
        e.sheet === "variables" ? "code" : "list",
        e.definition.code,
      ),
    );
    return false;
  });
}

/** Field by field, compared as canonical JSON; a list's items are compared by value, then their order. */
function fieldChanges(kind: EntryKind, before: Variable | CodeList, after: Variable | CodeList): FieldChange[] {
  const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);
  const changes: FieldChange[] = [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  keys.delete("code");
  if (kind === "codeList") keys.delete("items");
  for (const key of [...keys].sort()) {
    const [b, a] = [(before as unknown as Record<string, unknown>)[key], (after as unknown as Record<string, unknown>)[key]];
    if (!same(b, a)) changes.push({ field: key, before: b ?? null, after: a ?? null });
  }
  if (kind === "codeList") {
    const [b, a] = [(before as CodeList).items, (after as CodeList).items];
    const byCode = (items: CodeList["items"]) => new Map(items.map((i) => [i.code, i]));
    const [bm, am] = [byCode(b), byCode(a)];
    for (const code of new Set([...bm.keys(), ...am.keys()])) {
      if (!same(bm.get(code), am.get(code)))
        changes.push({ field: `items/${code}`, before: bm.get(code) ?? null, after: am.get(code) ?? null });
    }
    if (
      !changes.length &&
      !same(
        b.map((i) => i.code),
        a.map((i) => i.code),
      )
    ) {
      changes.push({ field: "items/order", before: b.map((i) => i.code), after: a.map((i) => i.code) });
    }
  }
  return changes;
}

/** The row and column of the file a field error points into. */
function fromFieldError(entry: Entry<Variable | CodeList>, error: FieldError): ImportRowError {
  const [, first = "", second, ...rest] = error.pointer.split("/");
  let row = entry.row;
  let column: string;
  if (entry.kind === "variable") {
    column =
      first === "constraints" && second ? snake(second) : second && first !== "constraints" ? `${snake(first)}_${second}` : snake(first);
  } else if (first === "items" && second !== undefined) {
    row = entry.itemRows?.[Number(second)] ?? entry.row;
    column = rest.length > 1 ? `${rest[0]}_${rest[1]}` : (rest[0] ?? "code");
  } else {
    column = first === "code" || first === "items" ? "list" : first === "label" ? `list_label_${second ?? "fr"}` : snake(first);
  }
  return { ...rowError(entry.sheet, row, error.code, error.message, column || undefined, entry.definition.code) };
}

/** Catalogue property → export column (`codeList` → `code_list`). */
function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** Absent means active (types.ts): compared with a file, which always states it. */
function withStatus(v: Variable): Variable {
  return { ...v, status: v.status ?? "active" };
}

function without(catalogue: Catalogue, kind: "variables" | "codeLists", code: string): Catalogue {
  return { ...catalogue, [kind]: (catalogue[kind] as { code: string }[]).filter((x) => x.code !== code) };
}

function version(s: PublishedSnapshot) {
  return { formId: s.formId, version: s.version };
}
