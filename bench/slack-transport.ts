// What one Slack Web API call costs through each HTTP client: the same form-encoded POST (an
// answer's size, umlauts and all) to a small server on 127.0.0.1, at concurrency 50, through
//   fetch:            Node's own fetch with an AbortSignal timeout (the WebClient's default with `timeout`)
//   fetch, no signal: Node's own fetch as Bolt's defaults use it
//   our transport:    adapters/slack/transport.ts (undici's request() on a keep-alive pool)
// and prints the CPU time per call of the whole process (client and server; the server's share is
// the same for every client) and the calls per second.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSlackTransport } from '../adapters/slack/transport.js';

const CALLS = Number(process.env.BENCH_CALLS ?? 6000);
const CONCURRENCY = 50;

const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true,"ts":"1700000000.000100"}'));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/chat.postMessage`;

const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '• Datenschutz-Folgenabschätzung: erledigt – "nicht vertraulich"\n'.repeat(30) } }];
const body = new URLSearchParams({ channel: 'C0BENCH', thread_ts: '1700000000.000100', text: 'Zoom: Erlaubt unter Bedingungen für Bürgerinnen. '.repeat(15), blocks: JSON.stringify(blocks) }).toString();
const headers = { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: 'Bearer xoxb-bench' };

const transport = createSlackTransport({ timeoutMs: 10_000 });
const clients: Array<[string, () => Promise<unknown>]> = [
  ['fetch (AbortSignal timeout)', async () => (await fetch(url, { method: 'POST', body, headers, redirect: 'error', signal: AbortSignal.timeout(10_000) })).text()],
  ['fetch, no signal', async () => (await fetch(url, { method: 'POST', body, headers, redirect: 'error' })).text()],
  ['our transport', async () => (await transport.fetch(url, { method: 'POST', body, headers, redirect: 'error' })).text()],
];

async function run(call: () => Promise<unknown>, calls: number): Promise<{ cpuUs: number; perSecond: number }> {
  let started = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (started++ < calls) await call();
    }),
  );
  const cpu = process.cpuUsage(cpu0);
  return { cpuUs: (cpu.user + cpu.system) / calls, perSecond: calls / ((performance.now() - t0) / 1000) };
}

console.log(`slack-transport: ${CALLS} form POSTs of ${body.length} bytes per client, concurrency ${CONCURRENCY}, on 127.0.0.1`);
for (const [, call] of clients) await run(call, Math.min(1000, CALLS)); // warm-up
for (const [name, call] of clients) {
  const r = await run(call, CALLS);
  console.log(`  ${name.padEnd(30)} ${r.cpuUs.toFixed(0).padStart(5)} µs CPU per call   ${r.perSecond.toFixed(0).padStart(6)} calls/s`);
}
await transport.close();
server.close();
