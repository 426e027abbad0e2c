import { randomUUID } from "node:crypto";

/** Who calls: a demo account or a user the test added (by username), or null for an anonymous call. */
export type Caller = string | null;

/** An answer with its body parsed: JSON as a value, any other text as a string, an empty body as null. */
export interface Answer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** What a submission's envelope may say besides its answers (defaults: a fresh id, the demo form v1). */
export interface Envelope {
  id?: string;
  formId?: string;
  version?: number;
  householdId?: string;
  baseVersion?: number;
}

export interface TestClient {
  send(method: string, path: string, body?: unknown, as?: Caller): Promise<Answer>;
  get(path: string, as?: Caller): Promise<Answer>;
  post(path: string, body?: unknown, as?: Caller): Promise<Answer>;
  put(path: string, body: unknown, as?: Caller): Promise<Answer>;
  patch(path: string, body: unknown, as?: Caller): Promise<Answer>;
  /** POST /api/submissions with these answers; the answer is returned whatever its status. */
  submit(data: unknown, envelope?: Envelope, as?: Caller): Promise<Answer>;
  /** Submits (which must be accepted), drains the queue, and returns the submission as the API then shows it. */
  submitAndDrain(data: unknown, envelope?: Envelope, as?: Caller): Promise<any>;
}

type Request = (path: string, init?: RequestInit, as?: Caller) => Promise<Response>;

/** The one JSON client of the integration and browser tests, over `ctx.request` (the app, no server). */
export function testClient(request: Request, drain: () => Promise<void>): TestClient {
  const send = async (method: string, path: string, body?: unknown, as?: Caller): Promise<Answer> => {
    const init: RequestInit =
      body === undefined ? { method } : { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
    const res = await request(path, init, as);
    const text = await res.text();
    const json = (res.headers.get("content-type") ?? "").includes("json");
    return { status: res.status, body: text === "" ? null : json ? JSON.parse(text) : text, headers: res.headers };
  };
  const submit = (data: unknown, envelope: Envelope = {}, as?: Caller) =>
    send("POST", "/api/submissions", { id: randomUUID(), formId: "menage", version: 1, data, ...envelope }, as);
  return {
    send,
    get: (path, as) => send("GET", path, undefined, as),
    post: (path, body = {}, as) => send("POST", path, body, as),
    put: (path, body, as) => send("PUT", path, body, as),
    patch: (path, body, as) => send("PATCH", path, body, as),
    submit,
    async submitAndDrain(data, envelope, as) {
      const sent = await submit(data, envelope, as);
      if (sent.status !== 202) throw new Error(`submission refused: ${sent.status} ${JSON.stringify(sent.body)}`);
      await drain();
      return (await send("GET", `/api/submissions/${sent.body.id}`, undefined, "admin")).body;
    },
  };
}
