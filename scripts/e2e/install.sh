#!/usr/bin/env bash
# Installs what Bulwark's real-editor tests (npm run test:e2e) need on a Debian/Ubuntu machine:
#   - Debian packages: chromium (the browser playwright-core drives), ripgrep (stands in for the rg binary that
#     code-server's @vscode/ripgrep would otherwise download from GitHub) and, only while code-server is being
#     installed, libkrb5-dev (code-server's `kerberos` native module is compiled from source);
#   - code-server 4.100.3 (= VS Code 1.100.3 with a Node extension host) into .e2e/code-server (git-ignored), exactly
#     as pinned by scripts/e2e/code-server/package-lock.json.
# Idempotent: when everything is in place it only checks, in well under a second. Every step is time-bounded. Re-installs code-server when its lock
# file changes or the previous install did not finish. Set BULWARK_CHROMIUM to use another Chromium binary.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
E2E="$ROOT/.e2e"
CS_SRC="$ROOT/scripts/e2e/code-server"
CS_DIR="$E2E/code-server"
STAMP="$CS_DIR/.bulwark-installed"
CODE_SERVER_VERSION=4.100.3
# code-server 4.100.3's lib/vscode/npm-shrinkwrap.json pins @vscode/ripgrep 1.15.11, whose postinstall wants this
# release of microsoft/ripgrep-prebuilt (lib/postinstall.js: VERSION). Update both together with code-server.
RIPGREP_PKG_VERSION=1.15.11
RIPGREP_TAG=v13.0.0-10

log() { echo "e2e-install: $*"; }
die() { echo "e2e-install: error: $*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else die "need root (or sudo) to run: $*"
  fi
}

apt_install() {
  [ $# -gt 0 ] || return 0
  command -v apt-get >/dev/null 2>&1 || die "missing $*; install them with your system's package manager"
  log "installing Debian packages: $*"
  as_root env DEBIAN_FRONTEND=noninteractive timeout 600 apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive timeout 1200 apt-get install -y -qq "$@" >/dev/null
}

deb_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed'; }

# ---- 1. System packages ------------------------------------------------------------------------------------------
want_stamp="code-server $CODE_SERVER_VERSION node $(node -p 'process.versions.node.split(".")[0]') pins $(cat "$CS_SRC/package.json" "$CS_SRC/package-lock.json" | sha256sum | cut -c1-16)"
cs_ok=false
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want_stamp" ] && [ -x "$CS_DIR/node_modules/.bin/code-server" ]; then
  cs_ok=true
fi

missing=()
if [ -z "${BULWARK_CHROMIUM:-}" ] && ! command -v chromium >/dev/null 2>&1; then missing+=(chromium); fi
if ! $cs_ok; then
  command -v rg >/dev/null 2>&1 || missing+=(ripgrep)
  if command -v dpkg-query >/dev/null 2>&1 && ! deb_installed libkrb5-dev; then missing+=(libkrb5-dev); fi
fi
if [ ${#missing[@]} -gt 0 ]; then apt_install "${missing[@]}"; fi

# ---- 2. code-server ------------------------------------------------------------------------------------------------
if $cs_ok; then
  log "code-server $CODE_SERVER_VERSION already installed in .e2e/code-server"
  exit 0
fi

node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" = 20 ] || die "code-server $CODE_SERVER_VERSION installs only with Node.js 20 (this is $(node --version))"

log "installing code-server $CODE_SERVER_VERSION into .e2e/code-server (about 2 minutes, 300 MB)"
started=$(date +%s)
rm -rf "$CS_DIR"
mkdir -p "$CS_DIR"
cp "$CS_SRC/package.json" "$CS_SRC/package-lock.json" "$CS_DIR/"

# @vscode/ripgrep's postinstall takes the archive from its cache in $TMPDIR when present: give it Debian's rg.
case "$(uname -m)" in
  x86_64) rg_target=x86_64-unknown-linux-musl ;;
  aarch64 | arm64) rg_target=aarch64-unknown-linux-musl ;;
  *) die "unsupported architecture $(uname -m)" ;;
esac
install_tmp="$E2E/tmp"
rg_cache="$install_tmp/vscode-ripgrep-cache-$RIPGREP_PKG_VERSION"
mkdir -p "$rg_cache"
rg_bin="$(command -v rg)"
tar -czf "$rg_cache/ripgrep-$RIPGREP_TAG-$rg_target.tar.gz" -C "$(dirname "$rg_bin")" "$(basename "$rg_bin")"

# Native modules are built by node-gyp; without internet it needs Node's own headers (Node's tarballs ship them).
if [ -z "${npm_config_nodedir:-}" ] && [ "$(npm config get nodedir 2>/dev/null)" = "undefined" ]; then
  node_prefix="$(dirname "$(dirname "$(command -v node)")")"
  if [ -f "$node_prefix/include/node/node.h" ]; then export npm_config_nodedir="$node_prefix"; fi
fi

# As root, code-server's postinstall insists on unsafe-perm, and it runs `npx node-gyp` (yes: no prompt).
# A failed postinstall removes node_modules, so the preconditions above come first.
if ! (cd "$CS_DIR" && TMPDIR="$install_tmp" npm_config_unsafe_perm=true npm_config_yes=true \
      timeout 1200 npm ci --no-audit --no-fund --loglevel=error >"$E2E/install.log" 2>&1); then
  tail -40 "$E2E/install.log" >&2
  die "code-server install failed (full log: .e2e/install.log)"
fi

# (XDG_*: code-server writes a default config into the home folder on its first start otherwise.)
got="$(XDG_CONFIG_HOME="$install_tmp/config" XDG_DATA_HOME="$install_tmp/data" \
  "$CS_DIR/node_modules/.bin/code-server" --version 2>/dev/null | grep -oE '^[0-9]+\.[0-9]+\.[0-9]+' | head -1 || true)"
[ "$got" = "$CODE_SERVER_VERSION" ] || die "code-server --version says '$got', expected $CODE_SERVER_VERSION (log: .e2e/install.log)"
[ -x "$CS_DIR/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" ] ||
  die "code-server installed without its rg binary (the ripgrep cache name is stale? see .e2e/install.log)"
echo "$want_stamp" >"$STAMP"
rm -rf "$install_tmp"
log "code-server $CODE_SERVER_VERSION installed in $(( $(date +%s) - started )) s"
