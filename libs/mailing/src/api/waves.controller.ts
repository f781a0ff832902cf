import { Body, Controller, Get, Header, Param, ParseIntPipe, Patch, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@wavedesk/contracts';
import { ClientAddress, CurrentUser, Roles } from '@wavedesk/common';
import { MergeWavesDto, MoveWaveDto, OptionalReasonDto, PlanBatchDto, ReasonDto, ResumeWaveDto, SplitWaveDto } from './dto/wave.dto';
import { WaveActionsService } from './wave-actions.service';
import { WavePlanningService } from './wave-planning.service';
import { WaveProofService } from './wave-proof.service';
import { WavesService } from './waves.service';

/** Waves (分散発送の波): plan, edit, approve, release, hold, resume, proof. */
@ApiTags('waves')
@ApiBearerAuth()
@Controller()
export class WavesController {
  constructor(
    private readonly waves: WavesService,
    private readonly planning: WavePlanningService,
    private readonly actions: WaveActionsService,
    private readonly proof: WaveProofService,
  ) {}

  /** Proposes waves for the batch's targets and stores them as `planned`; the evaluation says whether and by how much it does not fit. */
  @Roles('admin')
  @Post('batches/:id/plan')
  plan(@Param('id', ParseIntPipe) id: number, @Body() dto: PlanBatchDto, @CurrentUser() user: AuthUser, @ClientAddress() ip: string) {
    return this.planning.plan(id, dto, user, ip);
  }

  /** The stored plan's evaluation (timeline of the union's forecast load, capacities exceeded). */
  @Roles('admin', 'supervisor')
  @Get('batches/:id/plan')
  currentPlan(@Param('id', ParseIntPipe) id: number, @Query('operators') operators?: string) {
    return this.planning.current(id, operators !== undefined && /^\d+$/.test(operators) ? Number(operators) : undefined);
  }

  @Get('batches/:id/waves')
  list(@Param('id', ParseIntPipe) id: number, @CurrentUser() user: AuthUser) {
    return this.waves.forBatch(id, user);
  }

  @Get('waves/:id')
  get(@Param('id', ParseIntPipe) id: number, @CurrentUser() user: AuthUser) {
    return this.waves.get(id, user);
  }

  /** Moves a planned wave to another mail date. */
  @Roles('admin')
  @Patch('waves/:id')
  move(@Param('id', ParseIntPipe) id: number, @Body() dto: MoveWaveDto, @CurrentUser() user: AuthUser, @ClientAddress() ip: string) {
    return this.planning.move(id, dto.mailDate, user, ip, dto.reason);
  }

  @Roles('admin')
  @Post('waves/merge')
  merge(@Body() dto: MergeWavesDto, @CurrentUser() user: AuthUser, @ClientAddress() ip: string) {
    return this.planning.merge(dto.waveIds, dto.mailDate, user, ip);
  }

  @Roles('admin')
  @Post('waves/:id/split')
  split(@Param('id', ParseIntPipe) id: number, @Body() dto: SplitWaveDto, @CurrentUser() user: AuthUser, @ClientAddress() ip: string) {
    return this.planning.split(id, dto, user, ip);
  }

  @Roles('admin')
  @Post('waves/:id/approve')
  approve(@Param('id', ParseIntPipe) id: number, @Body() dto: OptionalReasonDto, @CurrentUser() user: AuthUser, @ClientAddress() ip: string) {
    return this.actions.approve(id, user, ip, dto.reason);
  }

  @Roles('admin')
  @Post('waves/:id/release')
  release(@Param('id', ParseIntPipe) id: number, @Body() dto: OptionalReasonDto, @CurrentUser() user: AuthUser, @ClientAddress() ip: string) {
    return this.actions.release(id, user, ip, dto.reason);
  }

  @Roles('admin', 'supervisor')
  @Post('waves/:id/hold')
  hold(@Param('id', ParseIntPipe) id: number, @Body() dto: ReasonDto, @CurrentUser() user: AuthUser, @ClientAddress() ip: string) {
    return this.actions.hold(id, dto.reason, user, ip);
  }

  /** Without `confirm: true` only the preview of the new dates; with it, re-match, resume and move. */
  @Roles('admin', 'supervisor')
  @Post('waves/:id/resume')
  resume(@Param('id', ParseIntPipe) id: number, @Body() dto: ResumeWaveDto, @CurrentUser() user: AuthUser, @ClientAddress() ip: string) {
    return this.actions.resume(id, dto, user, ip);
  }

  @Roles('admin')
  @Post('waves/:id/cancel')
  cancel(@Param('id', ParseIntPipe) id: number, @Body() dto: ReasonDto, @CurrentUser() user: AuthUser, @ClientAddress() ip: string) {
    return this.actions.cancel(id, dto.reason, user, ip);
  }

  @Get('waves/:id/proof.pdf')
  @Header('Content-Type', 'application/pdf')
  @Header('Cache-Control', 'no-store')
  async proofPdf(
    @Param('id', ParseIntPipe) id: number,
    @Query('insuredNumber') insuredNumber: string | undefined,
    @Query('municipality') municipality: string | undefined,
    @CurrentUser() user: AuthUser,
    @ClientAddress() ip: string,
  ): Promise<StreamableFile> {
    const pdf = await this.proof.render(id, user, { insuredNumber, municipality }, ip);
    return new StreamableFile(pdf, { disposition: `inline; filename="wave-${id}-proof.pdf"`, length: pdf.length });
  }
}
