/** A 1×1 PNG: the smallest photo a file question accepts. */
export const TINY_PNG = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360f8cf00000301010018dd8db40000000049454e44ae426082",
  "hex",
);

/** Bytes as the data URL a file question or a signature pad answers with. */
export const dataUrl = (bytes: Buffer, type = "image/png") => `data:${type};base64,${bytes.toString("base64")}`;

/** One file of a file question's answer, as survey-core keeps it: a PNG photo. */
export const photo = (bytes: Buffer = TINY_PNG, name = "maison.png") => ({ name, type: "image/png", content: dataUrl(bytes) });
