/**
 * The VS Code face: starts the Bulwark language server (dist/server.js) for Dockerfiles and Compose files, shows the
 * workspace's security findings in the status bar, and contributes three commands. Everything else lives in the
 * server: this file only forwards.
 *
 * - Status bar: `$(shield) Bulwark: 12` = security findings (rules of category `security`) in the workspace, from the
 *   server's `bulwark/findingCounts` notifications; the tooltip splits them by severity. Clicking opens the Problems
 *   panel and puts the cursor in its filter box: VS Code has no API or command that sets the filter text, so typing
 *   `bulwark` there (VS Code keeps it) narrows the panel to Bulwark's findings (the filter matches the source).
 * - Bulwark: Analyze Workspace → `bulwark/analyzeWorkspace` (rescan); the command resolves to the server's scan result
 *   (files analyzed and the finding counts the status bar shows), for keybindings, tasks and other extensions.
 * - Bulwark: Fix All in File → the `source.fixAll.bulwark` code action of the active editor, applied.
 * - Bulwark: Show Rule Documentation → a quick pick of the rules (those at the cursor first) → the rule's page shipped
 *   in the extension (docs/rules/<id>.md, Markdown preview), or its online page.
 * - Bulwark: Pin Image Digests in File / Refresh Image Digests in File → the server command `bulwark.server.pinFile`
 *   for the active editor: the server looks the digests up (the only network use, and only in a trusted workspace with
 *   registry look-ups enabled), applies one edit and reports what it pinned or could not.
 *
 * Workspace Trust: the server is told whether the workspace is trusted (`workspaceTrusted`, then
 * `bulwark/workspaceTrusted` when trust is granted); analysis only reads text and runs either way.
 *
 * Settings (`bulwark.*`) are served to the server through `workspace/configuration`; `.bulwark.yaml` and
 * `.hadolint.yaml` documents are synchronised too, so that their unsaved text counts and their problems show on them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { SERVER_ENV, SERVER_EXEC_ARGV } from './server-flags';

let client: LanguageClient | undefined;

/** Compose files that another extension left as plain YAML (the server checks the name again). */
const COMPOSE_PATTERNS = [
  '**/compose.{yaml,yml}',
  '**/compose.*.{yaml,yml}',
  '**/compose-*.{yaml,yml}',
  '**/docker-compose.{yaml,yml}',
  '**/docker-compose.*.{yaml,yml}',
  '**/docker-compose-*.{yaml,yml}',
];

/** `.bulwark.yaml`, `.hadolint.yaml` and their `.yml` twins (the server watches the same names on disk). */
const CONFIG_PATTERN = '**/.{bulwark,hadolint}.{yaml,yml}';

/** Custom messages of the server (server/lsp/summary.ts). */
const FINDING_COUNTS = 'bulwark/findingCounts';
const SUMMARY = 'bulwark/summary';
const ANALYZE_WORKSPACE = 'bulwark/analyzeWorkspace';
const RULES = 'bulwark/rules';
const WORKSPACE_TRUSTED = 'bulwark/workspaceTrusted';

const FIX_ALL_KIND = 'source.fixAll.bulwark';
/** The server command that pins the images of a document (server/lsp/registry.ts). */
const PIN_FILE_COMMAND = 'bulwark.server.pinFile';

interface SeverityCounts {
  error: number;
  warning: number;
  info: number;
}

interface FindingCounts {
  total: SeverityCounts;
  security: SeverityCounts;
  files: number;
  securityFiles: number;
  workspaceFiles: number;
  scanning: boolean;
}

interface ScanResult {
  files: number;
  analyzed: number;
  skipped: number;
  truncated: boolean;
  cancelled: boolean;
  durationMs: number;
  counts: FindingCounts;
}

interface RuleEntry {
  id: string;
  title: string;
  category: string;
  severity: string;
  description: string;
  docUrl: string;
}

const sum = (c: SeverityCounts): number => c.error + c.warning + c.info;
const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** The status bar item: security findings in the workspace. */
class FindingsStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('bulwark.findings', vscode.StatusBarAlignment.Left, 0);

  constructor() {
    this.item.name = 'Bulwark';
    this.item.command = 'bulwark.showProblems';
    this.item.text = '$(shield) Bulwark';
    this.item.tooltip = 'Bulwark is starting…';
    this.item.show();
  }

  update(counts: FindingCounts): void {
    const security = sum(counts.security);
    const spinning = counts.scanning ? '$(sync~spin) ' : '';
    this.item.text = `${spinning}$(shield) Bulwark: ${security.toLocaleString('en-US')}`;
    const by = (c: SeverityCounts): string =>
      [plural(c.error, 'error'), plural(c.warning, 'warning'), `${c.info.toLocaleString('en-US')} info`].join(' · ');
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**Bulwark** — ${plural(security, 'security finding')} in ${plural(counts.securityFiles, 'file')}`);
    if (counts.scanning) tooltip.appendMarkdown(' (analyzing the workspace…)');
    tooltip.appendMarkdown(`\n\n${by(counts.security)}\n\n`);
    tooltip.appendMarkdown(
      `All findings: ${plural(sum(counts.total), 'finding')} in ${plural(counts.files, 'file')} (${by(counts.total)}); ` +
        `${plural(counts.workspaceFiles, 'Dockerfile and Compose file', 'Dockerfiles and Compose files')} in the workspace.\n\n`,
    );
    tooltip.appendMarkdown('Click to open the Problems panel; type `bulwark` in its filter to see only these findings.');
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label: `Bulwark: ${plural(security, 'security finding')}` };
  }

  dispose(): void {
    this.item.dispose();
  }
}

/** Opens the Problems panel and focuses its filter box (there is no API to set the filter text). */
async function showProblems(): Promise<void> {
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  try {
    await vscode.commands.executeCommand('problems.action.focusFilter');
  } catch {
    // Not in this version of VS Code: the panel is open, which is what matters.
  }
}

async function analyzeWorkspace(c: LanguageClient): Promise<ScanResult> {
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'Bulwark: analyzing the workspace' },
    () => c.sendRequest<ScanResult>(ANALYZE_WORKSPACE),
  );
  if (result.cancelled) return result; // a newer scan (settings changed) took over and reports itself
  const seconds = (result.durationMs / 1000).toFixed(1);
  const security = sum(result.counts.security);
  const note = result.truncated ? ' Only part of the workspace was analyzed: see the Bulwark output.' : '';
  void vscode.window.showInformationMessage(
    `Bulwark analyzed ${plural(result.analyzed, 'file')} in ${seconds} s: ${plural(security, 'security finding')} ` +
      `in ${plural(result.counts.securityFiles, 'file')}.${note}`,
  );
  return result;
}

async function fixAllInFile(): Promise<void> {
  if (!vscode.window.activeTextEditor) {
    void vscode.window.showInformationMessage('Bulwark: open a Dockerfile or Compose file to fix.');
    return;
  }
  // Applies the first (only) action of that kind; VS Code says so when there is none.
  await vscode.commands.executeCommand('editor.action.codeAction', { kind: FIX_ALL_KIND, apply: 'first' });
}

/** Asks the server to pin (or refresh) every image digest of the active editor's file; it reports the outcome. */
async function pinImageDigests(c: LanguageClient, refresh: boolean): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('Bulwark: open a Dockerfile or Compose file to pin its image digests.');
    return;
  }
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Bulwark: looking up image digests${refresh ? ' (refresh)' : ''}…` },
    () => c.sendRequest('workspace/executeCommand', { command: PIN_FILE_COMMAND, arguments: [editor.document.uri.toString(), { refresh }] }),
  );
}

/** Rule ids of Bulwark diagnostics under the active editor's cursor. */
function rulesAtCursor(): string[] {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return [];
  const position = editor.selection.active;
  return vscode.languages
    .getDiagnostics(editor.document.uri)
    .filter((d) => d.source === 'bulwark' && d.range.contains(position))
    .map((d) => String(typeof d.code === 'object' ? d.code.value : d.code));
}

async function showRuleDocumentation(c: LanguageClient, context: vscode.ExtensionContext, ruleId?: unknown): Promise<void> {
  const rules = await c.sendRequest<RuleEntry[]>(RULES);
  let rule = typeof ruleId === 'string' ? rules.find((r) => r.id === ruleId) : undefined;
  if (!rule) {
    const here = new Set(rulesAtCursor());
    const ordered = [...rules.filter((r) => here.has(r.id)), ...rules.filter((r) => !here.has(r.id))];
    const picked = await vscode.window.showQuickPick(
      ordered.map((r) => ({
        label: r.id,
        description: r.title,
        detail: `${here.has(r.id) ? '$(location) at the cursor · ' : ''}${r.category} · ${r.severity}`,
        rule: r,
      })),
      { title: 'Bulwark: Show Rule Documentation', placeHolder: 'Rule id or title', matchOnDescription: true },
    );
    rule = picked?.rule;
  }
  if (!rule) return;
  const page = context.asAbsolutePath(path.join('docs', 'rules', `${rule.id}.md`));
  if (fs.existsSync(page)) {
    await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.file(page));
  } else {
    await vscode.env.openExternal(vscode.Uri.parse(rule.docUrl));
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV], env: { ...SERVER_ENV } } },
    // --inspect=6009: attach with the "Attach to Server" launch configuration.
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6009'], env: { ...SERVER_ENV } } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      ...['dockerfile', 'dockercompose'].flatMap((language) =>
        ['file', 'untitled'].map((scheme) => ({ scheme, language })),
      ),
      ...COMPOSE_PATTERNS.map((pattern) => ({ scheme: 'file', language: 'yaml', pattern })),
      // Configuration files: the server checks them and their unsaved text configures the analysis.
      { scheme: 'file', pattern: CONFIG_PATTERN },
    ],
    initializationOptions: {
      findingCounts: true,
      workspaceTrusted: vscode.workspace.isTrusted,
      registry: {
        enabled: vscode.workspace.getConfiguration('bulwark').get<boolean>('registry.enabled', true),
        timeoutMs: vscode.workspace.getConfiguration('bulwark').get<number>('registry.timeout', 10_000),
      },
    },
  };
  const c = new LanguageClient('bulwark', 'Bulwark', serverOptions, clientOptions);
  client = c;

  const status = new FindingsStatus();
  context.subscriptions.push(
    status,
    c.onNotification(FINDING_COUNTS, (counts: FindingCounts) => status.update(counts)),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void c.sendNotification(WORKSPACE_TRUSTED, { trusted: true })),
    vscode.commands.registerCommand('bulwark.showProblems', showProblems),
    vscode.commands.registerCommand('bulwark.analyzeWorkspace', () => analyzeWorkspace(c)),
    vscode.commands.registerCommand('bulwark.fixAllInFile', fixAllInFile),
    vscode.commands.registerCommand('bulwark.pinImageDigests', () => pinImageDigests(c, false)),
    vscode.commands.registerCommand('bulwark.refreshImageDigests', () => pinImageDigests(c, true)),
    vscode.commands.registerCommand('bulwark.showRuleDocumentation', (ruleId?: unknown) => showRuleDocumentation(c, context, ruleId)),
  );

  await c.start();
  status.update(await c.sendRequest<FindingCounts>(SUMMARY));
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  await c?.stop();
}
