// A node contender of the `load` benchmark (benchmarks/McpSdk.Benchmarks/Load.cs, docs/PERFORMANCE.md).
//
//   node load-client.mjs sdk|raw <path to server-everything dist/index.js>
//   node load-client.mjs sdk-http|raw-http <http://127.0.0.1:<port>/mcp>
//
// stdio modes start their own server-everything over stdio (one process, kept for the whole run) and connect to it:
//   sdk  the official TypeScript SDK's Client + StdioClientTransport, calling client.callTool(...);
//   raw  a minimal pipelined JSON-RPC client: initialize, then `tools/call` lines written back to back (the lines
//        produced while handling one chunk of responses go out in one write), responses matched by id — the ceiling.
// HTTP modes talk to a server-everything `streamableHttp` the caller started (its PID is the caller's to know):
//   sdk-http  the official TypeScript SDK's Client + StreamableHTTPClientTransport;
//   raw-http  a minimal Streamable HTTP client on node:http with a keep-alive agent: initialize (keeps the
//             mcp-session-id), then one POST per `tools/call` on up to `inFlight` kept-alive connections, the body read
//             as JSON or as the single SSE `data:` event the server answers with — the ceiling over HTTP/1.1.
// Then prints {"ready":true,"clientPid":…,"serverPid":…|null} and answers one JSON line per command read from stdin:
//   {"inFlight":64,"calls":20000}  →  {"calls":…,"wallMs":…,"cpuMs":…,"p50Us":…,"p99Us":…}
// a closed loop of `inFlight` workers, each awaiting one `echo` call at a time, until `calls` calls are done.
// cpuMs is this client process's utime+stime from /proc/self/stat over the window (the server is another process).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';

const [mode, serverPath] = process.argv.slice(2);
if (!['sdk', 'raw', 'sdk-http', 'raw-http'].includes(mode) || !serverPath) {
  console.error('usage: node load-client.mjs sdk|raw <server-everything dist/index.js> | sdk-http|raw-http <url>');
  process.exit(2);
}

const TICKS_PER_SECOND = 100; // USER_HZ (getconf CLK_TCK) on Linux

function cpuMs(pid = 'self') {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND; // utime, stime (fields 14, 15)
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

function summarise(latencies, calls, wallMs, cpu) {
  const sorted = latencies.subarray(0, calls).sort();
  return { calls, wallMs, cpuMs: cpu, p50Us: percentile(sorted, 0.5) * 1000, p99Us: percentile(sorted, 0.99) * 1000 };
}

// A closed loop of `inFlight` workers, each awaiting `call()` one at a time until `calls` are done.
async function closedLoop(inFlight, calls, call) {
  const latencies = new Float64Array(calls);
  let next = 0;
  const worker = async () => {
    while (next < calls) {
      const i = next++;
      const started = performance.now();
      await call();
      latencies[i] = performance.now() - started;
    }
  };
  const cpu0 = cpuMs();
  const t0 = performance.now();
  await Promise.all(Array.from({ length: inFlight }, worker));
  const wallMs = performance.now() - t0;
  return summarise(latencies, calls, wallMs, cpuMs() - cpu0);
}

// ---- sdk: the official TypeScript SDK client -------------------------------------------------------------------
async function startSdk(http) {
  const { Client } = await import('@modelcontextprotocol/sdk/client/index.js');
  let transport;
  if (http) {
    const { StreamableHTTPClientTransport } = await import('@modelcontextprotocol/sdk/client/streamableHttp.js');
    transport = new StreamableHTTPClientTransport(new URL(serverPath));
  } else {
    const { StdioClientTransport } = await import('@modelcontextprotocol/sdk/client/stdio.js');
    transport = new StdioClientTransport({ command: process.execPath, args: [serverPath, 'stdio'], stderr: 'ignore' });
  }
  const client = new Client({ name: 'load-ts-sdk', version: '1.0.0' });
  await client.connect(transport);
  const check = await client.callTool({ name: 'echo', arguments: { message: 'hello' } });
  if (check.content?.[0]?.text !== 'Echo: hello') throw new Error('unexpected echo result: ' + JSON.stringify(check));

  const run = (inFlight, calls) => closedLoop(inFlight, calls, () => client.callTool({ name: 'echo', arguments: { message: 'hello' } }));
  return { serverPid: http ? null : transport.pid, run };
}

// ---- raw-http: minimal Streamable HTTP client, the ceiling over HTTP ---------------------------------------------
async function startRawHttp() {
  const http = await import('node:http');
  const url = new URL(serverPath);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });
  const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

  function post(body) {
    return new Promise((resolve, reject) => {
      const request = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent, headers }, (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => { text += chunk; });
        response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, text }));
        response.on('error', reject);
      });
      request.on('error', reject);
      request.end(body);
    });
  }

  function message(response) {
    if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${response.text}`);
    if (!String(response.headers['content-type']).startsWith('text/event-stream')) return JSON.parse(response.text);
    for (const line of response.text.split('\n')) {
      if (line.startsWith('data:') && line.length > 5 && line.slice(5).trim() !== '') { // skip empty (priming) events
        const parsed = JSON.parse(line.slice(5));
        if (parsed.id !== undefined) return parsed;
      }
    }
    throw new Error('no response event in: ' + response.text);
  }

  const init = await post(JSON.stringify({
    jsonrpc: '2.0', id: 0, method: 'initialize',
    params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'load-raw-http', version: '1.0.0' } },
  }));
  const initialized = message(init);
  if (initialized.error) throw new Error(JSON.stringify(initialized.error));
  headers['mcp-session-id'] = init.headers['mcp-session-id'];
  headers['mcp-protocol-version'] = initialized.result.protocolVersion;
  await post('{"jsonrpc":"2.0","method":"notifications/initialized"}');

  let nextId = 1;
  const call = async () => {
    const reply = message(await post('{"jsonrpc":"2.0","id":' + nextId++ + ',"method":"tools/call","params":{"name":"echo","arguments":{"message":"hello"}}}'));
    if (reply.error) throw new Error(JSON.stringify(reply.error));
    return reply;
  };
  const check = await call();
  if (check.result?.content?.[0]?.text !== 'Echo: hello') throw new Error('unexpected echo result: ' + JSON.stringify(check));
  return { serverPid: null, run: (inFlight, calls) => closedLoop(inFlight, calls, call) };
}

// ---- raw: pipelined JSON-RPC, the ceiling -----------------------------------------------------------------------
async function startRaw() {
  const child = spawn(process.execPath, [serverPath, 'stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  child.stdin.setDefaultEncoding('utf8');
  let onMessage = null;
  let rest = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    const text = rest + chunk;
    let start = 0;
    let end;
    while ((end = text.indexOf('\n', start)) >= 0) {
      if (end > start) onMessage(JSON.parse(text.slice(start, end)));
      start = end + 1;
    }
    rest = text.slice(start);
    flush();
  });

  let outgoing = '';
  function flush() {
    if (outgoing.length > 0) {
      child.stdin.write(outgoing);
      outgoing = '';
    }
  }

  await new Promise((resolve, reject) => {
    onMessage = (message) => {
      if (message.id !== 0) return;
      if (message.error) reject(new Error(JSON.stringify(message.error)));
      outgoing += '{"jsonrpc":"2.0","method":"notifications/initialized"}\n';
      resolve();
    };
    outgoing += JSON.stringify({
      jsonrpc: '2.0', id: 0, method: 'initialize',
      params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'load-raw', version: '1.0.0' } },
    }) + '\n';
    flush();
  });
  flush();

  let nextId = 1;
  const SLOTS = 1024; // > any inFlight used; ids in flight never collide modulo SLOTS
  const startedAt = new Float64Array(SLOTS);
  const indexOf = new Int32Array(SLOTS);

  function run(inFlight, calls) {
    return new Promise((resolve, reject) => {
      const latencies = new Float64Array(calls);
      let issued = 0;
      let done = 0;
      let checked = false;
      const issue = () => {
        const id = nextId++;
        startedAt[id % SLOTS] = performance.now();
        indexOf[id % SLOTS] = issued++;
        outgoing += '{"jsonrpc":"2.0","id":' + id + ',"method":"tools/call","params":{"name":"echo","arguments":{"message":"hello"}}}\n';
      };
      const cpu0 = cpuMs();
      const t0 = performance.now();
      onMessage = (message) => {
        if (typeof message.id !== 'number') return; // notifications
        if (message.error) { reject(new Error(JSON.stringify(message.error))); return; }
        if (!checked) {
          checked = true;
          if (message.result?.content?.[0]?.text !== 'Echo: hello') { reject(new Error('unexpected: ' + JSON.stringify(message))); return; }
        }
        const slot = message.id % SLOTS;
        latencies[indexOf[slot]] = performance.now() - startedAt[slot];
        done++;
        if (issued < calls) issue();
        else if (done === calls) {
          const wallMs = performance.now() - t0;
          resolve(summarise(latencies, calls, wallMs, cpuMs() - cpu0));
        }
      };
      for (let i = 0; i < Math.min(inFlight, calls); i++) issue();
      flush();
    });
  }

  return { serverPid: child.pid, run };
}

const contender = mode === 'sdk' ? await startSdk(false)
  : mode === 'sdk-http' ? await startSdk(true)
  : mode === 'raw-http' ? await startRawHttp()
  : await startRaw();
process.stdout.write(JSON.stringify({ ready: true, clientPid: process.pid, serverPid: contender.serverPid }) + '\n');

const commands = createInterface({ input: process.stdin });
for await (const line of commands) {
  if (line.trim() === '') continue;
  const { inFlight, calls } = JSON.parse(line);
  const result = await contender.run(inFlight, calls);
  process.stdout.write(JSON.stringify(result) + '\n');
}
process.exit(0);
