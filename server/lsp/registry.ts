/**
 * Registry features of the language server: "Pin to digest" on `image-not-pinned` / `compose-image-not-pinned`,
 * "Refresh digest" where a pinned tag has moved, the image hover (registry, repository, tag, digest now, pinned digest
 * still current?, platforms), and the file-wide "Pin Image Digests in File" command.
 *
 * Network policy: listing code actions never touches the network. The digest is looked up only when the user picks
 * the action (`codeAction/resolve`, or for clients without resolve support the server command `bulwark.server.pinImage`
 * followed by `workspace/applyEdit`), runs the file command, or hovers an image — and only when `allowed(uri)` says
 * so (main.ts's `registryAllowed`: a trusted workspace and registry look-ups enabled). Every look-up is bounded by the
 * client's timeout; a failure is shown with `window/showMessage` and no edit is made.
 *
 * Credentials come only from the user's Docker config (the server process's `DOCKER_CONFIG` or `~/.docker`), never
 * from the workspace or its settings.
 */
import { CodeAction, CodeActionKind, MarkupKind } from 'vscode-languageserver';
import type { CodeActionParams, Diagnostic, Hover, Position, Range, WorkspaceEdit } from 'vscode-languageserver';
import { ComposeModel, DockerfileModel } from '../core';
import { composePinTarget, isComposePinRefusal, serviceAtOffset } from '../core/fixes/compose-pin';
import { isPinRefusal, pinTarget } from '../core/fixes/pin';
import { familiarName, parseImageName } from '../core/dockerfile/image-name';
import type { Fix } from '../core';
import { RegistryClient } from '../registry/client';
import { composeImageStatusAt, composeMovedDigests, pinComposeFile, pinComposeServiceFix } from '../registry/compose';
import { formatImageHover, lookUpStatus } from '../registry/image-status';
import type { ImageStatus } from '../registry/image-status';
import { imageStatusAt, movedDigests, pinDockerfile, pinStageFix, stageAtPosition } from '../registry/pin';
import type { PinFileResult } from '../registry/pin-jobs';
import type { Snapshot } from './analysis';
import { bulwarkData, toWorkspaceEdit } from './convert';
import type { EditOptions } from './convert';

/** The server command a pin action runs in clients without `codeAction/resolve` (arguments: one PinData). */
export const PIN_IMAGE_COMMAND = 'bulwark.server.pinImage';
/** The server command that pins every image of a document (arguments: `uri`, then `{ refresh?: boolean }`). */
export const PIN_FILE_COMMAND = 'bulwark.server.pinFile';
export const REGISTRY_COMMANDS = [PIN_IMAGE_COMMAND, PIN_FILE_COMMAND];
/** The rules whose diagnostics get "Pin to digest". */
export const PIN_RULES: ReadonlySet<string> = new Set(['image-not-pinned', 'compose-image-not-pinned']);

/** `initializationOptions.registry` (the VS Code client maps the `bulwark.registry.*` settings here). */
export interface RegistryInitOptions {
  /** Registry look-ups allowed at all; default true (untrusted workspaces are off regardless). */
  enabled?: boolean;
  /** Overall time for one look-up (ms); default 10000. */
  timeoutMs?: number;
  /** How long a resolved digest is reused (ms); default 5 minutes. */
  cacheTtlMs?: number;
  /** A hover on a pinned reference looks the tag up again when the last look-up is older than this (ms); default 10 s. */
  recheckMs?: number;
}

/** What a pin action carries until it is resolved or executed. */
export interface PinData {
  bulwarkPin: {
    uri: string;
    /** Stage index (Dockerfile) or service name (Compose). */
    stage?: number;
    service?: string;
    /** A refresh of a pinned digest: always looked up afresh. */
    refresh: boolean;
  };
}

export interface PinFileOutcome {
  applied: boolean;
  pinned: PinFileResult['pinned'];
  upToDate: PinFileResult['upToDate'];
  failed: PinFileResult['failed'];
}

export interface RegistryHost {
  /** The one gate: may this document's images be looked up now? */
  allowed(uri: string): boolean;
  /** The current analysis of an open document. */
  snapshot(uri: string): Snapshot | undefined;
  /** The version of the open document now (to detect an edit made during a look-up). */
  version(uri: string): number | undefined;
  editOptions(snapshot: Snapshot): EditOptions;
  applyEdit(label: string, edit: WorkspaceEdit): Promise<boolean>;
  showError(message: string): void;
  showInfo(message: string): void;
}

function isPinData(data: unknown): data is PinData {
  const p = (data as PinData | undefined)?.bulwarkPin;
  return !!p && typeof p === 'object' && typeof p.uri === 'string' && (typeof p.stage === 'number' || typeof p.service === 'string');
}

/** How long a hover waits for the registry before showing what it has. */
const HOVER_WAIT_MS = 3000;

const DISABLED_REASON = 'Registry look-ups are off: the workspace is not trusted, or the bulwark.registry.enabled setting is false.';

export class RegistryFeatures {
  private options: RegistryInitOptions = {};
  private registryClient?: RegistryClient;
  /** Client capabilities: resolve the edit lazily; show disabled actions. */
  resolveSupport = false;
  disabledSupport = false;

  constructor(private readonly host: RegistryHost) {}

  /** Reads `initializationOptions.registry`. */
  readInitOptions(raw: unknown): void {
    const r = raw && typeof raw === 'object' ? (raw as { registry?: unknown }).registry : undefined;
    if (!r || typeof r !== 'object') return;
    const o = r as Record<string, unknown>;
    const ms = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined);
    this.options = {
      ...(typeof o.enabled === 'boolean' ? { enabled: o.enabled } : {}),
      ...(ms(o.timeoutMs) !== undefined && ms(o.timeoutMs)! > 0 ? { timeoutMs: ms(o.timeoutMs) } : {}),
      ...(ms(o.cacheTtlMs) !== undefined ? { cacheTtlMs: ms(o.cacheTtlMs) } : {}),
      ...(ms(o.recheckMs) !== undefined ? { recheckMs: ms(o.recheckMs) } : {}),
    };
    this.registryClient = undefined;
  }

  /** `registry.enabled` from the initialization options (default true). */
  get enabledByOptions(): boolean {
    return this.options.enabled ?? true;
  }

  /** The client, made on first use (making it touches nothing). */
  private get client(): RegistryClient {
    this.registryClient ??= new RegistryClient({
      ...(this.options.timeoutMs !== undefined ? { timeoutMs: this.options.timeoutMs, connectTimeoutMs: Math.min(5000, this.options.timeoutMs) } : {}),
      ...(this.options.cacheTtlMs !== undefined ? { cacheTtlMs: this.options.cacheTtlMs } : {}),
    });
    return this.registryClient;
  }

  // ---- code actions (no network) --------------------------------------------------------------------------------

  /** "Pin to digest" for the pin rules' diagnostics, "Refresh digest" for moved tags (known from earlier look-ups). */
  codeActions(params: CodeActionParams, snapshot: Snapshot | undefined): CodeAction[] {
    if (!snapshot) return [];
    const only = params.context.only;
    if (only && !only.some((k) => k === '' || k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${k}.`))) return [];
    const uri = params.textDocument.uri;
    const allowed = this.host.allowed(uri);
    const actions: CodeAction[] = [];
    const offer = (title: string, data: PinData, diagnostic: Diagnostic | undefined, refusal?: string) => {
      const reason = refusal ?? (allowed ? undefined : DISABLED_REASON);
      if (reason !== undefined && !this.disabledSupport) return;
      const action = CodeAction.create(title, CodeActionKind.QuickFix);
      if (diagnostic) action.diagnostics = [diagnostic];
      if (reason !== undefined) {
        action.disabled = { reason };
      } else {
        action.isPreferred = true;
        action.data = data;
        if (!this.resolveSupport) action.command = { title, command: PIN_IMAGE_COMMAND, arguments: [data] };
      }
      actions.push(action);
    };
    const dockerfile = snapshot.kind === 'dockerfile' ? new DockerfileModel(snapshot.text) : undefined;
    const compose = snapshot.kind === 'compose' ? new ComposeModel(snapshot.text) : undefined;
    for (const diagnostic of params.context.diagnostics) {
      const ruleId = bulwarkData(diagnostic)?.ruleId ?? diagnostic.code;
      if (typeof ruleId !== 'string' || !PIN_RULES.has(ruleId)) continue;
      if (dockerfile) {
        const stage = stageAtPosition(dockerfile, diagnostic.range.start);
        if (!stage) continue;
        const t = pinTarget(dockerfile, stage);
        const what = isPinRefusal(t) ? stage.image.resolved ?? stage.image.raw : t.reference;
        const where = !isPinRefusal(t) && t.argName ? ` (in ARG ${t.argName})` : '';
        offer(`Pin ${what} to its current digest${where}`, { bulwarkPin: { uri, stage: stage.index, refresh: false } }, diagnostic, isPinRefusal(t) ? t.reason : undefined);
      } else if (compose) {
        const service = serviceAtOffset(compose, compose.lines.offsetAt(diagnostic.range.start));
        if (!service) continue;
        const t = composePinTarget(compose, service);
        const what = isComposePinRefusal(t) ? service.image?.ref.resolved ?? service.name : t.reference;
        const where = !isComposePinRefusal(t) && t.variable ? ` (the default of \${${t.variable}})` : '';
        offer(`Pin ${what} to its current digest${where}`, { bulwarkPin: { uri, service: service.name, refresh: false } }, diagnostic, isComposePinRefusal(t) ? t.reason : undefined);
      }
    }
    if (allowed) {
      const range = params.range;
      if (dockerfile) {
        for (const m of movedDigests(snapshot.text, this.client)) {
          // At the FROM, or at the ARG default the reference is written in.
          const target = pinTarget(dockerfile, dockerfile.stages[m.stageIndex]);
          if (!overlaps(m.range, range) && (isPinRefusal(target) || !overlaps(target.range, range))) continue;
          offer(`Refresh the digest of ${m.reference}: its tag moved to ${short(m.current)}`, { bulwarkPin: { uri, stage: m.stageIndex, refresh: true } }, undefined);
        }
      } else if (compose) {
        for (const m of composeMovedDigests(snapshot.text, this.client)) {
          if (!overlaps(m.range, range)) continue;
          offer(`Refresh the digest of ${m.reference}: its tag moved to ${short(m.current)}`, { bulwarkPin: { uri, service: m.service, refresh: true } }, undefined);
        }
      }
    }
    return actions;
  }

  // ---- the look-up, when the user asks ---------------------------------------------------------------------------

  /** The edit for a pin action, looked up now; undefined (after telling the user why) when there is none. */
  private async pinEdit(data: PinData): Promise<WorkspaceEdit | undefined> {
    const { uri, stage, service, refresh } = data.bulwarkPin;
    if (!this.host.allowed(uri)) {
      this.host.showError(`Bulwark: cannot pin the image. ${DISABLED_REASON}`);
      return undefined;
    }
    const snapshot = this.host.snapshot(uri);
    if (!snapshot) {
      this.host.showError('Bulwark: cannot pin the image: the document is no longer open.');
      return undefined;
    }
    let fix: Fix;
    try {
      fix =
        snapshot.kind === 'compose'
          ? await pinComposeServiceFix(snapshot.text, service ?? '', this.client, { fresh: refresh || undefined })
          : await pinStageFix(snapshot.text, stage ?? -1, this.client, { fresh: refresh || undefined });
    } catch (e) {
      this.host.showError(`Bulwark: cannot pin the image. ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
    if (this.host.version(uri) !== snapshot.version) {
      this.host.showError('Bulwark: the document changed while the digest was looked up; nothing was edited. Try again.');
      return undefined;
    }
    return toWorkspaceEdit(uri, fix.edits, [], this.host.editOptions(snapshot));
  }

  /** `codeAction/resolve`: fills in the edit of a pin action (left without one when the look-up fails). */
  async resolve(action: CodeAction): Promise<CodeAction> {
    if (!isPinData(action.data)) return action;
    const edit = await this.pinEdit(action.data);
    if (edit) action.edit = edit;
    return action;
  }

  /** `workspace/executeCommand` for the registry commands; undefined for other commands. */
  async executeCommand(command: string, args: unknown[] | undefined): Promise<boolean | PinFileOutcome | undefined> {
    if (command === PIN_IMAGE_COMMAND) {
      const data = args?.[0];
      if (!isPinData(data)) return false;
      const edit = await this.pinEdit(data);
      if (!edit) return false;
      const applied = await this.host.applyEdit('Pin image to digest', edit);
      if (!applied) this.host.showError('Bulwark: the editor did not apply the pin edit (the document may have changed).');
      return applied;
    }
    if (command === PIN_FILE_COMMAND) {
      const uri = args?.[0];
      const refresh = !!(args?.[1] as { refresh?: unknown } | undefined)?.refresh;
      return typeof uri === 'string' ? this.pinFile(uri, refresh) : undefined;
    }
    return undefined;
  }

  /** Pins every unpinned image of an open document (with `refresh`, also re-pins moved ones) as one edit. */
  private async pinFile(uri: string, refresh: boolean): Promise<PinFileOutcome> {
    const none: PinFileOutcome = { applied: false, pinned: [], upToDate: [], failed: [] };
    if (!this.host.allowed(uri)) {
      this.host.showError(`Bulwark: cannot pin the images. ${DISABLED_REASON}`);
      return none;
    }
    const snapshot = this.host.snapshot(uri);
    if (!snapshot) {
      this.host.showError('Bulwark: open a Dockerfile or Compose file to pin its images.');
      return none;
    }
    const result = snapshot.kind === 'compose' ? await pinComposeFile(snapshot.text, this.client, { refresh }) : await pinDockerfile(snapshot.text, this.client, { refresh });
    const outcome: PinFileOutcome = { ...none, pinned: result.pinned, upToDate: result.upToDate, failed: result.failed };
    if (result.edits.length > 0) {
      if (this.host.version(uri) !== snapshot.version) {
        this.host.showError('Bulwark: the document changed while the digests were looked up; nothing was edited. Try again.');
        return outcome;
      }
      outcome.applied = await this.host.applyEdit('Pin image digests', toWorkspaceEdit(uri, result.edits, [], this.host.editOptions(snapshot))!);
      if (!outcome.applied) {
        this.host.showError('Bulwark: the editor did not apply the pin edits (the document may have changed); nothing was pinned.');
        return outcome;
      }
    }
    const failures = result.failed.map((f) => `line ${f.line + 1}${f.reference ? ` (${f.reference})` : ''}: ${f.message}`);
    const summary =
      result.pinned.length === 0 && result.failed.length === 0
        ? `Bulwark: no image to ${refresh ? 'refresh' : 'pin'}${result.upToDate.length ? ` (${result.upToDate.length} already up to date)` : ''}.`
        : `Bulwark: ${refresh ? 'pinned or refreshed' : 'pinned'} ${result.pinned.length} image${result.pinned.length === 1 ? '' : 's'}` +
          (result.failed.length ? `; ${result.failed.length} could not be pinned: ${failures.join('; ')}` : '.');
    if (result.failed.length) this.host.showError(summary);
    else this.host.showInfo(summary);
    return outcome;
  }

  // ---- hover ------------------------------------------------------------------------------------------------------

  /**
   * The image hover for the reference under `position`, combined with the rules' hover (`findingsHover`, shown below
   * it). Looks the tag up only when allowed; a pinned reference is looked up again when the last look-up is older
   * than `recheckMs`, so a moved tag shows.
   */
  async hover(snapshot: Snapshot | undefined, position: Position, findingsHover: Hover | null): Promise<Hover | null> {
    if (!snapshot || (snapshot.kind !== 'dockerfile' && snapshot.kind !== 'compose')) return findingsHover;
    let status: ImageStatus | undefined;
    try {
      status = snapshot.kind === 'compose' ? await composeImageStatusAt(snapshot.text, position, undefined) : await imageStatusAt(snapshot.text, position, undefined);
    } catch {
      status = undefined;
    }
    if (!status) return findingsHover;
    const allowed = this.host.allowed(snapshot.uri);
    const name = parseImageName(status.reference);
    if (allowed && name) {
      let fresh = false;
      if (name.digest) {
        const last = this.client.cached(familiarName({ ...name, digest: undefined }));
        fresh = !last || Date.now() - last.resolvedAt >= (this.options.recheckMs ?? 10_000);
      }
      // A hover does not wait for a slow registry: after HOVER_WAIT_MS it shows what it has (the look-up goes on and
      // fills the cache for the next hover or the pin action).
      let timer: ReturnType<typeof setTimeout> | undefined;
      const waited = await Promise.race([
        lookUpStatus(status, name, this.client, fresh).then(() => false),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), HOVER_WAIT_MS))),
      ]);
      clearTimeout(timer);
      if (waited && !status.current && !status.lookupError) status.lookupError = new Error(`${status.registry} has not answered yet; hover again in a moment.`);
    }
    let markdown = formatImageHover(status);
    if (!allowed) markdown += `\n\n_${DISABLED_REASON}_`;
    const own: Hover = { contents: { kind: MarkupKind.Markdown, value: markdown }, range: status.range };
    if (!findingsHover) return own;
    const other = findingsHover.contents;
    const text = typeof other === 'object' && 'value' in other ? other.value : String(other);
    return { contents: { kind: MarkupKind.Markdown, value: `${markdown}\n\n---\n\n${text}` }, ...(findingsHover.range ? { range: findingsHover.range } : { range: status.range }) };
  }
}

function short(digest: string): string {
  return `${digest.slice(0, 19)}…`;
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/** Whether two ranges touch (a cursor at either end of the image counts). */
function overlaps(a: Range, b: Range): boolean {
  return !before(a.end, b.start) && !before(b.end, a.start);
}
