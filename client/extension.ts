/**
 * The VS Code face: starts the Bulwark language server (dist/server.js) for Dockerfiles and Compose files
 * and stops it on deactivation. Everything else lives in the server.
 */
import * as path from 'node:path';
import type { ExtensionContext } from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';

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

export async function activate(context: ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    // --inspect=6009: attach with the "Attach to Server" launch configuration.
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      ...['dockerfile', 'dockercompose'].flatMap((language) =>
        ['file', 'untitled'].map((scheme) => ({ scheme, language })),
      ),
      ...COMPOSE_PATTERNS.map((pattern) => ({ scheme: 'file', language: 'yaml', pattern })),
    ],
  };
  client = new LanguageClient('bulwark', 'Bulwark', serverOptions, clientOptions);
  await client.start();
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  await c?.stop();
}
