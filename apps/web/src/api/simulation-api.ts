import type { ServerClockView, SimulationView, StartSimulationRequest } from '@wavedesk/contracts';
import type { ApiClient } from './api-client';

/** シミュレーション's routes (admin; supervisors read), and the server's clock for every signed-in page. */
export class SimulationApi {
  constructor(private readonly http: ApiClient) {}

  /** 202 with the run; 409 `simulation_running` while one runs, `simulation_disabled` outside simulation mode. */
  start = (request: StartSimulationRequest) => this.http.post<SimulationView>('/simulations', request);
  list = () => this.http.get<SimulationView[]>('/simulations');
  get = (id: number) => this.http.get<SimulationView>(`/simulations/${id}`);
  stop = (id: number) => this.http.delete<SimulationView>(`/simulations/${id}`);
  /** The server's "now" (simulated while a simulation runs) and how fast it moves. */
  clock = () => this.http.get<ServerClockView>('/clock');
}
