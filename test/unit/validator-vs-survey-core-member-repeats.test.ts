import { describe, expect, it } from "vitest";
import { registryRecord } from "../../schemas/registry/household-from-submission";
import { deriveCatalogue } from "../helpers/derived-catalogue";
import { compareWithSurveyCore, verdict } from "../helpers/differential";
import { randomResponses } from "../helpers/random-responses";

/**
 * A repeat inside the members roster (issue #20: each member's jobs): each member holds the list of their
 * own records. Inside it, `{panel.x}` is the job's answer, `{parentpanel.x}` the member's and `{x}` the
 * household's, as survey-core reads them; our validator must give survey-core's verdict.
 */
const form = {
  elements: [
    { type: "boolean", name: "has_workers" },
    {
      type: "paneldynamic",
      name: "members",
      minPanelCount: 1,
      templateElements: [
        { type: "text", name: "first_name", isRequired: true },
        { type: "boolean", name: "works" },
        {
          type: "paneldynamic",
          name: "jobs",
          visibleIf: "{panel.works} = true",
          templateElements: [
            { type: "dropdown", name: "job_kind", choices: ["farming", "fishing", "trade"], isRequired: true },
            { type: "text", name: "job_income", inputType: "number", visibleIf: "{panel.job_kind} = 'trade'" },
            { type: "boolean", name: "job_paid", visibleIf: "{parentpanel.works} = true and {has_workers} = true" },
          ],
        },
      ],
    },
  ],
};

describe("a repeat inside the members roster: survey-core's verdict", () => {
  it.each([
    [
      "a member with two jobs",
      { members: [{ first_name: "Ali", works: true, jobs: [{ job_kind: "trade", job_income: 3 }, { job_kind: "farming" }] }] },
      [],
    ],
    ["a member without jobs", { members: [{ first_name: "Ali", works: true, jobs: [] }, { first_name: "Zaza" }] }, []],
    [
      "a job missing its required answer, in the second member",
      { members: [{ first_name: "Ali" }, { first_name: "Zaza", works: true, jobs: [{ job_kind: "fishing" }, {}] }] },
      ["/members/1/jobs/1/job_kind required"],
    ],
    [
      "a job answering what its own answer hides",
      { members: [{ first_name: "Ali", works: true, jobs: [{ job_kind: "fishing", job_income: 2 }] }] },
      ["/members/0/jobs/0/job_income hidden_answered"],
    ],
    [
      "a job answering what its member and the household show",
      { has_workers: true, members: [{ first_name: "Ali", works: true, jobs: [{ job_kind: "fishing", job_paid: true }] }] },
      [],
    ],
    [
      "a job answering what the household hides",
      { has_workers: false, members: [{ first_name: "Ali", works: true, jobs: [{ job_kind: "fishing", job_paid: true }] }] },
      ["/members/0/jobs/0/job_paid hidden_answered"],
    ],
    [
      "jobs of a member who does not work",
      { members: [{ first_name: "Ali", works: false, jobs: [{ job_kind: "fishing" }] }] },
      ["/members/0/jobs hidden_answered"],
    ],
  ] as const)("%s", (_, data, expected) => {
    const { ours, surveyCore } = verdict(form, data as Record<string, unknown>);
    expect(ours).toEqual(expected);
    expect(surveyCore).toBe(expected.length === 0);
  });

  it("keeps each member's jobs in the member, with the jobs' variables only", () => {
    const catalogue = deriveCatalogue(form);
    expect(catalogue.variables.filter((v) => v.level === "jobs").map((v) => v.code)).toEqual(["job_kind", "job_income", "job_paid"]);
    const data = {
      has_workers: true,
      members: [
        { first_name: "Ali", works: true, jobs: [{ job_kind: "trade", job_income: 3, job_paid: true, stray: 1 }] },
        { first_name: "Zaza" },
      ],
    };
    const { members } = registryRecord(data, catalogue);
    // The first name is the member's own column; the jobs stay with the member's answers.
    expect(members.map((m) => [m.firstName, m.attributes])).toEqual([
      ["Ali", { works: true, jobs: [{ job_kind: "trade", job_income: 3, job_paid: true }] }],
      ["Zaza", {}],
    ]);
  });

  it("gives survey-core's verdict on 60 random responses", async () => {
    const jobs = [
      undefined,
      [],
      [{ job_kind: "trade" }],
      [{ job_kind: "trade", job_income: 1 }],
      [{ job_kind: "farming", job_income: 1 }],
      [{}],
      [{ job_kind: "fishing", job_paid: true }],
    ];
    const responses = randomResponses(60, 20261208, {
      has_workers: [true, false, undefined],
      members: () => [
        [],
        ...jobs.flatMap((j) => [
          [{ first_name: "Ali", works: true, jobs: j }],
          [{ first_name: "Ali" }, { first_name: "Zaza", works: false, jobs: j }],
        ]),
      ],
    });
    const { disagreements, refused } = await compareWithSurveyCore(form, deriveCatalogue(form), responses);
    expect(disagreements.slice(0, 3)).toEqual([]);
    expect(refused).toBeGreaterThan(5);
    expect(refused).toBeLessThan(responses.length - 5);
  }, 180_000);
});
