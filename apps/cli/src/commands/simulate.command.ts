import { SIMULATION_PHASE_LABELS, SIMULATION_SCENARIOS, SIMULATION_STATUS_LABELS, type SimulationView } from '@wavedesk/contracts';
import { assertKnown, numberOption, option, UsageError, type Args, type Output } from './args';

export const SIMULATE_USAGE =
  'simulate <baseline|sapporo|surge|half-operators> [--scale 0.1] [--speed 1] [--seed 1] [--multiplier N] [--hours N] [--url http://127.0.0.1:3000] [--username admin]  (password: WAVEDESK_PASSWORD)';

const POLL_MS = 1000;
const MAX_UNREACHABLE = 60;

interface Http {
  (method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
}

/** The API over HTTP as `username`. */
async function signIn(url: string, username: string, password: string): Promise<Http> {
  const call = async (method: string, path: string, body: unknown, token?: string) => {
    let res: Response;
    try {
      res = await fetch(`${url}${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new UsageError(`${url} の API に接続できません。先に API とワーカーを模擬運用モードで起動してください（npm run demo、または WAVEDESK_SIMULATION=true npm start）。`);
    }
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
  };
  const login = await call('POST', '/api/auth/login', { username, password });
  if (login.status !== 200) throw new UsageError(`${username} としてサインインできません（${(login.body as { message?: string })?.message ?? login.status}）。`);
  const token = (login.body as { accessToken: string }).accessToken;
  return (method, path, body) => call(method, path, body, token);
}

const count = (n: number | null | undefined): string => (n ?? 0).toLocaleString('ja-JP');

/** One line about where a run is. */
export function describeSimulation(v: SimulationView): string {
  if (v.status === 'setting_up') return `準備中: ${SIMULATION_PHASE_LABELS[v.phase]} ${v.progress}%${v.message ? `（${v.message}）` : ''}`;
  const at = v.simulatedNow ? new Date(v.simulatedNow).toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo', dateStyle: 'medium', timeStyle: 'short' }) : '-';
  const held = v.waves.filter((w) => w.status === 'held').length;
  return `${SIMULATION_STATUS_LABELS[v.status]} ${v.progress}%  模擬時刻 ${at}  問い合わせ ${count(v.inquiriesLogged)}件  発送 ${v.wavesReleased}/${v.waves.length}波  保留中 ${held}波（保留 ${v.holdsSeen}回）`;
}

/**
 * Starts a simulation on a running API (in simulation mode) and follows it until it ends; Ctrl-C stops
 * it cleanly. Exit code 0 when the campaign completed.
 */
export async function simulateCommand(args: Args, out: Output, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  assertKnown(args, ['scale', 'speed', 'seed', 'multiplier', 'hours', 'url', 'username']);
  const [scenario] = args.positional;
  if (!scenario || !(SIMULATION_SCENARIOS as readonly string[]).includes(scenario)) {
    throw new UsageError(`シナリオ（${SIMULATION_SCENARIOS.join('、')}）を指定してください。\n使い方: ${SIMULATE_USAGE}`);
  }
  const body = {
    scenario,
    scale: numberOption(args, 'scale', (n) => n >= 0.001 && n <= 1, '0.001以上1以下'),
    speed: numberOption(args, 'speed', (n) => n >= 0.1 && n <= 60, '0.1以上60以下（1分あたりの営業日数）'),
    seed: numberOption(args, 'seed', (n) => Number.isInteger(n) && n >= 0, '0以上の整数'),
    multiplier: numberOption(args, 'multiplier', (n) => n >= 1 && n <= 100, '1以上100以下'),
    hours: numberOption(args, 'hours', (n) => n >= 0.25 && n <= 8.75, '0.25以上8.75以下'),
  };
  const url = (option(args, 'url') ?? `http://127.0.0.1:${env.PORT || 3000}`).replace(/\/$/, '');
  const username = option(args, 'username') ?? 'admin';
  const password = env.WAVEDESK_PASSWORD ?? env.WAVEDESK_ADMIN_PASSWORD;
  if (!password) throw new UsageError(`${username} のパスワードを環境変数 WAVEDESK_PASSWORD で渡してください。`);

  const http = await signIn(url, username, password);
  const started = await http('POST', '/api/simulations', body);
  if (started.status !== 202) {
    out.line(`開始できません: ${(started.body as { message?: string })?.message ?? started.status}`);
    return 1;
  }
  let view = started.body as SimulationView;
  out.line(`シミュレーション ${view.id} を開始しました（シナリオ ${view.scenario}、規模 ${view.scale}、速さ 1分あたり${view.speed}営業日）。Ctrl-C で停止します。`);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    out.line('停止しています…');
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    let phase = view.phase;
    let holds = 0;
    let unreachable = 0;
    for (;;) {
      if (stopping) {
        // The API may be stopping too (Ctrl-C reaches it as well): it then stops the run itself.
        const res = await http('DELETE', `/api/simulations/${view.id}`).catch(() => null);
        if (res?.status === 200) view = res.body as SimulationView;
        out.line(describeSimulation(view));
        out.line(view.message ?? '停止しました。');
        return 130;
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      // A connection reset while the API is busy (a big approval on SQLite) is tried again, for a minute.
      const res = await http('GET', `/api/simulations/${view.id}`).catch((error: unknown) => {
        if (++unreachable > MAX_UNREACHABLE) throw error;
        return null;
      });
      if (res?.status !== 200) continue;
      unreachable = 0;
      view = res.body as SimulationView;
      if (view.phase !== phase) {
        phase = view.phase;
        out.line(`▶ ${SIMULATION_PHASE_LABELS[phase]}${phase === 'clock' && view.message ? `: ${view.message}` : ''}`);
      }
      if (view.holdsSeen > holds) {
        holds = view.holdsSeen;
        const held = view.waves.filter((w) => w.status === 'held').map((w) => `${w.batchName} ${w.name}（${w.mailDate}）`);
        out.line(`⏸ 波が保留されました: ${held.join('、') || '（再開済み）'}`);
      }
      out.progress(describeSimulation(view));
      if (view.status !== 'setting_up' && view.status !== 'running') {
        out.line(describeSimulation(view));
        out.line(view.message ?? '');
        return view.status === 'completed' ? 0 : 1;
      }
    }
  } finally {
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', stop);
  }
}
