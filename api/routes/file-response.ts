import type { Context } from "hono";
import type { StoredAttachment } from "../repositories/attachments.repository";

/**
 * A stored file's bytes (issue #20), served so that a browser never runs them: the type read from the bytes
 * when stored, nosniff, a sandboxing policy, images shown inline and other files downloaded, never cached.
 */
export function fileResponse(c: Context, file: StoredAttachment): Response {
  const disposition = file.type.startsWith("image/") ? "inline" : "attachment";
  const ascii = file.name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  c.header("Content-Type", file.type);
  c.header("Content-Length", String(file.content.length));
  c.header("Content-Disposition", `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`);
  c.header("X-Content-Type-Options", "nosniff");
  c.header("Content-Security-Policy", "default-src 'none'; sandbox");
  c.header("Cache-Control", "no-store");
  return c.body(new Uint8Array(file.content));
}
