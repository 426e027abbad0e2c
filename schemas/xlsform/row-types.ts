/**
 * An XLSForm `type` cell read as what it asks for: a question type with its choice list, the start or
 * end of a group, repeat or loop, or metadata. Old spellings are read as pyxform reads them
 * (`select one from x or specify other`, `string`, `int`, `gps`, `begin_group`…).
 */
export type RowType =
  | { kind: "question"; type: string; list?: string; orOther?: boolean }
  | { kind: "begin" | "end"; of: "group" | "repeat" | "loop"; over?: string }
  | { kind: "metadata"; type: string }
  | { kind: "unknown"; type: string };

const ALIASES: Record<string, string> = {
  string: "text",
  int: "integer",
  gps: "geopoint",
  location: "geopoint",
  imei: "deviceid",
  "uri:deviceid": "deviceid",
  "uri:email": "email",
  "uri:username": "username",
  "uri:phonenumber": "phonenumber",
  "uri:subscriberid": "subscriberid",
  "uri:simserial": "simserial",
  add_note_prompt: "note",
  "add note prompt": "note",
  photo: "image",
  "add photo prompt": "image",
  trigger: "acknowledge",
  q_note: "note",
};

/** Recorded by the device, never asked; rsu keeps who sent what and when with the submission itself. */
export const METADATA = new Set([
  "start",
  "end",
  "today",
  "deviceid",
  "subscriberid",
  "simserial",
  "phonenumber",
  "username",
  "email",
  "audit",
  "start-geopoint",
  "background-geopoint",
]);

export function readRowType(cell: string): RowType {
  const text = cell.trim().replace(/\s+/g, " ");
  const lower = text.toLowerCase();
  const bracket = lower.match(/^(begin|end)[ _](group|repeat|loop)(?: over (\S+))?$/);
  if (bracket)
    return {
      kind: bracket[1] as "begin" | "end",
      of: bracket[2] as "group" | "repeat" | "loop",
      ...(bracket[3] ? { over: text.split(" ").pop()! } : {}),
    };
  const select = text.match(
    /^(select_one|select one|select1|select_multiple|select multiple|select all that apply)(?: from)? (\S+)(?: (or_other|or specify other))?$/i,
  );
  if (select) {
    const multiple = !/^select(_one| one|1)$/i.test(select[1]!);
    return {
      kind: "question",
      type: multiple ? "select_multiple" : "select_one",
      list: select[2]!,
      ...(select[3] ? { orOther: true } : {}),
    };
  }
  const type = ALIASES[lower] ?? lower;
  if (METADATA.has(type)) return { kind: "metadata", type };
  if (/^\S+$/.test(type)) return { kind: "question", type };
  return { kind: "unknown", type: text };
}
