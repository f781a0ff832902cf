import WebSocket from 'ws';

/**
 * A dashboard as the server sees it — a socket.io client on `/live` over a WebSocket, authenticated with a
 * token and joined to the `union` room — that never decodes what it receives. The server does the same work
 * for it as for the web app (every event is written to its socket); the load generator's process is spared
 * parsing hundreds of copies of each message, so the bench measures the server, not its own clients.
 * Speaks the Engine.IO v4 / socket.io v5 wire format: `40/live,{auth}` to connect, `3` to answer a ping `2`.
 */
export class PassiveDashboard {
  private readonly ws: WebSocket;
  bytes = 0;
  readonly ready: Promise<void>;

  constructor(base: string, token: string) {
    this.ws = new WebSocket(`${base.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`);
    this.ready = new Promise((resolve, reject) => {
      this.ws.on('error', reject);
      this.ws.on('message', (data: Buffer, isBinary: boolean) => {
        this.bytes += data.length;
        if (isBinary) return;
        const head = data.toString('latin1', 0, Math.min(data.length, 16));
        if (head === '2') this.ws.send('3');
        else if (head.startsWith('0{')) this.ws.send(`40/live,${JSON.stringify({ token, batch: true })}`);
        else if (head.startsWith('42/live,["hello"')) resolve();
        else if (head.startsWith('44/live')) reject(new Error('the server refused the dashboard'));
      });
    });
  }

  close(): void {
    this.ws.close();
  }
}
