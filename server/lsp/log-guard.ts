/**
 * The server never shows a secret it read: everything it logs (`window/logMessage`, through `connection.console`) and
 * every message it shows (`window/showMessage`) passes through `maskSecretsIn`. Messages quote what people wrote — a
 * setting's value, an error's text — so the mask is applied where they leave the process, whatever built them.
 */
import { ShowMessageNotification } from 'vscode-languageserver/node';
import type { Connection, MessageType } from 'vscode-languageserver/node';
import type { Finding } from '../core';
import { findSecrets, maskSecret, maskSecretsIn } from '../core/secrets';
import { LineIndex } from '../core/text';

/** Makes every `connection.console` level mask secrets in its message. */
export function maskConsole(connection: Connection): void {
  const console = connection.console;
  for (const level of ['error', 'warn', 'info', 'log', 'debug'] as const) {
    const original = console[level].bind(console);
    console[level] = (message: string) => original(maskSecretsIn(message));
  }
}

/** `window/showMessage` (a notification: nothing waits for the user), secrets masked. */
export function showMessage(connection: Connection, type: MessageType, message: string): void {
  connection.sendNotification(ShowMessageNotification.type, { type, message: maskSecretsIn(message) }).catch(() => undefined);
}

/** Rules whose findings sit on a secret value. */
const SECRET_RULES = new Set(['hardcoded-secret', 'secret-in-arg-env', 'compose-secret-in-environment']);

/**
 * `message` — a log line about a document (a rule's or the analysis's error, which may quote the text) — with the
 * document's secrets masked: the text of each secret finding and each credential `findSecrets` sees in the document,
 * as written and as a JSON string would escape it.
 */
export function maskFoundSecrets(message: string, text: string, findings: readonly Finding[]): string {
  const values = new Set(findSecrets(text).map((m) => text.slice(m.start, m.end)));
  const secretFindings = findings.filter((f) => SECRET_RULES.has(f.ruleId));
  if (secretFindings.length > 0) {
    const lines = new LineIndex(text);
    for (const f of secretFindings) values.add(lines.textOf(f.range));
  }
  let out = message;
  for (const value of [...values].sort((a, b) => b.length - a.length)) {
    if (value.length < 4) continue;
    for (const form of new Set([value, JSON.stringify(value).slice(1, -1)])) out = out.split(form).join(maskSecret(value) || '…');
  }
  return maskSecretsIn(out);
}
