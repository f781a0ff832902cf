/**
 * File publishing that never overwrites and never shows half a file.
 *
 * A file is written under a hidden temporary name in the destination folder, flushed to disk (fsync), and
 * then hard-linked to its final name: `link` fails with EEXIST when the name is taken, so two writers racing
 * for the same name cannot replace each other's file, and a reader sees either no file or the whole file.
 * (`rename` would silently replace an existing file.) On a filesystem without hard links the fallback is
 * "check, then rename", which is safe as long as only one writer owns the name — the database claim on a
 * unit guarantees that.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, copyFile, type FileHandle, link, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** A hidden temporary path next to `finalPath`, unique per process and call. */
export function temporaryPathFor(finalPath: string): string {
  return join(dirname(finalPath), `.${basename(finalPath)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? (error as NodeJS.ErrnoException).code : undefined;
}

export async function pathExists(path: string): Promise<boolean> {
  try {
    await access(path, constants.F_OK);
    return true;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false;
    throw error;
  }
}

/** Writes the whole buffer (a single `write` may write less on some filesystems). */
export async function writeFully(handle: FileHandle, buffer: Buffer): Promise<void> {
  let offset = 0;
  while (offset < buffer.length) {
    const { bytesWritten } = await handle.write(buffer, offset, buffer.length - offset);
    offset += bytesWritten;
  }
}

/** fsync a directory so a new name in it survives a power cut (no-op where directories cannot be opened). */
export async function syncDirectory(directory: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(directory, 'r');
    await handle.sync();
  } catch {
    // Some platforms (Windows) cannot fsync a directory; the file itself was synced.
  } finally {
    await handle?.close();
  }
}

/**
 * Gives the finished temporary file its final name without replacing anything. Returns false (and removes
 * the temporary file) when the final name already exists.
 */
export async function publishWithoutOverwrite(temporaryPath: string, finalPath: string): Promise<boolean> {
  try {
    await link(temporaryPath, finalPath);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'EEXIST') {
      await unlink(temporaryPath);
      return false;
    }
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
    if (await pathExists(finalPath)) {
      await unlink(temporaryPath);
      return false;
    }
    await rename(temporaryPath, finalPath);
    return true;
  }
  await unlink(temporaryPath);
  return true;
}

/** Writes `data` to `finalPath` atomically, never replacing an existing file. False when it existed. */
export async function writeFileWithoutOverwrite(finalPath: string, data: Buffer | string): Promise<boolean> {
  const temporaryPath = temporaryPathFor(finalPath);
  const handle = await open(temporaryPath, 'wx');
  try {
    await writeFully(handle, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(temporaryPath).catch(() => undefined);
    throw error;
  }
  await handle.close();
  return publishWithoutOverwrite(temporaryPath, finalPath);
}

/**
 * Puts a copy of `sourcePath` at `finalPath` without replacing anything: a hard link when both are on the
 * same filesystem (instant), else a synced copy published the same way. False when `finalPath` existed.
 */
export async function copyWithoutOverwrite(sourcePath: string, finalPath: string): Promise<boolean> {
  try {
    await link(sourcePath, finalPath);
    return true;
  } catch (error) {
    const code = errorCode(error);
    if (code === 'EEXIST') return false;
    if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
  }
  const temporaryPath = temporaryPathFor(finalPath);
  try {
    await copyFile(sourcePath, temporaryPath, constants.COPYFILE_EXCL);
    const handle = await open(temporaryPath, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    await unlink(temporaryPath).catch(() => undefined);
    throw error;
  }
  return publishWithoutOverwrite(temporaryPath, finalPath);
}
