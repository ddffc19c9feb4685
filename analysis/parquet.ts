// Parquet copies of our Arrow tables, for users of DuckDB, Spark or pandas who prefer Parquet.
// Converted by nodejs-polars (an independent Arrow reader) and written atomically, so a copy is whole or absent.
import fs from 'node:fs';
import pl from 'nodejs-polars';
import { UserError } from '../engine/model/errors.js';
import { writeFileAtomicWith } from '../engine/output/atomic.js';

export async function arrowFileToParquet(arrowPath: string, parquetPath: string): Promise<void> {
  if (!fs.existsSync(arrowPath)) throw new UserError(`${arrowPath}: cannot convert to Parquet: no such file`);
  let frame: pl.DataFrame;
  try {
    // A Buffer, not the path: nodejs-polars takes a string as a path only when it ends in ".ipc".
    frame = pl.readIPC(fs.readFileSync(arrowPath));
  } catch (err) {
    throw new UserError(`${arrowPath}: cannot convert to Parquet (${(err as Error).message})`);
  }
  writeFileAtomicWith(parquetPath, (tempPath) => frame.writeParquet(tempPath, { compression: 'zstd' }));
}
