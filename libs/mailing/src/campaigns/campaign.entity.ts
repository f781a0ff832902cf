import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** 送付事業: one whole mailing effort, e.g. マイナンバーカード交付申請書送付 令和8年度. */
@Entity('campaigns')
export class Campaign {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 128 })
  name!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  createdBy!: string | null;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;
}
