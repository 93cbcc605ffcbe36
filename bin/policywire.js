#!/usr/bin/env node
// The `policywire` command. The TypeScript is compiled to dist/ by `npm run build`,
// which `npm ci` runs through the `prepare` script.
import '../dist/src/cli/main.js';
