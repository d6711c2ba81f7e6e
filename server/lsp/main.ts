/**
 * The Bulwark language server: the LSP face on the analysis core. Runs standalone
 * (`node dist/server.js --stdio`, `--node-ipc` or `--socket=<port>`) for any LSP client.
 *
 * Diagnostics are pushed on open at once and on change after a short debounce; only the newest version of
 * a document is ever published. Hover explains the findings under the cursor. Code actions: each Bulwark
 * diagnostic's fixes, then "Ignore <rule> for this line / file" (quick fixes); and, only when asked for by kind
 * (`source`, `source.fixAll` or `source.fixAll.bulwark`, e.g. by `editor.codeActionsOnSave`), one fix-all action
 * applying every safe fix as one edit.
 *
 * Workspace (workspace.ts): after `initialized` the server finds every Dockerfile and Compose file in the workspace
 * folders (respecting `.gitignore`, `files.exclude` and `bulwark.exclude`) and publishes their analysis from disk, with
 * work-done progress on large workspaces; watched-file events keep that current, and closing a document re-publishes
 * its disk analysis. Custom messages for the client (summary.ts): `bulwark/analyzeWorkspace`, `bulwark/summary`,
 * `bulwark/rules` requests, `bulwark/findingCounts` notifications (when asked for), `bulwark/workspaceTrusted`.
 *
 * Cross-file: a Compose service with `build:` is judged with its Dockerfile, read as the editor shows it (an open
 * document's text wins over the disk); when that Dockerfile changes, the Compose files that read it are re-published.
 *
 * The server reads the documents, the files of the workspace and whether files exist; it executes nothing; files a fix
 * creates are created by the client's workspace edit. The network is used only for digest look-ups the user asks for
 * (pin/refresh actions, the pin command, image hovers: registry.ts), and only when `registryAllowed(uri)` says so.
 */
import { createHash } from 'node:crypto';
import {
  CodeAction,
  CodeActionKind,
  CodeActionParams,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  InitializeResult,
  MessageType,
  ProposedFeatures,
  TextDocumentSyncKind,
  TextDocuments,
  WatchKind,
  createConnection,
} from 'vscode-languageserver/node';
import type { Diagnostic } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ComposeModel, DockerfileModel, allRules, initializeCore, ruleDocUrl } from '../core';
import type { FileKind, Finding, Fix } from '../core';
import { suppressionFixes } from '../core/fixes/suppress';
import { composeSuppressionFixes } from '../core/fixes/suppress-compose';
import { Analyzer, EditorHost } from './analysis';
import type { DocumentInput, Snapshot } from './analysis';
import { ResultStore } from './result-store';
import {
  FIX_ALL_KIND,
  EditOptions,
  bulwarkData,
  documentKind,
  findingForDiagnostic,
  kindRequested,
  toCodeActions,
  toDiagnostics,
  toFixAllAction,
  toHover,
} from './convert';
import { ConfigDiagnostics } from './config-files';
import { isConfigFile } from '../core/config';
import { AnalysisInitOptions, Settings } from './settings';
import {
  ANALYZE_WORKSPACE_REQUEST,
  FINDING_COUNTS_NOTIFICATION,
  FindingCounts,
  RULES_REQUEST,
  SUMMARY_REQUEST,
  ShownFindings,
  WORKSPACE_TRUSTED_NOTIFICATION,
} from './summary';
import { uriToFsPath } from './uri';
import { maskConsole, showMessage } from './log-guard';
import { REGISTRY_COMMANDS, RegistryFeatures } from './registry';
import { DEFAULT_LIMITS, FileChange, ProgressHandle, ScanResult, WorkspaceIndex } from './workspace';

const DEFAULT_DEBOUNCE_MS = 150;

const COUNTS_DEBOUNCE_MS = 200;

/** What a client may pass as `initializationOptions` (with `rules`, `allRules`, `workspaceTrusted`: settings.ts). */
interface InitOptions extends AnalysisInitOptions {
  /** Delay after the last change before analysing; default 150 ms. */
  debounceMs?: number;
  /** Analyse the workspace folders' files without opening them; default true. */
  workspaceScan?: boolean;
  /** Send `bulwark/findingCounts` notifications (the VS Code client's status bar); default false. */
  findingCounts?: boolean;
  /** At most this many files in the workspace set; default 20,000. */
  maxWorkspaceFiles?: number;
  /** Workspace files larger than this are skipped; default 1 MB. */
  maxFileBytes?: number;
  /** Report progress when a scan analyses more files than this; default 50. */
  progressThreshold?: number;
}

/** An answer to `bulwark/analyzeWorkspace`. */
interface AnalyzeWorkspaceResult extends ScanResult {
  counts: FindingCounts;
}

/** An entry of `bulwark/rules`. */
interface RuleEntry {
  id: string;
  title: string;
  category: string;
  severity: string;
  kind: FileKind;
  description: string;
  docUrl: string;
}

interface DocState {
  kind: FileKind;
  timer?: ReturnType<typeof setTimeout>;
}

const connection = createConnection(ProposedFeatures.all);
maskConsole(connection);
const documents = new TextDocuments(TextDocument);
const states = new Map<string, DocState>();

let debounceMs = DEFAULT_DEBOUNCE_MS;
let versionedEdits = false;
/** The client applies `create` resource operations: fixes that create files (e.g. a .dockerignore) are offered. */
let createFiles = false;
let workspaceScan = true;
let sendCounts = false;
/** Client capabilities that the workspace features depend on. */
let clientCaps = {
  configuration: false,
  watchedFilesRegistration: false,
  configurationRegistration: false,
  workspaceFolders: false,
  workDoneProgress: false,
};
/** Workspace folder URIs from `initialize` (or its `rootUri`). */
let initialFolders: string[] = [];
/** The current workspace folder URIs. */
let workspaceFolders: string[] = [];

/** "Options for this file": initialization options, `bulwark.*` settings, `.bulwark.yaml` and `.hadolint.yaml`. */
const settings = new Settings(openText);
/** The editor's text of the open document at an absolute path, if one is open (it wins over the disk). */
function openText(fsPath: string): string | undefined {
  const uri = openByPath.get(pathKey(fsPath));
  return uri === undefined ? undefined : documents.get(uri)?.getText();
}
/** Open `file:` documents by path key → URI: configuration resolution asks about many paths per file. */
const openByPath = new Map<string, string>();
documents.onDidOpen(({ document }) => {
  const p = uriToFsPath(document.uri);
  if (p !== undefined) openByPath.set(pathKey(p), document.uri);
});
documents.onDidClose(({ document }) => {
  const p = uriToFsPath(document.uri);
  if (p !== undefined && openByPath.get(pathKey(p)) === document.uri) openByPath.delete(pathKey(p));
});
const host = new EditorHost(openText);
const analyzer = new Analyzer((m) => connection.console.error(m), (uri) => settings.optionsFor(uri), undefined, host);

// ---- Cross-file dependencies ---------------------------------------------------------------------------------------
//
// A Compose service with `build:` is judged with its Dockerfile (compose-root-user, compose-no-healthcheck): the
// analysis reads it through the host, which records the paths read. When such a Dockerfile changes (an open
// document's edit after its debounce, opening or closing it, or a watched-file event), every Compose file that read
// it — open, or from the workspace scan — is analysed again and re-published. The reverse direction needs nothing
// today: a Dockerfile's own diagnostics do not depend on any Compose file.

/** Paths compared as the file system does: case-insensitively on Windows and macOS. */
function pathKey(fsPath: string): string {
  return process.platform === 'win32' || process.platform === 'darwin' ? fsPath.toLowerCase() : fsPath;
}

/** Per analysed document (URI): the path keys of the other files its last analysis read. */
const readsBy = new Map<string, Set<string>>();

function recordReads(uri: string, reads: readonly string[] | undefined): void {
  if (reads && reads.length > 0) readsBy.set(uri, new Set(reads.map(pathKey)));
  else readsBy.delete(uri);
}

/** Re-analyses and re-publishes every document whose last analysis read this file (a Dockerfile changed). */
function dependenciesChanged(fileUri: string): void {
  const fsPath = uriToFsPath(fileUri);
  if (fsPath === undefined || readsBy.size === 0) return;
  const key = pathKey(fsPath);
  for (const [uri, reads] of [...readsBy]) {
    if (uri === fileUri || !reads.has(key)) continue;
    const state = states.get(uri);
    if (state) {
      // Open: the same version, analysed again (the file it read changed). A pending debounced run does it anyway.
      if (state.timer !== undefined) continue;
      results.delete(uri);
      validate(uri);
    } else if (workspaceScan && workspace.contains(uri)) {
      void workspace
        .fileChanged(uri, 'changed')
        .catch((e) => connection.console.error(`Bulwark: re-analysing ${uri} failed: ${errorText(e)}`));
    } else {
      readsBy.delete(uri);
    }
  }
}
const shown = new ShownFindings();

// ---- Configuration -------------------------------------------------------------------------------------------------
//
// Configuration files (settings.ts, config-files.ts) get diagnostics of their own; when one changes (an edit in the
// editor after its debounce, opening or closing it, a watched-file event), the files whose resolution it affects are
// analysed again. A settings change or Workspace Trust being granted re-analyses everything.

const configDiagnostics = new ConfigDiagnostics(settings, (uri, diagnostics) => send(uri, diagnostics), (m) => connection.console.error(m));
settings.onConfigFileSeen = () => configDiagnostics.schedule();
settings.onSettingsProblem = (problem) => {
  connection.console.error(`Bulwark: ${problem.message}`);
  // A notification: nothing to answer (showWarningMessage would be a request waiting for the user).
  showMessage(connection, MessageType.Warning, `Bulwark: ${problem.message}`);
};

/** Open configuration files (by URI → path) and their pending debounced re-resolutions. */
const configDocs = new Map<string, { path: string; timer?: ReturnType<typeof setTimeout> }>();

/**
 * Analyses a document again: an open one now (unless a debounced run is pending, or `before`, its options'
 * fingerprint before the change, shows that they did not change), a workspace file from disk.
 */
function reanalyze(uri: string, before?: string): void {
  const state = states.get(uri);
  if (state) {
    if (state.timer !== undefined || (before !== undefined && settings.fingerprint(uri) === before)) return;
    results.delete(uri);
    validate(uri);
  } else if (workspaceScan && workspace.folderCount > 0) {
    void workspace.fileChanged(uri, 'changed').catch((e) => connection.console.error(`Bulwark: re-analysing ${uri} failed: ${errorText(e)}`));
  }
}

/** A configuration file (or a file one extends) changed: its diagnostics and the files it configures. */
function configFileChanged(fsPath: string, deleted = false): void {
  const before = openFingerprints();
  for (const uri of settings.configFileChanged(fsPath, deleted)) reanalyze(uri, before.get(uri));
  configDiagnostics.schedule();
}

/** The options' fingerprints of the open documents. */
function openFingerprints(): Map<string, string> {
  return new Map([...states.keys()].map((uri) => [uri, settings.fingerprint(uri)]));
}

/** Settings or trust changed (every resolution was dropped): every open document, the workspace, the config files. */
function everythingChanged(): void {
  for (const uri of states.keys()) reanalyze(uri);
  configDiagnostics.schedule();
  if (workspaceScan && workspace.folderCount > 0) scanInBackground();
}

function errorText(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}

/**
 * The core loads its shell grammar (WebAssembly) once, asynchronously; analysis is synchronous after that.
 * If loading fails, every analysis fails, is logged (once) and publishes nothing, and the server stays up.
 */
let coreReady = false;
let coreError: string | undefined;
const ready: Promise<void> = initializeCore().then(
  () => {
    coreReady = true;
  },
  (e: unknown) => {
    coreReady = true;
    coreError = errorText(e);
  },
);

function count(value: unknown, min: number): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= min ? Math.floor(value) : undefined;
}

// ---- Registry look-ups (digest pinning, image hover) ------------------------------------------------------------------

const registry = new RegistryFeatures({
  allowed: (uri) => registryAllowed(uri),
  snapshot: (uri) => current(uri),
  version: (uri) => documents.get(uri)?.version,
  editOptions: (snapshot) => ({ version: snapshot.version, documentChanges: versionedEdits, createFiles }),
  applyEdit: async (label, edit) => {
    try {
      return (await connection.workspace.applyEdit({ label, edit })).applied;
    } catch {
      return false; // a client without workspace/applyEdit
    }
  },
  showError: (message) => showMessage(connection, MessageType.Error, message),
  showInfo: (message) => showMessage(connection, MessageType.Info, message),
});

/**
 * The one gate for network access: registry look-ups for this document are allowed only in a trusted workspace, when
 * `initializationOptions.registry.enabled` is not false, and when the file's resolved `registry.enabled` (its folder's
 * `bulwark.registry.enabled` under `.bulwark.yaml`, which an untrusted workspace cannot switch on) allows.
 */
function registryAllowed(uri: string): boolean {
  return settings.trusted && registry.enabledByOptions && settings.registryEnabledFor(uri);
}

function readInitOptions(raw: unknown): void {
  settings.readInitOptions(raw);
  registry.readInitOptions(raw);
  if (!raw || typeof raw !== 'object') return;
  const o = raw as InitOptions;
  if (typeof o.debounceMs === 'number' && Number.isFinite(o.debounceMs) && o.debounceMs >= 0) debounceMs = o.debounceMs;
  if (typeof o.workspaceScan === 'boolean') workspaceScan = o.workspaceScan;
  if (typeof o.findingCounts === 'boolean') sendCounts = o.findingCounts;
  const limits = workspace.limits;
  workspace.limits = {
    maxFiles: count(o.maxWorkspaceFiles, 1) ?? limits.maxFiles,
    maxFileBytes: count(o.maxFileBytes, 1) ?? limits.maxFileBytes,
    progressThreshold: count(o.progressThreshold, 0) ?? limits.progressThreshold,
  };
}

connection.onInitialize(async (params): Promise<InitializeResult> => {
  readInitOptions(params.initializationOptions);
  await ready;
  if (coreError) connection.console.error(`Bulwark: the analysis core failed to load; no diagnostics. ${coreError}`);
  const caps = params.capabilities;
  versionedEdits = !!caps.workspace?.workspaceEdit?.documentChanges;
  createFiles = versionedEdits && !!caps.workspace?.workspaceEdit?.resourceOperations?.includes('create');
  const codeActionLiterals = !!caps.textDocument?.codeAction?.codeActionLiteralSupport;
  registry.resolveSupport = !!caps.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') && !!caps.textDocument?.codeAction?.dataSupport;
  registry.disabledSupport = !!caps.textDocument?.codeAction?.disabledSupport;
  clientCaps = {
    configuration: !!caps.workspace?.configuration,
    watchedFilesRegistration: !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration,
    configurationRegistration: !!caps.workspace?.didChangeConfiguration?.dynamicRegistration,
    workspaceFolders: !!caps.workspace?.workspaceFolders,
    workDoneProgress: !!caps.window?.workDoneProgress,
  };
  initialFolders = params.workspaceFolders
    ? params.workspaceFolders.map((f) => f.uri)
    : params.rootUri
      ? [params.rootUri]
      : [];
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      hoverProvider: true,
      codeActionProvider: codeActionLiterals
        ? { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll, FIX_ALL_KIND], resolveProvider: true }
        : true,
      executeCommandProvider: { commands: REGISTRY_COMMANDS },
      ...(clientCaps.workspaceFolders ? { workspace: { workspaceFolders: { supported: true, changeNotifications: true } } } : {}),
    },
    serverInfo: { name: 'bulwark' },
  };
});

// ---- What is shown -------------------------------------------------------------------------------------------------

let countsTimer: ReturnType<typeof setTimeout> | undefined;

function currentCounts(): FindingCounts {
  return shown.counts(workspace.size, workspace.scanning);
}

/** Sends `bulwark/findingCounts` shortly (coalescing bursts), when the client asked for it. */
function countsChanged(): void {
  if (!sendCounts || countsTimer !== undefined) return;
  countsTimer = setTimeout(() => {
    countsTimer = undefined;
    connection.sendNotification(FINDING_COUNTS_NOTIFICATION, currentCounts()).catch(() => undefined);
  }, COUNTS_DEBOUNCE_MS);
}

function send(uri: string, diagnostics: Diagnostic[], version?: number): void {
  connection
    .sendDiagnostics(version === undefined ? { uri, diagnostics } : { uri, version, diagnostics })
    .catch((e) => connection.console.error(`Bulwark: publishing diagnostics for ${uri} failed: ${String(e)}`));
}

/** What was last published from disk per file (a digest of the diagnostics' JSON), so that a rescan re-sends only what changed. */
const sentFromDisk = new Map<string, string>();

/** Publishes an open document's analysis (always, with its version). */
function showOpen(snapshot: Snapshot): void {
  sentFromDisk.delete(snapshot.uri);
  if (shown.set(snapshot.uri, snapshot.findings)) countsChanged();
  send(snapshot.uri, toDiagnostics(snapshot.findings, snapshot.version), snapshot.version);
}

/** Publishes a file's disk analysis (undefined: clears) when it differs from what is shown. */
function showDisk(uri: string, findings: Finding[] | undefined): void {
  const diagnostics = toDiagnostics(findings ?? []);
  const key = createHash('sha1').update(JSON.stringify(diagnostics)).digest('base64');
  const previous = sentFromDisk.get(uri);
  if (key === previous) return;
  const showing = previous !== undefined || shown.has(uri);
  if (shown.set(uri, findings)) countsChanged();
  if (diagnostics.length > 0) sentFromDisk.set(uri, key);
  else sentFromDisk.delete(uri);
  if (diagnostics.length === 0 && !showing) return; // nothing shown, nothing to show
  send(uri, diagnostics);
}

/** Clears a document's diagnostics. */
function clear(uri: string): void {
  sentFromDisk.delete(uri);
  if (shown.set(uri, undefined)) countsChanged();
  send(uri, []);
}

// ---- The workspace -------------------------------------------------------------------------------------------------

const workspace = new WorkspaceIndex(
  {
    isOpen: (uri) => states.has(uri),
    analyze: (uri, kind, text) => {
      if (!settings.enabledFor(uri)) return [];
      const snapshot = analyzer.run({ uri, version: 0, kind, text });
      if (!states.has(uri)) recordReads(uri, snapshot.reads);
      return snapshot.findings;
    },
    publish: showDisk,
    log: (m) => connection.console.log(m),
    progress: async (title, message): Promise<ProgressHandle | undefined> => {
      if (!clientCaps.workDoneProgress) return undefined;
      try {
        const reporter = await connection.window.createWorkDoneProgress();
        reporter.begin(title, 0, message, false);
        return { report: (percentage, text) => reporter.report(percentage, text), done: () => reporter.done() };
      } catch {
        return undefined; // the client refused the token: scan without progress
      }
    },
    excludesFor: (folder) => settings.excludesFor(folder),
    excluded: (uri) => !settings.enabledFor(uri) || settings.excluded(uri),
    scanning: () => countsChanged(),
  },
  { ...DEFAULT_LIMITS },
);

/** Asks the client for the folders' settings; answers whether what the scan excludes / any `bulwark` setting changed. */
async function refreshConfiguration(): Promise<{ excludes: boolean; settings: boolean }> {
  settings.setFolders(workspaceFolders);
  if (!clientCaps.configuration) return { excludes: false, settings: false };
  try {
    const values: unknown[] = await connection.workspace.getConfiguration(Settings.configurationItems(workspaceFolders));
    return settings.applyConfiguration(workspaceFolders, values);
  } catch (e) {
    connection.console.error(`Bulwark: reading the settings failed: ${errorText(e)}`);
    return { excludes: false, settings: false };
  }
}

async function scanWorkspace(): Promise<ScanResult> {
  const result = await workspace.scan();
  if (!result.cancelled) {
    connection.console.log(
      `Bulwark: analyzed ${result.analyzed} of ${result.files} workspace files in ${result.durationMs} ms` +
        (result.skipped ? ` (${result.skipped} skipped)` : '') +
        '.',
    );
  }
  return result;
}

function scanInBackground(): void {
  scanWorkspace().catch((e) => connection.console.error(`Bulwark: workspace scan failed: ${errorText(e)}`));
}

/** The watched file names: Dockerfiles and Compose files as `detectKind` knows them, and `.gitignore` files. */
const WATCHED_GLOBS = [
  '**/{Dockerfile,Containerfile,dockerfile,containerfile}',
  '**/{Dockerfile,Containerfile,dockerfile,containerfile}.*',
  '**/*.{Dockerfile,Containerfile,dockerfile,containerfile}',
  '**/{compose,docker-compose}.{yaml,yml}',
  '**/{compose,docker-compose}[.-]*.{yaml,yml}',
  '**/.gitignore',
  // Configuration files (their changes re-resolve and re-analyse the files they configure).
  '**/.{bulwark,hadolint}.{yaml,yml}',
];

connection.onInitialized(async () => {
  await ready;
  if (clientCaps.configurationRegistration) {
    connection.client
      .register(DidChangeConfigurationNotification.type, { section: ['bulwark', 'files.exclude'] })
      .catch((e) => connection.console.error(`Bulwark: could not watch the settings: ${String(e)}`));
  }
  if (!workspaceScan) return;
  if (clientCaps.watchedFilesRegistration) {
    connection.client
      .register(DidChangeWatchedFilesNotification.type, {
        watchers: WATCHED_GLOBS.map((globPattern) => ({ globPattern, kind: WatchKind.Create | WatchKind.Change | WatchKind.Delete })),
      })
      .catch((e) => connection.console.error(`Bulwark: could not watch the workspace files: ${String(e)}`));
  }
  if (clientCaps.workspaceFolders) {
    connection.workspace.onDidChangeWorkspaceFolders((event) => {
      const removed = new Set(event.removed.map((f) => f.uri));
      workspaceFolders = [...workspaceFolders.filter((u) => !removed.has(u)), ...event.added.map((f) => f.uri)];
      void refreshConfiguration().then(() => {
        workspace.setFolders(workspaceFolders);
        scanInBackground();
      });
    });
  }
  workspaceFolders = initialFolders;
  const changed = await refreshConfiguration();
  workspace.setFolders(workspaceFolders);
  // Documents opened before the settings arrived were analysed without them.
  if (changed.settings) for (const uri of states.keys()) reanalyze(uri);
  if (workspace.folderCount > 0) scanInBackground();
});

connection.onDidChangeConfiguration(async () => {
  const changed = await refreshConfiguration();
  if (changed.excludes && workspaceScan) workspace.rebuildFilters();
  if (changed.settings) everythingChanged();
  else if (changed.excludes && workspaceScan) scanInBackground();
});

const CHANGES: Record<number, FileChange> = {
  [FileChangeType.Created]: 'created',
  [FileChangeType.Changed]: 'changed',
  [FileChangeType.Deleted]: 'deleted',
};

connection.onDidChangeWatchedFiles(async ({ changes }) => {
  await ready;
  // Configuration files, and files a configuration extends: re-resolve what they configure.
  for (const c of changes) {
    const fsPath = uriToFsPath(c.uri);
    if (fsPath === undefined) continue;
    if (isConfigFile(fsPath)) configDiagnostics.fileEvent(fsPath, c.type === FileChangeType.Deleted);
    if (!configDocs.has(c.uri)) configFileChanged(fsPath, c.type === FileChangeType.Deleted);
  }
  if (!workspaceScan) return;
  await Promise.all(
    changes.map((c) =>
      workspace
        .fileChanged(c.uri, CHANGES[c.type] ?? 'changed')
        .catch((e) => connection.console.error(`Bulwark: handling a change of ${c.uri} failed: ${errorText(e)}`)),
    ),
  );
  // Compose files that build a changed Dockerfile (an open Dockerfile's editor text already counted: harmless).
  for (const c of changes) dependenciesChanged(c.uri);
});

connection.onRequest(ANALYZE_WORKSPACE_REQUEST, async (): Promise<AnalyzeWorkspaceResult> => {
  await ready;
  await refreshConfiguration();
  // Everything is read again: configuration files changed without a watcher event are picked up too.
  const before = openFingerprints();
  settings.reload();
  for (const uri of states.keys()) reanalyze(uri, before.get(uri));
  configDiagnostics.schedule();
  workspace.setFolders(workspaceFolders);
  const result = await scanWorkspace();
  return { ...result, counts: currentCounts() };
});

connection.onRequest(SUMMARY_REQUEST, (): FindingCounts => currentCounts());

connection.onRequest(RULES_REQUEST, (): RuleEntry[] =>
  allRules.map(({ meta }) => ({
    id: meta.id,
    title: meta.title,
    category: meta.category,
    severity: meta.severity,
    kind: meta.kind,
    description: meta.description,
    docUrl: ruleDocUrl(meta.id),
  })),
);

connection.onNotification(WORKSPACE_TRUSTED_NOTIFICATION, (params: { trusted?: unknown }) => {
  if (typeof params?.trusted !== 'boolean' || params.trusted === settings.trusted) return;
  settings.trusted = params.trusted;
  everythingChanged();
});

function cancel(state: DocState): void {
  if (state.timer !== undefined) clearTimeout(state.timer);
  state.timer = undefined;
}

/** Analyses the document's current version and publishes it; returns the (current) snapshot. */
function validate(uri: string): Snapshot | undefined {
  const state = states.get(uri);
  const doc = documents.get(uri);
  if (!state || !doc) return undefined;
  cancel(state);
  if (results.version(uri) === doc.version) return results.get(uri);
  if (!coreReady) {
    // Only if a client sends documents before `initialize` has answered: analyse once the core is loaded.
    void ready.then(() => validate(uri));
    return undefined;
  }
  const snapshot = analyse({ uri, version: doc.version, kind: state.kind, text: doc.getText(), incremental: true });
  // A newer version wins: publish only if the document is still open at the version analysed.
  if (states.get(uri) !== state || documents.get(uri)?.version !== snapshot.version) return undefined;
  results.set(snapshot);
  recordReads(uri, snapshot.reads);
  showOpen(snapshot);
  if (state.kind === 'dockerfile') dependenciesChanged(uri);
  return snapshot;
}

/** An open document's analysis; `bulwark.enable: false`: no findings (the diagnostics are cleared). */
function analyse(input: DocumentInput): Snapshot {
  return settings.enabledFor(input.uri) ? analyzer.run(input) : { uri: input.uri, version: input.version, kind: input.kind, text: input.text, findings: [] };
}

/**
 * Full results of the open documents touched last; the others are analysed again when asked about (result-store.ts).
 * Declared before any message can arrive; its hooks run only once the connection listens.
 */
const results = new ResultStore({
  analyze: (input) => {
    const snapshot = analyse(input);
    recordReads(snapshot.uri, snapshot.reads);
    return snapshot;
  },
  republish: (snapshot) => {
    showOpen(snapshot);
    if (snapshot.kind === 'dockerfile') dependenciesChanged(snapshot.uri);
  },
});

/** The analysis of the document's current version, running it now if a debounced run is pending. */
function current(uri: string): Snapshot | undefined {
  const state = states.get(uri);
  const doc = documents.get(uri);
  if (!state || !doc) return undefined;
  return results.version(uri) === doc.version ? results.get(uri) : validate(uri);
}

/** An open configuration file: its text counts from now on (and after each edit, debounced). */
function configDocOpened(uri: string): void {
  const fsPath = uriToFsPath(uri);
  if (fsPath === undefined || !isConfigFile(fsPath)) return;
  configDocs.set(uri, { path: fsPath });
  configDiagnostics.opened(fsPath);
  configFileChanged(fsPath);
}

documents.onDidOpen(({ document }) => {
  const old = states.get(document.uri);
  if (old) cancel(old);
  results.delete(document.uri);
  const kind = documentKind(document.languageId, document.uri);
  if (!kind) {
    states.delete(document.uri);
    configDocOpened(document.uri);
    return;
  }
  states.set(document.uri, { kind });
  validate(document.uri);
});

documents.onDidChangeContent(({ document }) => {
  const delay = settings.debounceFor(document.uri) ?? debounceMs;
  const config = configDocs.get(document.uri);
  if (config) {
    if (config.timer !== undefined) clearTimeout(config.timer);
    config.timer = setTimeout(() => {
      config.timer = undefined;
      configFileChanged(config.path);
    }, delay);
    return;
  }
  const state = states.get(document.uri);
  if (!state || results.version(document.uri) === document.version) return; // not ours, or just analysed on open
  cancel(state);
  state.timer = setTimeout(() => {
    state.timer = undefined;
    validate(document.uri);
  }, delay);
});

documents.onDidClose(({ document }) => {
  const config = configDocs.get(document.uri);
  if (config) {
    // From now on the disk's text counts.
    if (config.timer !== undefined) clearTimeout(config.timer);
    configDocs.delete(document.uri);
    configDiagnostics.closed(config.path);
    configFileChanged(config.path);
    return;
  }
  const state = states.get(document.uri);
  if (!state) return;
  cancel(state);
  states.delete(document.uri);
  results.delete(document.uri);
  readsBy.delete(document.uri);
  analyzer.forget(document.uri);
  // A closed Dockerfile is read from disk again by the Compose files that build it.
  if (state.kind === 'dockerfile') dependenciesChanged(document.uri);
  // A workspace file keeps diagnostics: its disk analysis replaces the editor's. Anything else is cleared.
  if (workspaceScan && workspace.documentClosed(document.uri)) return;
  settings.forget(document.uri);
  clear(document.uri);
});

connection.onHover(async ({ textDocument, position }) => {
  await ready;
  try {
    const snapshot = current(textDocument.uri);
    return await registry.hover(snapshot, position, snapshot ? toHover(snapshot.findings, position) : null);
  } catch (e) {
    connection.console.error(`Bulwark: hover failed: ${errorText(e)}`);
    return null;
  }
});

/** The suppression fixes of a finding; the snapshot's text is parsed once per analysed version. */
const models = new WeakMap<Snapshot, DockerfileModel | ComposeModel>();
function suppressionFixesOf(snapshot: Snapshot, finding: Finding): Fix[] {
  let model = models.get(snapshot);
  if (!model) models.set(snapshot, (model = snapshot.kind === 'compose' ? new ComposeModel(snapshot.text) : new DockerfileModel(snapshot.text)));
  return model instanceof ComposeModel ? composeSuppressionFixes(model, finding) : suppressionFixes(model, finding);
}

connection.onCodeAction(async (params) => {
  await ready;
  let pins: CodeAction[] = [];
  try {
    pins = registry.codeActions(params, current(params.textDocument.uri));
  } catch (e) {
    connection.console.error(`Bulwark: pin actions failed: ${errorText(e)}`);
  }
  return [...pins, ...(await ruleCodeActions(params))];
});

connection.onCodeActionResolve((action) => registry.resolve(action));

connection.onExecuteCommand(({ command, arguments: args }) => registry.executeCommand(command, args));

async function ruleCodeActions({ textDocument, context }: CodeActionParams): Promise<CodeAction[]> {
  const actions: CodeAction[] = [];
  try {
    const only = context.only;
    // Quick fixes answer a plain request (the light bulb); source actions only a request for their kind.
    const quickFixes = !only || only.some((k) => kindRequested(k, CodeActionKind.QuickFix));
    const fixAll = !!only && only.some((k) => k !== '' && kindRequested(k, FIX_ALL_KIND));
    const ours = quickFixes ? context.diagnostics.filter((d) => bulwarkData(d)) : [];
    if ((ours.length === 0 && !fixAll) || !settings.enabledFor(textDocument.uri)) return actions;
    const snapshot = current(textDocument.uri);
    if (!snapshot) return actions;
    const options: EditOptions = { version: snapshot.version, documentChanges: versionedEdits, createFiles };
    for (const diagnostic of ours) {
      const finding = findingForDiagnostic(diagnostic, snapshot.findings, snapshot.version);
      if (!finding) continue;
      actions.push(...toCodeActions(finding, diagnostic, textDocument.uri, options));
      actions.push(...toCodeActions(finding, diagnostic, textDocument.uri, options, suppressionFixesOf(snapshot, finding)));
    }
    if (fixAll) {
      const result = analyzer.fixAll(snapshot);
      const action = result && toFixAllAction(textDocument.uri, snapshot.text, result, options);
      if (action) actions.push(action);
    }
  } catch (e) {
    connection.console.error(`Bulwark: code actions failed: ${errorText(e)}`);
  }
  return actions;
}

connection.onShutdown(() => {
  for (const state of states.values()) cancel(state);
  workspace.dispose();
  configDiagnostics.dispose();
  for (const config of configDocs.values()) if (config.timer !== undefined) clearTimeout(config.timer);
  if (countsTimer !== undefined) clearTimeout(countsTimer);
});

// Analysis errors are caught where they happen; this is the last line of defence so that a bug never
// takes the editor's diagnostics down with the process.
process.on('uncaughtException', (e) => {
  try {
    connection.console.error(`Bulwark: unexpected error: ${errorText(e)}`);
  } catch {
    // The connection itself is gone; nothing left to tell.
  }
});

documents.listen(connection);
connection.listen();
