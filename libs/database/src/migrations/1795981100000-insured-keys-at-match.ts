import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/**
 * Insured persons no longer carry match keys: matching computes them from the 4 information items with
 * the current MATCH_HMAC_KEY and normalisation (a key rotation needs no new insured list, and the import
 * stores a quarter less per person).
 */
export class InsuredKeysAtMatch1795981100000 implements MigrationInterface {
  name = 'InsuredKeysAtMatch1795981100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumns('insured_persons', ['exactKey', 'personKey', 'bucketKey', 'nearFilter']);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('insured_persons', [
      new TableColumn({ name: 'exactKey', type: 'varchar', length: '32', default: "''" }),
      new TableColumn({ name: 'personKey', type: 'varchar', length: '32', default: "''" }),
      new TableColumn({ name: 'bucketKey', type: 'varchar', length: '32', isNullable: true }),
      new TableColumn({ name: 'nearFilter', type: 'varchar', length: '320', isNullable: true }),
    ]);
  }
}
