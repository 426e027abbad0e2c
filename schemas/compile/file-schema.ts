import { MAX_FILE_BYTES } from "../contracts/attachments";
import { acceptedFileTypes, signatureFileType } from "./file-types";
import { FILE_KEYWORD, type FileKeywordValue, type JsonSchema } from "./types";

type Question = Record<string, unknown>;

/**
 * The answer of a file question (a list of files; one unless `allowMultiple`) or of a signature pad (one
 * drawing), each file checked by the file keyword. A `maxSize` of 0 (survey-core's "no limit") is rsu's
 * limit per file; a type or size rsu cannot honour is refused at publish (mask-checks.ts).
 */
export function fileAnswerSchema(question: Question): JsonSchema {
  const own = typeof question.maxSize === "number" && question.maxSize > 0 ? question.maxSize : MAX_FILE_BYTES;
  const maxSize = Math.min(own, MAX_FILE_BYTES);
  if (String(question.type).toLowerCase() === "signaturepad") {
    const type = signatureFileType(question.dataFormat) ?? "image/png";
    const value: FileKeywordValue = { types: [type], maxSize, signature: true };
    return { type: ["string", "object"], [FILE_KEYWORD]: value };
  }
  const value: FileKeywordValue = { types: acceptedFileTypes(question.acceptedTypes).types, maxSize };
  return {
    type: "array",
    items: { type: "object", [FILE_KEYWORD]: value },
    ...(question.allowMultiple === true ? {} : { maxItems: 1 }),
  };
}

/** One file answered, where it stands in the data (JSON pointer segments) and the question's code. */
export interface FileAnswerAt {
  path: (string | number)[];
  code: string;
  value: unknown;
  signature: boolean;
}

/**
 * Every file of the data that a compiled schema checks with the file keyword: walks the schema and the
 * data together (properties of objects, items of lists), so that a text answer that happens to start with
 * `data:` is never taken for a file. The API stores what it finds and puts a reference in its place.
 */
export function fileAnswersIn(schema: JsonSchema, data: unknown, path: (string | number)[] = [], code = ""): FileAnswerAt[] {
  if (FILE_KEYWORD in schema) {
    const value = schema[FILE_KEYWORD] as FileKeywordValue;
    return data === undefined ? [] : [{ path, code, value: data, signature: value.signature === true }];
  }
  if (Array.isArray(data) && schema.items && typeof schema.items === "object") {
    return data.flatMap((item, i) => fileAnswersIn(schema.items as JsonSchema, item, [...path, i], code));
  }
  if (data && typeof data === "object" && !Array.isArray(data) && schema.properties) {
    const properties = schema.properties as Record<string, JsonSchema>;
    return Object.entries(data as Record<string, unknown>).flatMap(([key, value]) =>
      properties[key] ? fileAnswersIn(properties[key], value, [...path, key], key) : [],
    );
  }
  return [];
}
