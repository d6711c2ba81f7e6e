/**
 * A minimal LSP client for protocol tests: spawns the built server (dist/server.js) and speaks JSON-RPC to
 * it over stdio (or node IPC), recording every publishDiagnostics notification, every other notification
 * (`$/progress`, `bulwark/findingCounts`…), capability registrations and progress tokens, and answering
 * `workspace/configuration` from `configuration`.
 */
import { ChildProcess, fork, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  IPCMessageReader,
  IPCMessageWriter,
  MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  createMessageConnection,
} from 'vscode-jsonrpc/node';
import {
  ConfigurationItem,
  ConfigurationRequest,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  FileEvent,
  InitializeParams,
  InitializeRequest,
  InitializeResult,
  InitializedNotification,
  LogMessageNotification,
  LogMessageParams,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
  Registration,
  RegistrationRequest,
  ShutdownRequest,
  TextDocumentContentChangeEvent,
  WorkDoneProgressCreateRequest,
} from 'vscode-languageserver-protocol';
import { SERVER_ENV, SERVER_EXEC_ARGV } from '../../client/server-flags';

/**
 * dist/server.js, found from the compiled test (out/test/protocol) or the working directory; `BULWARK_DIST` names
 * another folder holding the bundles (a private build that does not disturb others working in the same tree).
 */
export function serverPath(): string {
  const candidates = [
    ...(process.env.BULWARK_DIST ? [path.resolve(process.env.BULWARK_DIST, 'server.js')] : []),
    path.resolve(__dirname, '../../../dist/server.js'),
    path.resolve(process.cwd(), 'dist/server.js'),
  ];
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw new Error(`dist/server.js not found (tried ${candidates.join(', ')}); run \`npm run build\` first`);
  return found;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export class TestClient {
  readonly connection: MessageConnection;
  readonly published: PublishDiagnosticsParams[] = [];
  readonly logs: LogMessageParams[] = [];
  /** Every notification other than diagnostics and log messages, in order (`$/progress`, `bulwark/findingCounts`…). */
  readonly notifications: { method: string; params: unknown }[] = [];
  /** Capabilities the server registered (`client/registerCapability`). */
  readonly registrations: Registration[] = [];
  /** Tokens the server created with `window/workDoneProgress/create`. */
  readonly progressTokens: (string | number)[] = [];
  /** Every `workspace/configuration` item asked for. */
  readonly configurationRequests: ConfigurationItem[][] = [];
  /** Answers one `workspace/configuration` item (default: null, no setting). */
  configuration: (item: ConfigurationItem) => unknown = () => null;
  stderr = '';
  readonly exited: Promise<number | null>;
  private waiters: (() => void)[] = [];

  private constructor(
    readonly child: ChildProcess,
    transport: 'stdio' | 'ipc',
  ) {
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    child.stderr?.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.connection =
      transport === 'stdio'
        ? createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!))
        : createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.published.push(p);
      this.notify();
    });
    this.connection.onNotification(LogMessageNotification.type, (p) => {
      this.logs.push(p);
    });
    this.connection.onNotification((method: string, params: unknown) => {
      this.notifications.push({ method, params });
      this.notify();
    });
    this.connection.onRequest(ConfigurationRequest.type, (p) => {
      this.configurationRequests.push(p.items);
      return p.items.map((item) => this.configuration(item));
    });
    this.connection.onRequest(RegistrationRequest.type, (p) => {
      this.registrations.push(...p.registrations);
      this.notify();
    });
    this.connection.onRequest(WorkDoneProgressCreateRequest.type, (p) => {
      this.progressTokens.push(p.token);
      this.notify();
    });
    // `$/progress` for tokens the server created: the connection routes it here, not to the handler above.
    this.connection.onUnhandledProgress((p) => {
      this.notifications.push({ method: '$/progress', params: p });
      this.notify();
    });
    this.connection.onError(() => undefined);
    this.connection.listen();
  }

  /** Starts dist/server.js with the flags and environment the VS Code client passes (client/server-flags.ts), or `execArgv` (benchmarks). */
  static start(transport: 'stdio' | 'ipc' = 'stdio', execArgv: readonly string[] = SERVER_EXEC_ARGV): TestClient {
    const server = serverPath();
    const env = { ...process.env, ...SERVER_ENV };
    const child =
      transport === 'stdio'
        ? spawn(process.execPath, [...execArgv, server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env })
        : fork(server, ['--node-ipc'], { stdio: ['pipe', 'pipe', 'pipe', 'ipc'], execArgv: [...execArgv], env });
    return new TestClient(child, transport);
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  async initialize(
    initializationOptions?: unknown,
    capabilities: InitializeParams['capabilities'] = {},
    params: Partial<InitializeParams> = {},
  ): Promise<InitializeResult> {
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities,
      initializationOptions,
      ...params,
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  open(uri: string, languageId: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version, text },
    });
  }

  change(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): Promise<void> {
    return this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges,
    });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  changeWatchedFiles(changes: FileEvent[]): Promise<void> {
    return this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  /** Waits (bounded) until `check` answers something other than undefined, re-checking on every message received. */
  async waitFor<T>(check: () => T | undefined, description: string, timeoutMs = 15000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = check();
      if (hit !== undefined) return hit;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${description}; stderr: ${this.stderr}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 250));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The newest publishDiagnostics for `uri`, if any. */
  latest(uri: string): PublishDiagnosticsParams | undefined {
    for (let i = this.published.length - 1; i >= 0; i--) if (this.published[i].uri === uri) return this.published[i];
    return undefined;
  }

  /** Waits until a publishDiagnostics for `uri` (received at index >= `from`) satisfies `accept`. */
  async waitForDiagnostics(
    uri: string,
    accept: (p: PublishDiagnosticsParams) => boolean = () => true,
    timeoutMs = 15000,
    from = 0,
  ): Promise<PublishDiagnosticsParams> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.published.slice(from).find((p) => p.uri === uri && accept(p));
      if (hit) return hit;
      const left = deadline - Date.now();
      if (left <= 0) {
        const seen = this.published.filter((p) => p.uri === uri).map((p) => ({ version: p.version, codes: p.diagnostics.map((d) => d.code) }));
        throw new Error(`timed out waiting for diagnostics of ${uri}; received: ${JSON.stringify(seen)}; stderr: ${this.stderr}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** shutdown + exit; resolves with the process's exit code. */
  async stop(): Promise<number | null> {
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), 15000)));
    const code = await Promise.race([this.exited, timeout]);
    clearTimeout(timer);
    this.connection.dispose();
    if (code === 'timeout') {
      this.child.kill();
      throw new Error('server did not exit within 15 s of shutdown + exit');
    }
    return code;
  }

  /** Ends the process without the protocol (cleanup after a failed test). */
  kill(): void {
    this.connection.dispose();
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
  }
}
