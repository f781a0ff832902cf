import { formatCount, type ImportFileError } from '../import-error';
import type { ImportRecord, ImportStatus } from '../db/import-record.entity';

/** The Japanese sentences an import ends with, and whether its rows are kept. */
export const importMessages = {
  decide(record: Pick<ImportRecord, 'validOnly' | 'errorCount' | 'rowsRead' | 'rowsValid'>, written: number): { commit: boolean; status: ImportStatus; message: string } {
    const withErrors = record.rowsRead - record.rowsValid;
    if (withErrors > 0 && !record.validOnly) {
      return {
        commit: false,
        status: 'rejected',
        message:
          `${formatCount(withErrors)}行にエラー（${formatCount(record.errorCount)}件）があるため、何も取り込んでいません。` +
          'ファイルを直して取り込み直すか、正しい行だけを取り込む指定（validOnly）で取り込んでください。',
      };
    }
    if (written === 0) {
      return { commit: false, status: 'rejected', message: '取り込める正しい行がありません。何も取り込んでいません。' };
    }
    if (withErrors > 0) {
      return {
        commit: true,
        status: 'stored',
        message: `正しい${formatCount(written)}行を取り込みました。エラーのある${formatCount(withErrors)}行は取り込んでいません。`,
      };
    }
    return { commit: true, status: 'stored', message: `${formatCount(written)}行を取り込みました。` };
  },

  fileRejected(error: ImportFileError): string {
    return `このファイルは取り込めません（何も取り込んでいません）：${error.error.message}`.slice(0, 500);
  },

  failed(): string {
    return '取り込み中にサーバーでエラーが発生したため、何も取り込んでいません。時間をおいて、もう一度取り込んでください。';
  },
};
