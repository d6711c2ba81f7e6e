#!/usr/bin/env bash
# Installs what test/registry/*.test.ts needs: Debian's `docker-registry` package (the CNCF Distribution registry,
# /usr/bin/docker-registry), `htpasswd` (apache2-utils: bcrypt entries for the basic-auth registry) and `openssl`
# (certificates for the TLS registry and the token signer). Idempotent; every network step is bounded in time. The tests start their own registry
# processes on 127.0.0.1 with a temporary config and storage; the package's own service is never started (a
# policy-rc.d that denies service starts is put in place for the install when the machine has none).
set -euo pipefail

need=()
command -v docker-registry >/dev/null 2>&1 || need+=(docker-registry)
command -v htpasswd >/dev/null 2>&1 || need+=(apache2-utils)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
if [ ${#need[@]} -eq 0 ]; then
  echo "registry setup: $(docker-registry --version 2>/dev/null || echo docker-registry), htpasswd and openssl already installed"
  exit 0
fi

SUDO=''
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO='sudo -n'; else
    echo "registry setup: ${need[*]} missing and this user cannot install Debian packages (run as root or with sudo)." >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive

# Debian's package lists may be missing or old on a fresh machine: update them (bounded) when a package is unknown.
available() { local out; out="$(apt-cache policy "$1" 2>/dev/null || true)"; [[ "$out" == *'Candidate: '[0-9]* ]]; }
for p in "${need[@]}"; do
  if ! available "$p"; then timeout 300 $SUDO apt-get update -qq; break; fi
done
for p in "${need[@]}"; do
  if ! available "$p"; then
    echo "registry setup: the Debian package $p is not available from the configured apt sources." >&2
    exit 1
  fi
done

created_policy=''
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\n# temporary (bulwark scripts/registry/setup.sh): do not start services during install\nexit 101\n' |
    $SUDO tee /usr/sbin/policy-rc.d >/dev/null
  $SUDO chmod 755 /usr/sbin/policy-rc.d
  created_policy=1
fi
cleanup() { if [ -n "$created_policy" ]; then $SUDO rm -f /usr/sbin/policy-rc.d; fi; }
trap cleanup EXIT

timeout 600 $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null

for tool in docker-registry htpasswd openssl; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "registry setup: apt-get finished but $tool is not on PATH." >&2
    exit 1
  fi
done
echo "registry setup: installed ${need[*]} ($(docker-registry --version 2>/dev/null || echo docker-registry))"
