/**
 * A production server of this build started by a spec beside the one Playwright drives (a second
 * instance, a mail-configured one, the standalone folder, an https public URL): started in a process
 * group of its own, waited for until it answers ready, and stopped with everything it started, so
 * no next-server outlives the spec — also when the worker exits without running afterAll.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface ProductionServer {
  origin: string;
  port: number;
  process: ChildProcess;
  /** Everything the server wrote to stdout and stderr so far. */
  output(): string;
  /** SIGTERM to the whole process group, SIGKILL if it has not exited after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

const running = new Set<ChildProcess>();
function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group is gone already
  }
}
process.on('exit', () => {
  for (const child of running) killGroup(child, 'SIGKILL');
});

export async function startProductionServer({
  port,
  env,
  command,
  cwd,
  readyPath = '/api/health/ready',
  timeoutMs = 120_000,
}: {
  port: number;
  /** The server's whole environment (nothing of this process's is added: pass `...process.env` to keep it);
   *  NODE_ENV is always production. */
  env: Record<string, string | undefined>;
  /** Arguments to node; default `next start --port <port>` of this checkout. */
  command?: string[];
  cwd?: string;
  /** Polled until it answers 200. */
  readyPath?: string;
  timeoutMs?: number;
}): Promise<ProductionServer> {
  const origin = `http://localhost:${port}`;
  const args = command ?? [
    path.join(process.cwd(), 'node_modules', 'next', 'dist', 'bin', 'next'),
    'start',
    '--port',
    String(port),
  ];
  const child = spawn(process.execPath, args, {
    cwd,
    env: { NEXT_TELEMETRY_DISABLED: '1', ...env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group: stop() reaches whatever it starts
  });
  running.add(child);
  let log = '';
  child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => running.delete(child));

  const server: ProductionServer = {
    origin,
    port,
    process: child,
    output: () => log,
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
      killGroup(child, 'SIGKILL'); // anything of the group that outlived its leader
    },
  };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(
        `the server on port ${port} exited (${child.exitCode ?? child.signalCode}):\n${log.slice(-3000)}`,
      );
    const status = await fetch(`${origin}${readyPath}`, { redirect: 'manual' })
      .then((r) => r.status)
      .catch(() => 0);
    if (status === 200) return server;
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`the server on port ${port} was not ready in ${timeoutMs / 1000} s:\n${log.slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
