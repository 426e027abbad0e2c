import { resolve } from "node:path";
import { defineConfig } from "vite";

const root = import.meta.dirname;

// Two pages, two entry graphs: the runtime (clerks, slow links) must never pull Creator code, so
// nothing is shared through a manual chunk that could drag it in.
export default defineConfig({
  root,
  base: "/",
  build: {
    outDir: "dist",
    emptyOutDir: true,
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
  server: {
    proxy: { "/api": "http://127.0.0.1:3000" },
  },
});
