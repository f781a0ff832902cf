import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';

export class ReviewDecisionDto {
  @ApiProperty({ enum: ['exclude', 'keep'], description: 'exclude: the card holder is this person (no form); keep: mail a form' })
  @IsIn(['exclude', 'keep'], { message: '判定（decision）は exclude（カード取得者と同一人物として除外）か keep（送付する）を指定してください。' })
  decision!: 'exclude' | 'keep';
}
