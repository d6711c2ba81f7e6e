/** Typed failures of registry look-ups, each with a message fit to show in the editor or the terminal as is. */

export type RegistryErrorCode =
  | 'disabled'
  | 'invalid-reference'
  | 'unauthorized'
  | 'credential-helper'
  | 'not-found'
  | 'timeout'
  | 'unreachable'
  | 'tls'
  | 'insecure'
  | 'proxy'
  | 'protocol'
  | 'rate-limited';

export class RegistryError extends Error {
  constructor(
    readonly code: RegistryErrorCode,
    message: string,
    /** The registry host the failure is about, when there is one. */
    readonly registry?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RegistryError';
  }
}

export function isRegistryError(e: unknown): e is RegistryError {
  return e instanceof RegistryError;
}
