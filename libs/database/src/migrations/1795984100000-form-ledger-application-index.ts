import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';

/** The inquiry desk finds the wave of a 申請書ID a caller reads out with one indexed lookup. */
export class FormLedgerApplicationIndex1795984100000 implements MigrationInterface {
  name = 'FormLedgerApplicationIndex1795984100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('form_ledger', new TableIndex({ name: 'idx_form_ledger_application', columnNames: ['applicationId'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('form_ledger', 'idx_form_ledger_application');
  }
}
