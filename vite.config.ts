import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { defineConfig, type Manifest } from "vite";
import { compression } from "vite-plugin-compression2";
import { VitePWA } from "vite-plugin-pwa";
import { guidePages } from "./scripts/guide-pages";

const root = import.meta.dirname;
const outDir = resolve(root, "dist");

/**
 * The files the runtime page loads, eagerly or later (the form library): what its service worker precaches.
 * Read from Vite's manifest, so the designer's Creator chunks never reach a clerk's tablet (#18).
 */
function runtimeFiles(): Set<string> {
  const manifest = JSON.parse(readFileSync(resolve(outDir, ".vite/manifest.json"), "utf8")) as Manifest;
  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const file of [...(chunk.css ?? []), ...(chunk.assets ?? [])]) files.add(file);
    for (const next of [...(chunk.imports ?? []), ...(chunk.dynamicImports ?? [])]) visit(next);
  };
  visit("runtime/index.html");
  return files;
}

// Two pages, two entry graphs: the runtime (clerks, slow links) must never pull Creator code, so
// nothing is shared through a manual chunk that could drag it in.
export default defineConfig({
  root,
  base: "/",
  build: {
    outDir,
    emptyOutDir: true,
    manifest: true,
    // survey-core and survey-js-ui make one chunk of about 1.3 MB (340 kB gzip), by design; the mask
    // designer's lazily loaded Creator chunk, with its stylesheets inlined for its shadow root, about
    // 2.1 MB (490 kB gzip). Warn above that.
    chunkSizeWarningLimit: 2200,
    rolldownOptions: {
      input: {
        runtime: resolve(root, "runtime/index.html"),
        designer: resolve(root, "designer/index.html"),
      },
    },
  },
  plugins: [
    // The user guide as HTML at /guide/, for the apps' « Aide » links (#21).
    guidePages(),
    VitePWA({
      // The runtime registers it itself (runtime/offline/service-worker.ts), scoped to /runtime/.
      injectRegister: false,
      registerType: "prompt",
      manifest: false,
      filename: "runtime/sw.js",
      scope: "/runtime/",
      workbox: {
        // Not NODE_ENV: the browser tests build under vitest, whose "test" would ship Workbox's debug build.
        mode: "production",
        globPatterns: ["runtime/index.html", "assets/*.{js,css,woff2,svg,png}"],
        manifestTransforms: [
          async (entries) => {
            const keep = runtimeFiles();
            // Run after modifyURLPrefix: the URLs are absolute by now.
            return { manifest: entries.filter((e) => keep.has(e.url.slice(1)) || e.url === "/runtime/index.html"), warnings: [] };
          },
        ],
        // Precache URLs are relative to the worker at /runtime/sw.js: made absolute.
        modifyURLPrefix: { "": "/" },
        dontCacheBustURLsMatching: /^\/assets\//,
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        navigateFallback: "/runtime/index.html",
        navigateFallbackAllowlist: [/^\/runtime\//],
        cleanupOutdatedCaches: true,
        // The first visit's requests (the published forms) are cached too, not only the next visit's.
        clientsClaim: true,
        runtimeCaching: [
          {
            // The list of published forms: fresh when the link answers within seconds, else the last one seen.
            urlPattern: ({ url }) => url.pathname === "/api/forms",
            handler: "NetworkFirst",
            options: { cacheName: "rsu-forms", networkTimeoutSeconds: 6, cacheableResponse: { statuses: [200] } },
          },
          {
            // A published version never changes (DESIGN.md rule 6): once here, never asked again.
            urlPattern: ({ url }) => /^\/api\/forms\/[^/]+\/versions\/\d+$/.test(url.pathname),
            handler: "CacheFirst",
            options: { cacheName: "rsu-form-versions", expiration: { maxEntries: 100 }, cacheableResponse: { statuses: [200] } },
          },
        ],
      },
    }),
    // Served as is by api/routes/static.ts to browsers that accept them (#18): a slow link carries a quarter.
    compression({
      algorithms: ["gzip", "brotliCompress"],
      include: /\.(js|css|html|svg|json|webmanifest)$/,
      threshold: 1024,
    }),
  ],
  server: {
    proxy: { "/api": "http://127.0.0.1:3000" },
  },
});
