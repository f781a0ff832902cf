import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request } from 'express';
import type { StorageEngine } from 'multer';

/** What the storage engine adds to multer's file: where it went, and its SHA-256 computed on the way. */
export interface HashedUpload {
  path: string;
  size: number;
  sha256: string;
  originalname: string;
}

/**
 * A multer storage engine that streams an upload to a temporary file under DATA_DIR while hashing it:
 * the file is never held in memory, and its SHA-256 (which recognises a file imported twice) costs no
 * second read. multer's `limits.fileSize` cuts it off (413) and removes the partial file.
 */
export class HashingDiskStorage implements StorageEngine {
  constructor(private readonly dir: string) {}

  _handleFile(_req: Request, file: Express.Multer.File, callback: (error?: unknown, info?: Partial<Express.Multer.File & HashedUpload>) => void): void {
    mkdirSync(this.dir, { recursive: true });
    const path = join(this.dir, `${randomUUID()}.upload`);
    const hash = createHash('sha256');
    let size = 0;
    const hashing = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    pipeline(file.stream, hashing, createWriteStream(path, { mode: 0o600 })).then(
      () => callback(null, { path, size, sha256: hash.digest('hex') }),
      (error: unknown) => {
        rmSync(path, { force: true });
        callback(error);
      },
    );
  }

  _removeFile(_req: Request, file: Express.Multer.File, callback: (error: Error | null) => void): void {
    rmSync(file.path, { force: true });
    callback(null);
  }
}
