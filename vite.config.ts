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
