import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNumber, IsOptional, Max, Min } from 'class-validator';
import { SIMULATION_SCENARIOS, type SimulationScenario } from '@wavedesk/contracts';

/** `POST /api/simulations`. */
export class StartSimulationDto {
  @ApiProperty({ enum: SIMULATION_SCENARIOS, example: 'sapporo' })
  @IsIn(SIMULATION_SCENARIOS, { message: 'シナリオは baseline、sapporo、surge、half-operators のいずれかを指定してください。' })
  scenario!: SimulationScenario;

  @ApiPropertyOptional({ example: 0.1, description: 'share of the 838,877 insured to generate (default 1)' })
  @IsOptional() @IsNumber({}, { message: '規模は数値で指定してください。' })
  @Min(0.001, { message: '規模は0.001以上1以下で指定してください。' }) @Max(1, { message: '規模は0.001以上1以下で指定してください。' })
  scale?: number;

  @ApiPropertyOptional({ example: 1, description: 'business days per real minute (default 1)' })
  @IsOptional() @IsNumber({}, { message: '速さは数値で指定してください。' })
  @Min(0.1, { message: '速さは1分あたり0.1〜60営業日で指定してください。' }) @Max(60, { message: '速さは1分あたり0.1〜60営業日で指定してください。' })
  speed?: number;

  @ApiPropertyOptional({ example: 1, description: 'seed of the Poisson noise (default 1)' })
  @IsOptional() @IsInt({ message: '乱数の種は整数で指定してください。' }) @Min(0, { message: '乱数の種は0以上の整数で指定してください。' }) @Max(2 ** 31 - 1)
  seed?: number;

  @ApiPropertyOptional({ example: 3, description: 'times the forecast during the scenario (札幌市 3, surge 2.5)' })
  @IsOptional() @IsNumber({}, { message: '倍率は数値で指定してください。' })
  @Min(1, { message: '倍率は1以上100以下で指定してください。' }) @Max(100, { message: '倍率は1以上100以下で指定してください。' })
  multiplier?: number;

  @ApiPropertyOptional({ example: 2, description: 'open hours the scenario lasts (札幌市 2, surge a whole day)' })
  @IsOptional() @IsNumber({}, { message: '時間は数値で指定してください。' })
  @Min(0.25, { message: '時間は0.25以上8.75以下（窓口の開いている時間）で指定してください。' }) @Max(8.75, { message: '時間は0.25以上8.75以下（窓口の開いている時間）で指定してください。' })
  hours?: number;
}
