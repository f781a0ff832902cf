import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { idColumn } from './columns';

/**
 * Imports (insured list, card-holder lists, 申請書ID files) with their errors, the insured persons and
 * application IDs they store, card holders as keyed hashes only, and batch matching: runs, per-person
 * results and the review list.
 */
export class ImportsMatching1795981000000 implements MigrationInterface {
  name = 'ImportsMatching1795981000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'imports',
        columns: [
          idColumn(queryRunner),
          { name: 'kind', type: 'varchar', length: '24' },
          { name: 'fileName', type: 'varchar', length: '255' },
          { name: 'sha256', type: 'varchar', length: '64' },
          { name: 'dedupeKey', type: 'varchar', length: '96', isNullable: true },
          { name: 'sizeBytes', type: 'bigint' },
          { name: 'encoding', type: 'varchar', length: '16' },
          { name: 'detectedEncoding', type: 'varchar', length: '16', isNullable: true },
          { name: 'asOf', type: 'varchar', length: '10', isNullable: true },
          { name: 'validOnly', type: 'boolean', default: false },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'rowsRead', type: 'int', default: 0 },
          { name: 'rowsValid', type: 'int', default: 0 },
          { name: 'rowsStored', type: 'int', default: 0 },
          { name: 'errorCount', type: 'int', default: 0 },
          { name: 'progress', type: 'int', default: 0 },
          { name: 'message', type: 'varchar', length: '500', isNullable: true },
          { name: 'keyCheck', type: 'varchar', length: '16', isNullable: true },
          { name: 'createdBy', type: 'varchar', length: '64' },
          { name: 'createdById', type: 'int', isNullable: true },
          { name: 'createdAt', type: 'datetime', precision: 3 },
          { name: 'startedAt', type: 'datetime', precision: 3, isNullable: true },
          { name: 'finishedAt', type: 'datetime', precision: 3, isNullable: true },
        ],
        indices: [
          { name: 'idx_imports_kind', columnNames: ['kind', 'status'] },
          { name: 'uq_imports_dedupe', columnNames: ['dedupeKey'], isUnique: true },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'import_errors',
        columns: [
          idColumn(queryRunner),
          { name: 'importId', type: 'int' },
          { name: 'rowNumber', type: 'int', isNullable: true },
          { name: 'columnName', type: 'varchar', length: '100', isNullable: true },
          { name: 'code', type: 'varchar', length: '48' },
          { name: 'message', type: 'varchar', length: '500' },
        ],
        indices: [{ name: 'idx_import_errors_import', columnNames: ['importId'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'insured_persons',
        columns: [
          idColumn(queryRunner),
          { name: 'insuredNumber', type: 'varchar', length: '8' },
          { name: 'municipalityCode', type: 'varchar', length: '6' },
          { name: 'name', type: 'varchar', length: '100' },
          { name: 'nameKana', type: 'varchar', length: '100' },
          { name: 'birthDate', type: 'varchar', length: '10' },
          { name: 'sex', type: 'varchar', length: '6' },
          { name: 'postalCode', type: 'varchar', length: '7' },
          { name: 'address', type: 'varchar', length: '200' },
          { name: 'lossDate', type: 'varchar', length: '10', isNullable: true },
          { name: 'deliveryName', type: 'varchar', length: '100', isNullable: true },
          { name: 'deliveryPostalCode', type: 'varchar', length: '7', isNullable: true },
          { name: 'deliveryAddress', type: 'varchar', length: '200', isNullable: true },
          { name: 'exactKey', type: 'varchar', length: '32' },
          { name: 'personKey', type: 'varchar', length: '32' },
          { name: 'bucketKey', type: 'varchar', length: '32', isNullable: true },
          { name: 'nearFilter', type: 'varchar', length: '320', isNullable: true },
          { name: 'importId', type: 'int' },
          { name: 'updatedAt', type: 'datetime', precision: 3 },
        ],
        indices: [
          { name: 'uq_insured_persons_number', columnNames: ['insuredNumber'], isUnique: true },
          { name: 'idx_insured_persons_municipality', columnNames: ['municipalityCode'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'card_holder_keys',
        columns: [
          idColumn(queryRunner),
          { name: 'importId', type: 'int' },
          { name: 'asOf', type: 'varchar', length: '10' },
          { name: 'insuredNumber', type: 'varchar', length: '8', isNullable: true },
          { name: 'exactKey', type: 'varchar', length: '32', isNullable: true },
          { name: 'personKey', type: 'varchar', length: '32', isNullable: true },
          { name: 'bucketKey', type: 'varchar', length: '32', isNullable: true },
          { name: 'nearFilter', type: 'varchar', length: '320', isNullable: true },
          { name: 'nearKeys', type: 'text', isNullable: true },
        ],
        indices: [
          { name: 'idx_card_holder_keys_as_of', columnNames: ['asOf'] },
          { name: 'idx_card_holder_keys_import', columnNames: ['importId'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'application_ids',
        columns: [
          idColumn(queryRunner),
          { name: 'insuredNumber', type: 'varchar', length: '8' },
          { name: 'applicationId', type: 'varchar', length: '23' },
          { name: 'qrData', type: 'text' },
          { name: 'importId', type: 'int' },
          { name: 'updatedAt', type: 'datetime', precision: 3 },
        ],
        indices: [{ name: 'uq_application_ids_number', columnNames: ['insuredNumber'], isUnique: true }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'match_runs',
        columns: [
          idColumn(queryRunner),
          { name: 'batchId', type: 'int' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'progress', type: 'int', default: 0 },
          { name: 'matchDate', type: 'varchar', length: '10' },
          { name: 'insuredImportIds', type: 'text', isNullable: true },
          { name: 'holderImportIds', type: 'text', isNullable: true },
          { name: 'holders', type: 'int', default: 0 },
          { name: 'persons', type: 'int', default: 0 },
          { name: 'summary', type: 'text', isNullable: true },
          { name: 'loadMs', type: 'int', isNullable: true },
          { name: 'matchMs', type: 'int', isNullable: true },
          { name: 'writeMs', type: 'int', isNullable: true },
          { name: 'message', type: 'varchar', length: '500', isNullable: true },
          { name: 'requestedBy', type: 'varchar', length: '64' },
          { name: 'requestedAt', type: 'datetime', precision: 3 },
          { name: 'finishedAt', type: 'datetime', precision: 3, isNullable: true },
        ],
        indices: [{ name: 'idx_match_runs_batch', columnNames: ['batchId'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'batch_match_results',
        columns: [
          { name: 'batchId', type: 'int', isPrimary: true },
          { name: 'insuredNumber', type: 'varchar', length: '8', isPrimary: true },
          { name: 'municipalityCode', type: 'varchar', length: '6' },
          { name: 'outcome', type: 'varchar', length: '24' },
          { name: 'reason', type: 'varchar', length: '24', isNullable: true },
        ],
        indices: [{ name: 'idx_batch_match_results_outcome', columnNames: ['batchId', 'municipalityCode', 'outcome'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'match_reviews',
        columns: [
          idColumn(queryRunner),
          { name: 'batchId', type: 'int' },
          { name: 'insuredNumber', type: 'varchar', length: '8' },
          { name: 'municipalityCode', type: 'varchar', length: '6' },
          { name: 'reason', type: 'varchar', length: '24' },
          { name: 'status', type: 'varchar', length: '12' },
          { name: 'decidedBy', type: 'varchar', length: '64', isNullable: true },
          { name: 'decidedAt', type: 'datetime', precision: 3, isNullable: true },
          { name: 'createdAt', type: 'datetime', precision: 3 },
        ],
        indices: [{ name: 'uq_match_reviews_person', columnNames: ['batchId', 'insuredNumber'], isUnique: true }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['match_reviews', 'batch_match_results', 'match_runs', 'application_ids', 'card_holder_keys', 'insured_persons', 'import_errors', 'imports']) {
      await queryRunner.dropTable(table);
    }
  }
}
