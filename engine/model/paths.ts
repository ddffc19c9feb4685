// Where the package's own files live (scenarios, schema), from source (tsx, vitest) or from the built dist/.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cachedRoot: string | undefined;

/** The package root: the nearest folder above this module holding package.json. */
export function packageRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('glocal: cannot find package.json above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
  cachedRoot = dir;
  return dir;
}

export function scenariosDir(): string {
  return join(packageRoot(), 'scenarios');
}
