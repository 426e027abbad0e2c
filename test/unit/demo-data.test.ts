import { describe, it, expect } from "vitest";
import { Model } from "survey-core";
import type { PanelModel, QuestionPanelDynamicModel } from "survey-core";
import { commune, island, prefecture } from "../../api/db/seeders/demo/admin-areas";
import { demoCatalogue } from "../../api/db/seeders/demo/catalogue";
import { householdMask, type MaskElement } from "../../api/db/seeders/demo/household-mask";
import { HOUSEHOLD_KEY_VARIABLES, INDIVIDUAL_KEY_VARIABLES, MEMBERS_ROSTER } from "../../schemas/contracts/registry";
import {
  BREAKAGES,
  HIDDEN_ANSWERED,
  UI_ONLY_BREAKAGES,
  generateResponses,
  validHousehold,
  type GeneratedResponse,
} from "../helpers/demo-responses";

// Each Model schedules timers that are freed only when the event loop turns (STACK.md trap 14).
const turn = () => new Promise((resolve) => setImmediate(resolve));

const variables = new Map(demoCatalogue.variables.map((v) => [v.code, v]));
const lists = new Map(demoCatalogue.codeLists.map((l) => [l.code, l]));

const topLevel: MaskElement[] = householdMask.pages.flatMap((p) => p.elements);
const roster = topLevel.find((e) => e.name === MEMBERS_ROSTER);
const memberQuestions = (roster?.templateElements ?? []) as MaskElement[];
const householdQuestions = topLevel.filter((e) => e.name !== MEMBERS_ROSTER);

function model(data: Record<string, unknown>): Model {
  const m = new Model(householdMask);
  m.data = data;
  return m;
}

function panel(m: Model, index: number): PanelModel {
  const p = (m.getQuestionByName(MEMBERS_ROSTER) as QuestionPanelDynamicModel).panels[index];
  if (!p) throw new Error(`no member panel ${index}`);
  return p;
}

describe("demo administrative areas", () => {
  it("has the three islands of the Union, their 16 prefectures and 54 communes", () => {
    expect(island.items.map((i) => i.code)).toEqual(["1", "2", "3"]);
    const perIsland = (code: string) => prefecture.items.filter((p) => p.parent === code).length;
    expect([perIsland("1"), perIsland("2"), perIsland("3")]).toEqual([8, 5, 3]);
    expect(commune.items).toHaveLength(54);
    for (const c of commune.items) expect(c.code.startsWith(c.parent ?? "?")).toBe(true);
    for (const p of prefecture.items) expect(p.code.startsWith(p.parent ?? "?")).toBe(true);
  });
});

describe("demo catalogue", () => {
  it("has unique variable, list and item codes", () => {
    expect(variables.size).toBe(demoCatalogue.variables.length);
    expect(lists.size).toBe(demoCatalogue.codeLists.length);
    for (const l of demoCatalogue.codeLists) {
      expect(new Set(l.items.map((i) => i.code)).size, l.code).toBe(l.items.length);
    }
  });

  it("names an existing code list exactly for choice variables", () => {
    for (const v of demoCatalogue.variables) {
      const isChoice = v.type === "single_choice" || v.type === "multiple_choice";
      expect(v.codeList !== undefined, v.code).toBe(isChoice);
      if (v.codeList) expect(lists.has(v.codeList), v.code).toBe(true);
      expect(v.code).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(v.label.en, v.code).toBeTruthy();
    }
  });

  it("gives every item of a child list a parent present in the parent list", () => {
    for (const l of demoCatalogue.codeLists) {
      if (!l.parentList) {
        expect(
          l.items.every((i) => i.parent === undefined),
          l.code,
        ).toBe(true);
        continue;
      }
      const parents = new Set(lists.get(l.parentList)?.items.map((i) => i.code));
      expect(parents.size, l.code).toBeGreaterThan(0);
      for (const item of l.items) expect(parents.has(item.parent ?? ""), `${l.code} ${item.code}`).toBe(true);
    }
  });

  it("defines the registry's key variables at the right level", () => {
    for (const code of Object.values(HOUSEHOLD_KEY_VARIABLES)) expect(variables.get(code)?.level, code).toBe("household");
    for (const code of Object.values(INDIVIDUAL_KEY_VARIABLES)) expect(variables.get(code)?.level, code).toBe("individual");
  });
});

describe("demo household mask", () => {
  it("binds every question to a catalogue variable of the right level, each variable once", () => {
    expect(roster?.type).toBe("paneldynamic");
    for (const q of householdQuestions) expect(variables.get(q.name)?.level, q.name).toBe("household");
    for (const q of memberQuestions) expect(variables.get(q.name)?.level, q.name).toBe("individual");
    const names = [...householdQuestions, ...memberQuestions].map((q) => q.name).sort();
    expect(names).toEqual([...variables.keys()].sort());
  });

  it("copies titles and choices from the catalogue", () => {
    for (const q of [...householdQuestions, ...memberQuestions]) {
      const v = variables.get(q.name)!;
      expect(q.title).toEqual(v.label);
      if (!v.codeList) continue;
      const choices = q.choices as { value: string; text: unknown }[];
      expect(choices.map((c) => [c.value, c.text])).toEqual(lists.get(v.codeList)!.items.map((i) => [i.code, i.label]));
    }
  });

  it("limits prefectures to the chosen island and communes to the chosen prefecture", async () => {
    const m = new Model(householdMask);
    const visible = (name: string) => m.getQuestionByName(name).visibleChoices.map((c: { value: unknown }) => c.value);
    m.setValue("island", "3");
    expect(visible("prefecture")).toEqual(["301", "302", "303"]);
    m.setValue("prefecture", "101");
    expect(visible("commune")).toEqual(["10101", "10102", "10103", "10104"]);
    await turn();
  });

  it("shows school questions by age and attendance", async () => {
    const m = model({ members: [{ birth_date: "2000-01-01", attends_school: false }, { birth_date: isoDaysAgo(200) }] });
    expect(panel(m, 0).getQuestionByName("attends_school").isVisible).toBe(true);
    expect(panel(m, 0).getQuestionByName("education_level").isVisible).toBe(false);
    expect(panel(m, 1).getQuestionByName("attends_school").isVisible).toBe(false);
    panel(m, 0).getQuestionByName("attends_school").value = true;
    expect(panel(m, 0).getQuestionByName("education_level").isVisible).toBe(true);
    await turn();
  });
});

function isoDaysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

describe("demo responses", () => {
  it("is deterministic", () => {
    expect(validHousehold(42)).toEqual(validHousehold(42));
    expect(generateResponses(30, 0.3, 5)).toEqual(generateResponses(30, 0.3, 5));
    expect(validHousehold(1)).not.toEqual(validHousehold(2));
  });

  it("generates households survey-core accepts, with the head first", async () => {
    for (let seed = 0; seed < 50; seed++) {
      const data = validHousehold(seed);
      const people = data.members as Record<string, unknown>[];
      expect(people.length).toBeGreaterThanOrEqual(1);
      expect(people.length).toBeLessThanOrEqual(12);
      expect(people.filter((p) => p.relation_to_head === "01")).toEqual([people[0]]);
      const m = model(data);
      expect(m.validate(false), `seed ${seed}`).toBe(true);
      await turn();
    }
  }, 60_000);

  it("breaks intended-invalid responses in ways survey-core rejects", async () => {
    const responses = generateResponses(72, 0.5, 11);
    const kinds = new Set(responses.map((r) => r.intendedInvalid));
    for (const k of [...BREAKAGES, HIDDEN_ANSWERED, null]) expect(kinds.has(k), String(k)).toBe(true);
    for (const k of UI_ONLY_BREAKAGES) expect(kinds.has(k)).toBe(false);
    expect(responses.filter((r) => r.intendedInvalid !== null && r.intendedInvalid !== HIDDEN_ANSWERED)).toHaveLength(36);

    for (const r of responses) {
      const m = model(r.data);
      const label = `${r.intendedInvalid} at ${r.where}`;
      if (r.intendedInvalid === HIDDEN_ANSWERED) expectHiddenAnswered(m, r);
      else {
        expect(m.validate(false), label).toBe(r.intendedInvalid === null);
        // Broken in one way: survey-core reports exactly the intended answer, nothing else. An empty
        // roster is the exception: survey-core shows minPanelCount blank panels and reports their
        // required questions, not the roster itself.
        const paths = errorPaths(m);
        if (r.intendedInvalid === "no_members")
          expect(
            paths.every((p) => p.startsWith(`${MEMBERS_ROSTER}[0].`)),
            label,
          ).toBe(true);
        else expect(paths, label).toEqual(r.where === undefined ? [] : [r.where]);
      }
      await turn();
    }
  }, 120_000);

  it("offers breakages survey-core does not see, which the server must refuse", async () => {
    const responses = generateResponses(28, 1, 3, { includeUiOnly: true, hiddenShare: 0 });
    const uiOnly = responses.filter((r) => (UI_ONLY_BREAKAGES as readonly (string | null)[]).includes(r.intendedInvalid));
    expect(uiOnly).toHaveLength(8);
    for (const r of uiOnly) {
      if (r.intendedInvalid === "too_many_members") expect((r.data.members as unknown[]).length).toBeGreaterThan(20);
      else expect((r.data.income_sources as unknown[]).length).toBeGreaterThan(3);
      // Documents survey-core 2.3.0's blind spot (STACK.md trap 13): it accepts these.
      expect(model(r.data).validate(false), `${r.intendedInvalid}`).toBe(true);
      await turn();
    }
  }, 60_000);
});

/**
 * Where survey-core finds errors, in the generator's `where` notation. Errors are recorded on the
 * questions only when validation "fires callbacks" (shows them), hence `validate(true)`.
 */
function errorPaths(m: Model): string[] {
  m.validate(true, false);
  const paths = m
    .getAllQuestions()
    .filter((q) => q.errors.length > 0)
    .map((q) => q.name);
  (m.getQuestionByName(MEMBERS_ROSTER) as QuestionPanelDynamicModel).panels.forEach((p, i) => {
    for (const q of p.questions) if (q.errors.length > 0) paths.push(`${MEMBERS_ROSTER}[${i}].${q.name}`);
  });
  return paths;
}

/** The answered question is hidden, so survey-core ignores it: the form is otherwise valid. */
function expectHiddenAnswered(m: Model, r: GeneratedResponse): void {
  const where = r.where ?? "";
  const inMember = /^members\[(\d+)\]\.(\w+)$/.exec(where);
  const question = inMember ? panel(m, Number(inMember[1])).getQuestionByName(inMember[2]!) : m.getQuestionByName(where);
  expect(question, where).toBeTruthy();
  expect(question.isVisible, where).toBe(false);
  expect(question.value, where).not.toBeUndefined();
  expect(m.validate(false), where).toBe(true);
}
