import type { ErrorObject, FuncKeywordDefinition } from "ajv";
import type { DataValidateFunction, DataValidationCxt } from "ajv/dist/types";
import { isAttachmentRef } from "../contracts/attachments";
import { leadingBytes, parseDataUrl, sniffFileType } from "./file-types";
import { FILE_KEYWORD, type FileKeywordValue } from "./types";

/** The error codes this keyword reports, in `params.code`; field-errors.ts words them. */
export type FileCode = "file_invalid" | "file_too_large" | "file_type";

/**
 * One file of an answer (issue #20): a file question's item `{name, type, content}` or a signature pad's
 * data URL, as survey-core sends them, or the reference the API put in its place once stored. Its size is
 * counted on the decoded bytes and its type read from them. survey-core checks `maxSize` only when a file is
 * chosen and never `acceptedTypes` (the file input's filter): here both are checked on the data itself.
 */
export const fileKeyword: FuncKeywordDefinition = {
  keyword: FILE_KEYWORD,
  schemaType: "object",
  errors: true,
  compile(value: FileKeywordValue) {
    const validate: DataValidateFunction = (data: unknown, cxt?: DataValidationCxt) => {
      const code = fileProblem(data, value);
      validate.errors = code ? [error(cxt?.instancePath ?? "", code, value)] : undefined;
      return code === undefined;
    };
    return validate;
  },
};

export function fileProblem(data: unknown, limits: FileKeywordValue): FileCode | undefined {
  if (isAttachmentRef(data)) {
    if (data.size > limits.maxSize) return "file_too_large";
    return (limits.types as string[]).includes(data.type) ? undefined : "file_type";
  }
  const content = limits.signature ? data : inlineContent(data);
  const parsed = typeof content === "string" ? parseDataUrl(content) : undefined;
  if (!parsed || parsed.size === 0) return "file_invalid";
  if (parsed.size > limits.maxSize) return "file_too_large";
  const type = sniffFileType(leadingBytes(parsed.base64));
  return type && (limits.types as string[]).includes(type) ? undefined : "file_type";
}

/** The content of `{name, type, content}`, nothing more; undefined for any other shape. */
function inlineContent(data: unknown): unknown {
  if (!data || typeof data !== "object" || Array.isArray(data)) return undefined;
  const { name, type, content, ...rest } = data as Record<string, unknown>;
  if (Object.keys(rest).length || typeof name !== "string" || name.length > 255 || typeof type !== "string") return undefined;
  return content;
}

function error(instancePath: string, code: FileCode, value: FileKeywordValue): Partial<ErrorObject> {
  return { keyword: FILE_KEYWORD, instancePath, params: { code, maxSize: value.maxSize, types: value.types }, message: code };
}
