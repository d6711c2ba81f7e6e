/**
 * The Bulwark language server: the LSP face on the analysis core. Runs standalone
 * (`node dist/server.js --stdio`, `--node-ipc` or `--socket=<port>`) for any LSP client.
 *
 * Diagnostics are pushed on open at once and on change after a short debounce; only the newest version of
 * a document is ever published. Hover explains the findings under the cursor. Code actions: each Bulwark
 * diagnostic's fixes, then "Ignore <rule> for this line / file" (quick fixes); and, only when asked for by kind
 * (`source`, `source.fixAll` or `source.fixAll.bulwark`, e.g. by `editor.codeActionsOnSave`), one fix-all action
 * applying every safe fix as one edit. The server reads nothing but the documents and whether files exist,
 * executes nothing and uses no network; files a fix creates are created by the client's workspace edit.
 */
import {
  CodeAction,
  CodeActionKind,
  InitializeResult,
  ProposedFeatures,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DockerfileModel, initializeCore } from '../core';
import type { AnalyzeOptions, FileKind, SeveritySetting } from '../core';
import { suppressionFixes } from '../core/fixes/suppress';
import { Analyzer, Snapshot } from './analysis';
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

const DEFAULT_DEBOUNCE_MS = 150;

/** What a client may pass as `initializationOptions`. */
interface InitOptions {
  /** Delay after the last change before analysing; default 150 ms. */
  debounceMs?: number;
  /** Per-rule severity overrides (`off` disables a rule). */
  rules?: Record<string, SeveritySetting>;
  /** Turn on the rules that are off by default. */
  allRules?: boolean;
}

interface DocState {
  kind: FileKind;
  timer?: ReturnType<typeof setTimeout>;
  /** The last analysis published for this document. */
  snapshot?: Snapshot;
}

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const states = new Map<string, DocState>();

let debounceMs = DEFAULT_DEBOUNCE_MS;
let analyzeOptions: Omit<AnalyzeOptions, 'path' | 'host'> = {};
let versionedEdits = false;
/** The client applies `create` resource operations: fixes that create files (e.g. a .dockerignore) are offered. */
let createFiles = false;

const analyzer = new Analyzer((m) => connection.console.error(m), () => analyzeOptions);

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

function readInitOptions(raw: unknown): void {
  if (!raw || typeof raw !== 'object') return;
  const o = raw as InitOptions;
  if (typeof o.debounceMs === 'number' && Number.isFinite(o.debounceMs) && o.debounceMs >= 0) debounceMs = o.debounceMs;
  if (o.rules && typeof o.rules === 'object') analyzeOptions = { ...analyzeOptions, rules: { ...o.rules } };
  if (typeof o.allRules === 'boolean') analyzeOptions = { ...analyzeOptions, allRules: o.allRules };
}

connection.onInitialize(async (params): Promise<InitializeResult> => {
  readInitOptions(params.initializationOptions);
  await ready;
  if (coreError) connection.console.error(`Bulwark: the analysis core failed to load; no diagnostics. ${coreError}`);
  const caps = params.capabilities;
  versionedEdits = !!caps.workspace?.workspaceEdit?.documentChanges;
  createFiles = versionedEdits && !!caps.workspace?.workspaceEdit?.resourceOperations?.includes('create');
  const codeActionLiterals = !!caps.textDocument?.codeAction?.codeActionLiteralSupport;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      hoverProvider: true,
      codeActionProvider: codeActionLiterals
        ? { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll, FIX_ALL_KIND] }
        : true,
    },
    serverInfo: { name: 'bulwark' },
  };
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
  if (state.snapshot?.version === doc.version) return state.snapshot;
  if (!coreReady) {
    // Only if a client sends documents before `initialize` has answered: analyse once the core is loaded.
    void ready.then(() => validate(uri));
    return undefined;
  }
  const snapshot = analyzer.run({ uri, version: doc.version, kind: state.kind, text: doc.getText() });
  // A newer version wins: publish only if the document is still open at the version analysed.
  if (states.get(uri) !== state || documents.get(uri)?.version !== snapshot.version) return undefined;
  state.snapshot = snapshot;
  connection
    .sendDiagnostics({ uri, version: snapshot.version, diagnostics: toDiagnostics(snapshot.findings, snapshot.version) })
    .catch((e) => connection.console.error(`Bulwark: publishing diagnostics for ${uri} failed: ${String(e)}`));
  return snapshot;
}

/** The analysis of the document's current version, running it now if a debounced run is pending. */
function current(uri: string): Snapshot | undefined {
  const state = states.get(uri);
  const doc = documents.get(uri);
  if (!state || !doc) return undefined;
  return state.snapshot?.version === doc.version ? state.snapshot : validate(uri);
}

documents.onDidOpen(({ document }) => {
  const old = states.get(document.uri);
  if (old) cancel(old);
  const kind = documentKind(document.languageId, document.uri);
  if (!kind) {
    states.delete(document.uri);
    return;
  }
  states.set(document.uri, { kind });
  validate(document.uri);
});

documents.onDidChangeContent(({ document }) => {
  const state = states.get(document.uri);
  if (!state || state.snapshot?.version === document.version) return; // not ours, or just analysed on open
  cancel(state);
  state.timer = setTimeout(() => {
    state.timer = undefined;
    validate(document.uri);
  }, debounceMs);
});

documents.onDidClose(({ document }) => {
  const state = states.get(document.uri);
  if (!state) return;
  cancel(state);
  states.delete(document.uri);
  void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] }).catch(() => undefined);
});

connection.onHover(async ({ textDocument, position }) => {
  await ready;
  try {
    const snapshot = current(textDocument.uri);
    return snapshot ? toHover(snapshot.findings, position) : null;
  } catch (e) {
    connection.console.error(`Bulwark: hover failed: ${errorText(e)}`);
    return null;
  }
});

/** The parsed model of a snapshot, for suppression fixes; parsed once per analysed version. */
const models = new WeakMap<Snapshot, DockerfileModel>();
function modelOf(snapshot: Snapshot): DockerfileModel {
  let model = models.get(snapshot);
  if (!model) models.set(snapshot, (model = new DockerfileModel(snapshot.text)));
  return model;
}

connection.onCodeAction(async ({ textDocument, context }) => {
  await ready;
  const actions: CodeAction[] = [];
  try {
    const only = context.only;
    // Quick fixes answer a plain request (the light bulb); source actions only a request for their kind.
    const quickFixes = !only || only.some((k) => kindRequested(k, CodeActionKind.QuickFix));
    const fixAll = !!only && only.some((k) => k !== '' && kindRequested(k, FIX_ALL_KIND));
    const ours = quickFixes ? context.diagnostics.filter((d) => bulwarkData(d)) : [];
    if (ours.length === 0 && !fixAll) return actions;
    const snapshot = current(textDocument.uri);
    if (!snapshot) return actions;
    const options: EditOptions = { version: snapshot.version, documentChanges: versionedEdits, createFiles };
    for (const diagnostic of ours) {
      const finding = findingForDiagnostic(diagnostic, snapshot.findings, snapshot.version);
      if (!finding) continue;
      actions.push(...toCodeActions(finding, diagnostic, textDocument.uri, options));
      if (snapshot.kind === 'dockerfile') {
        actions.push(...toCodeActions(finding, diagnostic, textDocument.uri, options, suppressionFixes(modelOf(snapshot), finding)));
      }
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
});

connection.onShutdown(() => {
  for (const state of states.values()) cancel(state);
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
