import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser, ServerClockView } from '@wavedesk/contracts';
import { ClientAddress, CurrentUser, Roles } from '@wavedesk/common';
import { StartSimulationDto } from './dto/start-simulation.dto';
import { SimulationService } from './simulation.service';

@ApiTags('simulations')
@ApiBearerAuth()
@Controller()
export class SimulationController {
  constructor(private readonly simulations: SimulationService) {}

  /** The server's "now" (simulated while a simulation runs) and how fast it moves; any signed-in user. */
  @Get('clock')
  clock(): ServerClockView {
    return this.simulations.clockView();
  }

  /** Starts a run: `{ scenario, scale?, speed?, seed?, multiplier?, hours? }` → 202; one at a time (409). */
  @Roles('admin')
  @Post('simulations')
  @HttpCode(202)
  start(@Body() dto: StartSimulationDto, @CurrentUser() actor: AuthUser, @ClientAddress() ip: string) {
    return this.simulations.start(dto, actor, ip);
  }

  @Roles('admin', 'supervisor')
  @Get('simulations')
  list() {
    this.simulations.assertEnabled();
    return this.simulations.list();
  }

  @Roles('admin', 'supervisor')
  @Get('simulations/:id')
  get(@Param('id', ParseIntPipe) id: number) {
    this.simulations.assertEnabled();
    return this.simulations.view(id);
  }

  /** Stops a run cleanly: the tick in progress finishes, nothing is left half stored. */
  @Roles('admin')
  @Delete('simulations/:id')
  stop(@Param('id', ParseIntPipe) id: number, @CurrentUser() actor: AuthUser, @ClientAddress() ip: string) {
    return this.simulations.stop(id, actor, ip);
  }
}
