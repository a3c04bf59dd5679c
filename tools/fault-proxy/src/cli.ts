import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { startFaultProxy, type FaultProxy } from './fault-proxy.js';

const USAGE = `usage: fault-proxy --target [host:]port [--listen port] [--latency ms] [--cut-every ms]
                   [--cut-after-bytes n] [--black-hole]

Commands on stdin while running:
  cut                 cut every open connection
  cut-after <n|off>   cut each connection after n more bytes
  latency <ms>        delay every chunk by ms
  blackhole <on|off>  stop forwarding (open and new connections)
  stats               print per-connection statistics as JSON
  quit                close the proxy and exit`;

/** The `fault-proxy` command: a thin shell around {@link startFaultProxy}. Returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        target: { type: 'string' },
        listen: { type: 'string', default: '0' },
        latency: { type: 'string' },
        'cut-every': { type: 'string' },
        'cut-after-bytes': { type: 'string' },
        'black-hole': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help || values.target === undefined) {
    process.stderr.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const [host, port] = values.target.includes(':') ? values.target.split(':') : ['127.0.0.1', values.target];
  const proxy = await startFaultProxy({
    targetHost: host ?? '127.0.0.1',
    targetPort: Number(port),
    listenPort: Number(values.listen),
  });
  if (values.latency !== undefined) proxy.setLatency(Number(values.latency));
  if (values['cut-after-bytes'] !== undefined) proxy.cutAfterBytes(Number(values['cut-after-bytes']));
  if (values['black-hole']) proxy.setBlackHole(true);
  const cutEvery = values['cut-every'] === undefined ? 0 : Number(values['cut-every']);
  const cutTimer = cutEvery > 0 ? setInterval(() => proxy.cutAll(), cutEvery) : undefined;
  process.stdout.write(`${JSON.stringify({ listening: `127.0.0.1:${proxy.port}`, target: `${host}:${port}` })}\n`);

  await new Promise<void>((resolve) => {
    const lines = createInterface({ input: process.stdin });
    const stop = (): void => {
      lines.close();
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    // stdin ending (e.g. started with </dev/null) does not stop the proxy; a signal or `quit` does.
    lines.on('line', (line) => {
      if (runCommand(proxy, line.trim().split(/\s+/)) === 'quit') stop();
    });
  });
  clearInterval(cutTimer);
  await proxy.close();
  return 0;
}

function runCommand(proxy: FaultProxy, [command, arg]: string[]): 'quit' | void {
  const say = (value: unknown): void => void process.stdout.write(`${JSON.stringify(value)}\n`);
  switch (command) {
    case 'cut':
      return say({ cut: proxy.cutAll() });
    case 'cut-after':
      proxy.cutAfterBytes(arg === 'off' || arg === undefined ? null : Number(arg));
      return say({ cutAfterBytes: arg ?? 'off' });
    case 'latency':
      proxy.setLatency(Number(arg ?? 0));
      return say({ latencyMs: Number(arg ?? 0) });
    case 'blackhole':
      proxy.setBlackHole(arg === 'on');
      return say({ blackHole: arg === 'on' });
    case 'stats':
      return say(proxy.stats());
    case 'quit':
      return 'quit';
    case '':
    case undefined:
      return;
    default:
      process.stderr.write(`unknown command "${command}"\n${USAGE}\n`);
  }
}
