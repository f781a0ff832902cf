import { join } from 'node:path';

/** Where uploads wait for the worker (DATA_DIR/imports): shared by the API and the worker. */
export const importsDir = (dataDir: string): string => join(dataDir, 'imports');
export const uploadTempDir = (dataDir: string): string => join(importsDir(dataDir), 'tmp');
export const importFilePath = (dataDir: string, importId: number): string => join(importsDir(dataDir), `${importId}.csv`);
