import { describe, expect, it } from "vitest";
import { compile, CompileError, createValidator, type SurveyJson } from "../../schemas/compile";
import { fileAnswersIn } from "../../schemas/compile/file-schema";
import { acceptedFileTypes, leadingBytes, parseDataUrl, sniffFileType } from "../../schemas/compile/file-types";
import { MAX_FILE_BYTES } from "../../schemas/contracts/attachments";
import { deriveCatalogue } from "../helpers/derived-catalogue";
import { verdict } from "../helpers/differential";

/**
 * Files, photos and signatures (issue #20): a file question's answer is a list of `{name, type, content}`
 * with a base64 data URL, a signature pad's a data URL, as survey-core stores them (`storeDataAsText`).
 * The server checks the decoded size and the type read from the bytes; survey-core checks maxSize only when
 * a file is chosen and acceptedTypes never, so the differential test compares requiredness and conditions.
 */
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
const dataUrl = (type: string, bytes: number[] | string) =>
  `data:${type};base64,${Buffer.from(typeof bytes === "string" ? Buffer.from(bytes) : Uint8Array.from(bytes)).toString("base64")}`;
const png = dataUrl("image/png", PNG);
const photo = (content = png, name = "photo.png", type = "image/png") => ({ name, type, content });
const ref = { name: "photo.png", type: "image/png", size: 16, sha256: "a".repeat(64), attachment: "0d4c1a8e-7f1b-4c52-9a4e-2f1d3b6c8e90" };

const form = (extra: Record<string, unknown> = {}, signature: Record<string, unknown> = {}): SurveyJson => ({
  elements: [
    { type: "boolean", name: "consent" },
    { type: "file", name: "photo", acceptedTypes: "image/*", storeDataAsText: true, ...extra },
    { type: "signaturepad", name: "signature", visibleIf: "{consent} = true", isRequired: true, ...signature },
  ],
});
const errorsOf = (mask: SurveyJson, data: Record<string, unknown>) =>
  createValidator(compile(mask, deriveCatalogue(mask)))(data).map((e) => `${e.pointer} ${e.code}`);

describe("file and signature answers are checked as survey-core stores them", () => {
  it("accepts a PNG photo and a PNG signature, and the references the API stores in their place", () => {
    expect(errorsOf(form(), { consent: true, photo: [photo()], signature: png })).toEqual([]);
    expect(errorsOf(form(), { consent: true, photo: [ref], signature: ref })).toEqual([]);
  });

  it("refuses a file larger than maxSize (decoded bytes), or than rsu's limit when the form sets none", () => {
    expect(errorsOf(form({ maxSize: 15 }), { photo: [photo()] })).toEqual(["/photo/0 file_too_large"]);
    expect(errorsOf(form({ maxSize: 16 }), { photo: [photo()] })).toEqual([]);
    const bytes = Buffer.alloc(MAX_FILE_BYTES + 1);
    bytes.set(PNG);
    const big = `data:image/png;base64,${bytes.toString("base64")}`;
    expect(errorsOf(form(), { photo: [photo(big)] })).toEqual(["/photo/0 file_too_large"]);
  });

  it("reads the type from the bytes: a page or a PDF named photo.png is refused, a JPEG declared PNG is a JPEG", () => {
    expect(errorsOf(form(), { photo: [photo(dataUrl("image/png", "<html><script>1</script>"))] })).toEqual(["/photo/0 file_type"]);
    expect(errorsOf(form(), { photo: [photo(dataUrl("image/png", "%PDF-1.4 ..."))] })).toEqual(["/photo/0 file_type"]);
    expect(errorsOf(form({ acceptedTypes: ".pdf" }), { photo: [photo(dataUrl("image/png", "%PDF-1.4 ..."))] })).toEqual([]);
    expect(errorsOf(form(), { photo: [photo(dataUrl("image/png", [0xff, 0xd8, 0xff, 0xe0, 0, 16]))] })).toEqual([]);
    expect(errorsOf(form({}, { dataFormat: "jpeg" }), { consent: true, signature: png })).toEqual(["/signature file_type"]);
  });

  it("refuses what is no file: no data URL, extra keys, empty content, two files where one is asked", () => {
    expect(errorsOf(form(), { photo: [photo("photo.png")] })).toEqual(["/photo/0 file_invalid"]);
    expect(errorsOf(form(), { photo: [{ ...photo(), size: 3 }] })).toEqual(["/photo/0 file_invalid"]);
    expect(errorsOf(form(), { photo: [photo("data:image/png;base64,")] })).toEqual(["/photo/0 file_invalid"]);
    expect(errorsOf(form(), { consent: true, signature: "data:image/png;base64,iVB" })).toEqual(["/signature file_invalid"]);
    expect(errorsOf(form(), { photo: [photo(), photo()] })).toEqual(["/photo max_items"]);
    expect(errorsOf(form({ allowMultiple: true }), { photo: [photo(), photo()] })).toEqual([]);
  });

  it("words each problem in French and English", () => {
    const [error] = createValidator(compile(form({ maxSize: 15 }), deriveCatalogue(form())))({ photo: [photo()] });
    expect(error!.message.fr).toMatch(/^Le fichier dépasse /);
    expect(error!.message.en).toMatch(/^The file is larger than /);
  });

  it("gives survey-core's verdict on requiredness and conditions", () => {
    const cases: Record<string, unknown>[] = [
      { consent: true, photo: [photo()], signature: png },
      { consent: true, photo: [photo()] },
      { consent: false, photo: [photo()] },
      { consent: false, signature: png },
      {},
    ];
    const required = form({ isRequired: true });
    for (const data of cases)
      for (const mask of [form(), required]) {
        const { ours, surveyCore } = verdict(mask, data);
        expect([data, ours.length === 0]).toEqual([data, surveyCore]);
      }
  });
});

describe("what a file question may ask is compiled or refused at publish, named", () => {
  const refused = (extra: Record<string, unknown>, signature: Record<string, unknown> = {}) => {
    try {
      compile(form(extra, signature), deriveCatalogue(form()));
      return [];
    } catch (error) {
      if (!(error instanceof CompileError)) throw error;
      return error.problems.map((p) => `${p.name} ${p.code} ${p.message.en}`);
    }
  };
  it.each([
    [{ storeDataAsText: false }, {}, "storeDataAsText"],
    [{ acceptedTypes: "video/*" }, {}, "acceptedTypes"],
    [{ maxSize: MAX_FILE_BYTES + 1 }, {}, "maxSize"],
    [{}, { dataFormat: "svg" }, "dataFormat"],
  ])("%o %o: %s refused", (extra, signature, property) => {
    expect(refused(extra, signature)).toEqual([expect.stringContaining(`unsupported_property Property "${property}"`)]);
  });
});

describe("types rsu knows, from the bytes", () => {
  const bytes = (text: string) => [...Buffer.from(text, "latin1")];
  it.each([
    ["image/png", PNG],
    ["image/jpeg", [0xff, 0xd8, 0xff, 0xdb]],
    ["image/gif", bytes("GIF89a")],
    ["image/webp", bytes("RIFF\0\0\0\0WEBPVP8 ")],
    ["audio/wav", bytes("RIFF\0\0\0\0WAVEfmt ")],
    ["application/pdf", bytes("%PDF-1.7")],
    ["audio/ogg", bytes("OggS\0")],
    ["audio/mpeg", bytes("ID3\x04")],
    ["audio/mp4", bytes("\0\0\0\x20ftypM4A ")],
    [undefined, bytes("<svg xmlns=")],
    [undefined, bytes("PK\x03\x04")],
  ])("%s", (type, content) => {
    const parsed = parseDataUrl(dataUrl("application/octet-stream", content))!;
    expect(sniffFileType(leadingBytes(parsed.base64))).toBe(type);
  });

  it("reads acceptedTypes as MIME types, wildcards and extensions, and names what it cannot check", () => {
    expect(acceptedFileTypes("image/*, .pdf")).toEqual({
      types: ["image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf"],
      unknown: [],
    });
    expect(acceptedFileTypes(".jpg,audio/mp3,.docx")).toEqual({ types: ["image/jpeg", "audio/mpeg"], unknown: [".docx"] });
  });
});

describe("the API finds every file of a submission through the compiled schema", () => {
  const mask: SurveyJson = {
    elements: [
      { type: "text", name: "note" },
      form().elements as never,
      { type: "paneldynamic", name: "plots", templateElements: [{ type: "file", name: "plot_photo", storeDataAsText: true }] },
    ].flat(),
  };
  it("in the household and in the records of a repeat, never a text that looks like one", () => {
    const schema = compile(mask, deriveCatalogue(mask));
    const data = { note: png, consent: true, photo: [photo()], signature: png, plots: [{}, { plot_photo: [photo(), photo()] }] };
    expect(fileAnswersIn(schema, data).map((f) => [f.path.join("/"), f.code, f.signature])).toEqual([
      ["photo/0", "photo", false],
      ["signature", "signature", true],
      ["plots/1/plot_photo/0", "plot_photo", false],
      ["plots/1/plot_photo/1", "plot_photo", false],
    ]);
  });
});
