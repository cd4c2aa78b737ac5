// A TCP proxy in front of a real server that a test can cut and restore, to simulate a node that
// goes away (connections dropped, port refusing) and comes back on the same address; or blackhole,
// to simulate one that takes connections and never answers (packets dropped on the way).
import net from 'node:net';

export interface TcpProxy {
  url: string;
  cut(): Promise<void>;
  /** Connections are accepted and what is sent is swallowed; nothing comes back. */
  blackhole(): Promise<void>;
  /** Back to forwarding, after cut() or blackhole(). */
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy({ targetPort, targetHost = '127.0.0.1' }: { targetPort: number; targetHost?: string }): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  const upstreams = new Map<net.Socket, net.Socket>();
  let server: net.Server;
  let port = 0;
  let listening = false;
  let blackholed = false;

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = net.createServer((client) => {
        sockets.add(client);
        client.on('close', () => sockets.delete(client));
        client.on('error', () => client.destroy());
        if (blackholed) {
          client.resume();
          return;
        }
        const upstream = net.connect(targetPort, targetHost);
        sockets.add(upstream);
        upstreams.set(client, upstream);
        upstream.on('close', () => {
          sockets.delete(upstream);
          upstreams.delete(client);
        });
        upstream.on('error', () => upstream.destroy());
        client.pipe(upstream).pipe(client);
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        port = (server.address() as net.AddressInfo).port;
        listening = true;
        resolve();
      });
    });

  const dropConnections = () => {
    for (const s of sockets) s.destroy();
  };
  const stop = () =>
    new Promise<void>((resolve) => {
      dropConnections();
      listening = false;
      server.close(() => resolve());
    });

  await listen();
  return {
    url: `http://127.0.0.1:${port}`,
    cut: stop,
    async blackhole() {
      blackholed = true;
      if (!listening) await listen();
      // Kept-alive connections stay open too, but nothing goes through them any more.
      for (const [client, upstream] of upstreams) {
        client.unpipe(upstream);
        upstream.unpipe(client);
        upstream.destroy();
        client.resume();
      }
    },
    async restore() {
      blackholed = false;
      dropConnections();
      if (!listening) await listen();
    },
    close: stop,
  };
}
