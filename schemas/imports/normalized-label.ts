/** A label as compared for matching: lower case, without accents, punctuation or repeated spaces ("Île " ≈ "ile"). */
export function normalizedLabel(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}
