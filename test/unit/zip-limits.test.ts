import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { measureZip } from "../../api/imports/zip-limits";
import { readXlsForm } from "../../schemas/xlsform/read-xlsform";
import { workbookOfCells, zipOf } from "../helpers/zip-bomb";

/** The ZIP measure that runs before any spreadsheet reader (issue #20): it trusts no size the archive states. */
const limits = { maxUncompressedBytes: 1024 * 1024, maxEntries: 10 };
const spaces = (bytes: number) => new Uint8Array(bytes).fill(0x20);

describe("measureZip", () => {
  it("measures a real workbook: every part inflated, its true total", () => {
    const bytes = new Uint8Array(readFileSync(new URL("../fixtures/xlsform/onadata__grains.xlsx", import.meta.url)));
    const measure = measureZip(bytes, { maxUncompressedBytes: 40 * 1024 * 1024, maxEntries: 1000 });
    expect(measure.ok).toBe(true);
    expect(measure.ok && measure.uncompressedBytes).toBeGreaterThan(bytes.length);
  });

  it("refuses a part that inflates past the limit, whatever size its headers state", () => {
    const honest = zipOf([{ name: "xl/worksheets/sheet1.xml", content: spaces(2 * 1024 * 1024) }]);
    const lying = zipOf([{ name: "xl/worksheets/sheet1.xml", content: spaces(2 * 1024 * 1024), declaredSize: 100 }]);
    expect(honest.length).toBeLessThan(10_000);
    expect(measureZip(honest, limits)).toEqual({ ok: false, reason: "too_large" });
    expect(measureZip(lying, limits)).toEqual({ ok: false, reason: "too_large" });
  });

  it("adds the parts up: many parts each under the limit are refused together", () => {
    const parts = Array.from({ length: 5 }, (_, i) => ({ name: `p${i}.xml`, content: spaces(300 * 1024) }));
    expect(measureZip(zipOf(parts), limits)).toEqual({ ok: false, reason: "too_large" });
    expect(measureZip(zipOf(parts.slice(0, 3)), limits)).toEqual({ ok: true, uncompressedBytes: 3 * 300 * 1024 });
  });

  it("refuses too many parts, and calls a truncated archive unreadable", () => {
    const parts = Array.from({ length: 11 }, (_, i) => ({ name: `p${i}.xml`, content: spaces(10) }));
    expect(measureZip(zipOf(parts), limits)).toEqual({ ok: false, reason: "too_many_entries" });
    const whole = zipOf(parts.slice(0, 2));
    expect(measureZip(whole.subarray(0, whole.length - 30), limits)).toEqual({ ok: false, reason: "unreadable" });
  });
});

describe("readXlsForm's cell limit", () => {
  it("reads up to the limit of filled cells, and counts one more as too many without building the tables", () => {
    const bytes = workbookOfCells(49); // 26 + 20 × 49 = 1,006 cells
    const under = readXlsForm(bytes, 1_006);
    expect(under && "tables" in under && under.tables.choices.length).toBe(49);
    expect(readXlsForm(bytes, 1_005)).toEqual({ format: "xlsx", tooManyCells: 1_006 });
  }, 30_000);
});
