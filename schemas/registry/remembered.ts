/**
 * `compute`, remembered for the last few thousand arguments. Matching works on values that repeat: a million
 * people carry a few thousand distinct names and some 30,000 distinct birth dates, and each is normalised,
 * parsed or expanded for every candidate it is compared with. When full, the memory starts again empty
 * (cheaper than keeping an order, and the values that repeat come back at once).
 */
export function remembered<T>(compute: (text: string) => T, size = 20_000): (text: string) => T {
  const known = new Map<string, T>();
  return (text) => {
    let value = known.get(text);
    if (value === undefined) {
      if (known.size >= size) known.clear();
      value = compute(text);
      known.set(text, value);
    }
    return value;
  };
}
