// Entry for running the CLI from TypeScript sources (tests, tsx): `node --import tsx cli/entry.ts ...`.
import { main } from './main.js';
void main(process.argv.slice(2));
