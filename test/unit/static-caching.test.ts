import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { staticRoutes } from "../../api/routes/static";

/** How long browsers keep the built apps (#15, finding 12), on a folder laid out as `vite build` lays out dist/. */
const root = mkdtempSync(join(tmpdir(), "rsu-static-"));
mkdirSync(join(root, "assets"));
mkdirSync(join(root, "runtime"));
writeFileSync(join(root, "runtime", "index.html"), "<!doctype html><title>rsu</title>");
writeFileSync(join(root, "assets", "runtime-B1x_9aQz.js"), "export {};");
writeFileSync(join(root, "assets", "survey-core-Dk3mP0aa.css"), "body{}");
writeFileSync(join(root, "favicon.svg"), "<svg/>");
// Written by vite-plugin-pwa after the bundle, so not precompressed.
const WORKER = "self.addEventListener('fetch', () => {});".repeat(100);
writeFileSync(join(root, "runtime", "sw.js"), WORKER);
writeFileSync(join(root, "runtime", "workbox-b6ef9ad5.js"), WORKER);
// Built beside each asset by vite.config.ts (vite-plugin-compression2).
const SCRIPT = "export const answer = 42;".repeat(100);
writeFileSync(join(root, "assets", "survey-js-ui-DBVDkzz0.js"), SCRIPT);
writeFileSync(join(root, "assets", "survey-js-ui-DBVDkzz0.js.br"), brotliCompressSync(SCRIPT));
writeFileSync(join(root, "assets", "survey-js-ui-DBVDkzz0.js.gz"), gzipSync(SCRIPT));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const app = staticRoutes(root);
const cacheControl = async (path: string) => {
  const res = await app.request(path);
  expect(res.status, path).toBe(200);
  return res.headers.get("cache-control");
};

describe("static files", () => {
  it("lets browsers keep hashed assets for a year, unchanged", async () => {
    expect(await cacheControl("/assets/runtime-B1x_9aQz.js")).toBe("public, max-age=31536000, immutable");
    expect(await cacheControl("/assets/survey-core-Dk3mP0aa.css")).toBe("public, max-age=31536000, immutable");
    expect(await cacheControl("/runtime/workbox-b6ef9ad5.js")).toBe("public, max-age=31536000, immutable");
  });

  it("has pages and unhashed files revalidated, so a new deployment shows at once", async () => {
    expect(await cacheControl("/runtime/")).toBe("no-cache");
    expect(await cacheControl("/runtime/index.html")).toBe("no-cache");
    expect(await cacheControl("/favicon.svg")).toBe("no-cache");
    expect(await cacheControl("/runtime/sw.js")).toBe("no-cache");
  });

  it("compresses the service worker's files, written after the bundle, for a browser that accepts gzip", async () => {
    for (const path of ["/runtime/sw.js", "/runtime/workbox-b6ef9ad5.js"]) {
      const res = await app.request(path, { headers: { "accept-encoding": "gzip, deflate, br" } });
      expect(res.headers.get("content-encoding"), path).toBe("gzip");
      expect(gunzipSync(Buffer.from(await res.arrayBuffer())).toString(), path).toBe(WORKER);
    }
  });

  it("sends the brotli or gzip file built beside an asset to a browser that accepts it, the plain one otherwise", async () => {
    const path = "/assets/survey-js-ui-DBVDkzz0.js";
    const br = await app.request(path, { headers: { "accept-encoding": "gzip, deflate, br" } });
    expect(br.headers.get("content-encoding")).toBe("br");
    expect(br.headers.get("vary")).toBe("Accept-Encoding");
    expect(br.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()).toBe(SCRIPT);
    const gz = await app.request(path, { headers: { "accept-encoding": "gzip" } });
    expect(gz.headers.get("content-encoding")).toBe("gzip");
    const plain = await app.request(path);
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(await plain.text()).toBe(SCRIPT);
  });
});
