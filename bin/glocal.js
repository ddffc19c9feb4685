#!/usr/bin/env node
// Launcher: runs the compiled CLI (built by `npm run build`, which `npm ci` runs via `prepare`).
import { main } from '../dist/cli/main.js';
main(process.argv.slice(2));
