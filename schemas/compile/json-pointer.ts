/** One segment of a JSON Pointer (RFC 6901): "~" becomes "~0" and "/" becomes "~1". */
export function pointerSegment(segment: string): string {
  // Most names hold neither character: skip the two regex passes on the validator's hot path.
  return segment.includes("~") || segment.includes("/") ? segment.replace(/~/g, "~0").replace(/\//g, "~1") : segment;
}
