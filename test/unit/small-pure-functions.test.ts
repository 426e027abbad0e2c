import { describe, expect, it } from "vitest";
import { auditHash, GENESIS_HASH } from "../../api/audit/audit-chain";
import { roleMay } from "../../api/auth/permissions";
import { failureReason } from "../../api/services/failed-jobs";
import { contentHash, submissionContentHash } from "../../api/services/hash";
import { catalogueSnapshot } from "../../schemas/catalogue/snapshot";
import type { Catalogue } from "../../schemas/catalogue/types";
import { canonicalJson } from "../../schemas/contracts/canonical-json";
import { errorVariable, parseReportPeriod } from "../../schemas/contracts/reports";
import { registryAnswers } from "../../schemas/registry/registry-answers";
import { exportLevels, householdValue } from "../../schemas/registry/export-columns";
import { searchKey } from "../../schemas/registry/search-key";

describe("searchKey", () => {
  it.each([
    ["Saïd", "said"],
    ["  MOHAMED   Abdallah ", "mohamed abdallah"],
    ["Zaïnaba M'Madi", "zainaba m madi"],
    ["Hadidja-Ahamada", "hadidja ahamada"],
  ])("%s → %s", (name, key) => expect(searchKey(name)).toBe(key));
});

describe("failureReason: a failed job's stored text becomes a code, never shown itself", () => {
  it.each([
    ["payload without a submission id", "invalid_payload"],
    ["unknown job export-registry", "unknown_job"],
    ["job stalled more than allowable limit", "stalled"],
    ["DatabaseError (08006)", "database_unavailable"],
    ["ConnectionException (57P01)", "database_unavailable"],
    ["UniqueConstraintViolationException (23505)", "database_error"],
    ["DatabaseError", "database_error"],
    ["KnexTimeoutError: Timeout acquiring a connection", "database_unavailable"],
    ["connect ECONNREFUSED 127.0.0.1:6379", "service_unavailable"],
    ["Cannot read properties of undefined (reading 'nin') for Saïd Mohamed", "unexpected_error"],
  ])("%s → %s", (text, code) => expect(failureReason(text)).toBe(code));
});

describe("parseReportPeriod: a month or a quarter, in the registry's local time, the end excluded (issue #23)", () => {
  it.each([
    ["2026-11", undefined, { kind: "monthly", from: "2026-11-01T00:00:00.000Z", to: "2026-12-01T00:00:00.000Z" }],
    ["2026-12", "monthly", { kind: "monthly", from: "2026-12-01T00:00:00.000Z", to: "2027-01-01T00:00:00.000Z" }],
    ["2026-Q4", "quarterly", { kind: "quarterly", from: "2026-10-01T00:00:00.000Z", to: "2027-01-01T00:00:00.000Z" }],
    ["2027-Q1", undefined, { kind: "quarterly", from: "2027-01-01T00:00:00.000Z", to: "2027-04-01T00:00:00.000Z" }],
  ] as const)("%s (%s)", (label, kind, expected) =>
    expect(parseReportPeriod(label, kind)).toEqual({ ...expected, label, timeZone: "UTC" }),
  );
  it.each([
    // Moroni is UTC+3 all year: November begins on 31 October at 21:00 UTC.
    ["2026-11", "Indian/Comoro", "2026-10-31T21:00:00.000Z", "2026-11-30T21:00:00.000Z"],
    ["2026-Q4", "Indian/Comoro", "2026-09-30T21:00:00.000Z", "2026-12-31T21:00:00.000Z"],
    // Across a daylight-saving change: March begins in winter time (UTC-5), April in summer time (UTC-4).
    ["2027-03", "America/New_York", "2027-03-01T05:00:00.000Z", "2027-04-01T04:00:00.000Z"],
  ])("%s in %s: from %s to %s", (label, zone, from, to) =>
    expect(parseReportPeriod(label, undefined, zone)).toMatchObject({ from, to, timeZone: zone }),
  );
  it.each([
    ["2026-13", undefined],
    ["2026-Q5", undefined],
    ["2026-1", undefined],
    ["2026-Q4", "monthly"],
    ["2026-11", "quarterly"],
  ] as const)("refuses %s (%s)", (label, kind) => expect(parseReportPeriod(label, kind)).toBeNull());
});

describe("errorVariable: the variable a validation error names, row numbers left out", () => {
  it.each([
    ["/number_of_rooms", "number_of_rooms"],
    ["/members/2/birth_date", "birth_date"],
    ["/members/2", "members"],
    ["", "(racine)"],
  ])("%s → %s", (pointer, variable) => expect(errorVariable(pointer)).toBe(variable));
});

describe("canonicalJson", () => {
  it("ignores key order at every depth, keeps array order", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe(canonicalJson({ a: { c: null, d: [2, 1] }, b: 1 }));
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });
});

describe("submissionContentHash", () => {
  const data = { village: "Koimbani", members: [{ sex: "2", first_name: "Nadjma" }], island: "1" };
  it("is the content hash of the envelope's canonical JSON, built from the answers' canonical text", () => {
    expect(submissionContentHash(canonicalJson(data), "menage", 3, null)).toBe(contentHash({ formId: "menage", version: 3, data }));
  });
  it("with an update's target too", () => {
    const target = { householdId: "0b7e6a43-5d0e-4c33-9c55-6d1a7c2f1f10", baseVersion: 2 };
    expect(submissionContentHash(canonicalJson(data), "menage", 3, target)).toBe(
      contentHash({ formId: "menage", version: 3, data, ...target }),
    );
  });
});

describe("auditHash", () => {
  const row = {
    seq: 1,
    at: new Date("2026-11-28T10:00:00Z"),
    actorId: null,
    actor: "seed",
    action: "x",
    entityType: "t",
    entityId: null,
    details: { a: 1 },
    address: null,
  };
  it("changes with the content and with the previous hash", () => {
    const hash = auditHash(GENESIS_HASH, row);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(auditHash(GENESIS_HASH, { ...row, details: { a: 2 } })).not.toBe(hash);
    expect(auditHash(GENESIS_HASH, { ...row, seq: 2 })).not.toBe(hash);
    expect(auditHash("f".repeat(64), row)).not.toBe(hash);
  });
});

describe("roleMay", () => {
  it.each([
    [["clerk"], "submissions:create", true],
    [["analyst"], "submissions:create", false],
    [["designer"], "households:read", false],
    [["analyst", "clerk"], "submissions:create", true],
    [[], "public", true],
    [["admin"], "audit:read", true],
    [["supervisor"], "users:manage", false],
  ] as const)("%j may %s: %s", (roles, permission, expected) => expect(roleMay(roles, permission)).toBe(expected));
});

describe("catalogueSnapshot", () => {
  const catalogue: Catalogue = {
    variables: [
      { code: "commune", level: "household", type: "single_choice", label: { fr: "Commune" }, codeList: "commune" },
      { code: "sex", level: "individual", type: "single_choice", label: { fr: "Sexe" }, codeList: "sex" },
      { code: "unused", level: "household", type: "text", label: { fr: "Inutilisée" } },
    ],
    codeLists: [
      { code: "island", label: { fr: "Île" }, items: [] },
      { code: "prefecture", label: { fr: "Préfecture" }, parentList: "island", items: [] },
      { code: "commune", label: { fr: "Commune" }, parentList: "prefecture", items: [] },
      { code: "sex", label: { fr: "Sexe" }, items: [] },
      { code: "other", label: { fr: "Autre" }, items: [] },
    ],
  };
  it("keeps the bound variables, their lists and the lists' ancestors, nothing else", () => {
    const snapshot = catalogueSnapshot(catalogue, ["commune", "sex"]);
    expect(snapshot.variables.map((v) => v.code)).toEqual(["commune", "sex"]);
    expect(snapshot.codeLists.map((l) => l.code).sort()).toEqual(["commune", "island", "prefecture", "sex"]);
  });
});

describe("registryAnswers", () => {
  const snapshot = {
    variables: [
      { code: "island", level: "household", type: "single_choice", label: { fr: "Île" } },
      { code: "first_name", level: "individual", type: "text", label: { fr: "Prénom" } },
    ],
    codeLists: [],
  } as Catalogue;

  it("keeps the answers of the version's variables and drops those of unbound questions, in the roster too", () => {
    const data = { island: "1", consent: "oui", members: [{ first_name: "Ali", checked: true }, { first_name: "Sitti" }] };
    expect(registryAnswers(data, snapshot)).toEqual({ island: "1", members: [{ first_name: "Ali" }, { first_name: "Sitti" }] });
    expect(data.consent).toBe("oui");
  });

  it("keeps a multiple text's items as the variables they are, and comments beside their answers", () => {
    const data = {
      island: "1",
      "island-Comment": "près du port",
      "consent-Comment": "x",
      contact: { first_name: "Ali", fax: "2" },
      members: [{ names: { first_name: "Sitti" }, "first_name-Comment": "dite Sissi" }],
    };
    expect(registryAnswers(data, snapshot)).toEqual({
      island: "1",
      "island-Comment": "près du port",
      members: [{ first_name: "Sitti", "first_name-Comment": "dite Sissi" }],
    });
  });
});

describe("export columns", () => {
  it("follow a variable whose list has an 'other' code with the other text, read from `<code>-Comment`", () => {
    const catalogue = {
      variables: [{ code: "water", level: "household", type: "single_choice", label: { fr: "Eau", en: "Water" }, codeList: "water" }],
      codeLists: [
        {
          code: "water",
          label: { fr: "Eau" },
          items: [
            { code: "tap", label: { fr: "Robinet" } },
            { code: "other", label: { fr: "Autre", en: "Other" } },
          ],
        },
      ],
    } as Catalogue;
    const [households] = exportLevels(catalogue, "en");
    const other = households.columns.at(-1)!;
    expect(households.columns.slice(-2).map((c) => c.name)).toEqual(["water", "water_other"]);
    expect(other).toMatchObject({ label: "Water (Other, specify)", kind: "text", variable: "water" });
    expect(householdValue(other, { attributes: { water: "other", "water-Comment": "rivière" } }, {})).toBe("rivière");
  });
});
