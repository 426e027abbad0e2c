import { describe, expect, it } from "vitest";
import type { Catalogue, Variable } from "../../schemas/catalogue/types";
import type { ChangeClass, ChangeKind } from "../../schemas/contracts/forms";
import { diffVersions, worstClass, type FormSide } from "../../schemas/forms/version-diff";

const v = (code: string, type: Variable["type"], extra: Partial<Variable> = {}): Variable => ({
  code,
  level: "household",
  type,
  label: { fr: code },
  ...extra,
});
const list = (code: string, items: string[]) => ({ code, label: { fr: code }, items: items.map((c) => ({ code: c, label: { fr: c } })) });

function side(variables: Variable[], required: string[] = [], lists: Catalogue["codeLists"] = []): FormSide {
  return {
    mask: {
      pages: [
        {
          name: "p",
          elements: variables.map((x) => ({ type: "text", name: x.code, ...(required.includes(x.code) ? { isRequired: true } : {}) })),
        },
      ],
    },
    snapshot: { variables, codeLists: lists },
  };
}

const rooms = (constraints?: Variable["constraints"]) => v("rooms", "integer", constraints ? { constraints } : {});
const island = v("island", "single_choice", { codeList: "island" });

const cases: Array<{ name: string; from: FormSide | null; to: FormSide; kinds: ChangeKind[]; class: ChangeClass }> = [
  { name: "nothing changed", from: side([rooms()]), to: side([rooms()]), kinds: [], class: "cosmetic" },
  { name: "first version: all added", from: null, to: side([rooms()]), kinds: ["added"], class: "compatible" },
  { name: "variable added", from: side([]), to: side([rooms()]), kinds: ["added"], class: "compatible" },
  { name: "variable removed", from: side([rooms()]), to: side([]), kinds: ["removed"], class: "breaking" },
  { name: "type changed", from: side([rooms()]), to: side([v("rooms", "decimal")]), kinds: ["type_changed"], class: "breaking" },
  {
    name: "code removed",
    from: side([island], [], [list("island", ["1", "2", "3"])]),
    to: side([island], [], [list("island", ["1", "2"])]),
    kinds: ["code_list_narrowed"],
    class: "breaking",
  },
  {
    name: "code added",
    from: side([island], [], [list("island", ["1"])]),
    to: side([island], [], [list("island", ["1", "2"])]),
    kinds: ["code_list_widened"],
    class: "compatible",
  },
  {
    name: "code swapped counts as narrowed",
    from: side([island], [], [list("island", ["1"])]),
    to: side([island], [], [list("island", ["2"])]),
    kinds: ["code_list_narrowed"],
    class: "breaking",
  },
  { name: "max lowered", from: side([rooms({ max: 30 })]), to: side([rooms({ max: 20 })]), kinds: ["range_narrowed"], class: "breaking" },
  { name: "min raised", from: side([rooms({ min: 0 })]), to: side([rooms({ min: 1 })]), kinds: ["range_narrowed"], class: "breaking" },
  { name: "bound added", from: side([rooms()]), to: side([rooms({ max: 30 })]), kinds: ["range_narrowed"], class: "breaking" },
  { name: "max raised", from: side([rooms({ max: 20 })]), to: side([rooms({ max: 30 })]), kinds: ["range_widened"], class: "compatible" },
  { name: "bound removed", from: side([rooms({ min: 1 })]), to: side([rooms()]), kinds: ["range_widened"], class: "compatible" },
  {
    name: "pattern changed",
    from: side([v("tel", "phone", { constraints: { pattern: "3[0-9]{6}" } })]),
    to: side([v("tel", "phone", { constraints: { pattern: "[34][0-9]{6}" } })]),
    kinds: ["range_narrowed"],
    class: "breaking",
  },
  { name: "made required", from: side([rooms()]), to: side([rooms()], ["rooms"]), kinds: ["made_required"], class: "breaking" },
  { name: "made optional", from: side([rooms()], ["rooms"]), to: side([rooms()]), kinds: ["made_optional"], class: "compatible" },
  {
    name: "label only",
    from: side([rooms()]),
    to: side([v("rooms", "integer", { label: { fr: "Pièces" } })]),
    kinds: ["label_changed"],
    class: "cosmetic",
  },
  {
    name: "worst wins",
    from: side([rooms(), island], [], [list("island", ["1"])]),
    to: side([v("rooms", "integer", { label: { fr: "x" } }), v("age", "integer")], [], []),
    kinds: ["removed", "added", "label_changed"],
    class: "breaking",
  },
];

describe("version diff", () => {
  it.each(cases)("$name", ({ from, to, kinds, class: cls }) => {
    const changes = diffVersions(from, to);
    expect(changes.map((c) => c.kind).sort()).toEqual([...kinds].sort());
    expect(worstClass(changes)).toBe(cls);
  });

  it("ignores questions bound to no variable of the snapshot", () => {
    const to = side([rooms()]);
    (to.mask.pages as Array<{ elements: unknown[] }>)[0]!.elements.push({ type: "text", name: "free_note" });
    expect(diffVersions(side([rooms()]), to)).toEqual([]);
  });
});
