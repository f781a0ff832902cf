import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A card holder (カード取得者) of one card-holder list, kept only as keyed hashes of their normalised match
 * keys — never a name, reading, birth date or address. When the list gave the 被保険者番号, only that is
 * kept: it decides the match on its own.
 */
@Entity('card_holder_keys')
@Index('idx_card_holder_keys_as_of', ['asOf'])
@Index('idx_card_holder_keys_import', ['importId'])
export class CardHolderKey {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  importId!: number;

  /** The day the list is valid for (`YYYY-MM-DD`): a batch matches against lists with asOf ≤ its match date. */
  @Column({ type: 'varchar', length: 10 })
  asOf!: string;

  @Column({ type: 'varchar', length: 8, nullable: true })
  insuredNumber!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  exactKey!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  personKey!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  bucketKey!: string | null;

  /** Name signatures (32 hex digits each, concatenated). */
  @Column({ type: 'varchar', length: 320, nullable: true })
  nearFilter!: string | null;

  /** Near-match keys (32 hex digits each, concatenated). */
  @Column({ type: 'text', nullable: true })
  nearKeys!: string | null;
}
