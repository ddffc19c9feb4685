// The glocal version, read once from package.json: it goes into manifests, run ids and checkpoints.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from './model/paths.js';

export const GLOCAL_VERSION: string = (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
