import { type AttachmentRef, isAttachmentRef } from "../schemas/contracts/attachments";
import type { FormAnswers } from "../schemas/contracts/submissions";

/** Where the API may serve a stored file of these answers, with the reader's rights: tried in turn. */
export type FileUrls = (attachment: string) => string[];

/**
 * Answers reopened for an update or a correction (issue #20) hold references to stored files; survey-core
 * shows a file question's list of `{name, type, content}` and a signature pad's data URL. Each file is
 * fetched through the authorised route and put back in that shape, so the clerk sees the photo and an
 * unchanged file goes back as the same bytes (the API then names the stored file again). A file that cannot
 * be fetched (not readable with the clerk's rights, offline) keeps its reference: sent back, it stays as it was.
 */
export async function withStoredFiles(answers: FormAnswers, urls: FileUrls): Promise<FormAnswers> {
  const contents = new Map<string, Promise<string | null>>();
  const content = (ref: AttachmentRef) => {
    const known = contents.get(ref.attachment) ?? firstDataUrl(urls(ref.attachment));
    contents.set(ref.attachment, known);
    return known;
  };
  return { ...answers, data: (await shown(answers.data, content)) as Record<string, unknown> };
}

/** A copy of the value with each stored file in survey-core's shape. */
async function shown(value: unknown, content: (ref: AttachmentRef) => Promise<string | null>): Promise<unknown> {
  if (isAttachmentRef(value)) return (await content(value)) ?? value;
  if (Array.isArray(value)) {
    if (value.length && value.every(isAttachmentRef)) {
      return Promise.all(
        value.map(async (ref) => {
          const text = await content(ref);
          return text ? { name: ref.name, type: ref.type, content: text } : ref;
        }),
      );
    }
    return Promise.all(value.map((item) => shown(item, content)));
  }
  if (value && typeof value === "object") {
    const entries = await Promise.all(Object.entries(value).map(async ([key, item]) => [key, await shown(item, content)] as const));
    return Object.fromEntries(entries);
  }
  return value;
}

async function firstDataUrl(urls: string[]): Promise<string | null> {
  for (const url of urls) {
    const found = await dataUrl(url);
    if (found) return found;
  }
  return null;
}

async function dataUrl(url: string): Promise<string | null> {
  try {
    const response = await fetch(url, { cache: "no-store" });
    if (!response.ok) return null;
    const blob = await response.blob();
    return await new Promise<string>((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.onerror = () => reject(reader.error);
      reader.readAsDataURL(blob);
    });
  } catch {
    return null;
  }
}
