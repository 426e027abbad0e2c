#!/usr/bin/env node
// The `rsu` operations command. The commands are TypeScript (scripts/cli.ts), loaded through tsx.
import { tsImport } from "tsx/esm/api";

await tsImport("./cli.ts", import.meta.url);
