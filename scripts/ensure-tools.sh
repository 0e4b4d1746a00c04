#!/usr/bin/env bash
# Installs what the workbench tests and `npm start` need and the npm packages do not bring:
# Debian's Chromium (and Noto CJK, so a zh-TW workbench shows its characters), code-server (VS
# Code's own web server with a real extension host), and Debian's Azure CLI (the sandbox suite
# runs the seed document's `az` commands against the sandbox).
# `ensure-tools.sh code-server` installs code-server only, `ensure-tools.sh azure-cli` the Azure CLI only.
# Idempotent: each step is skipped when its result is already there.
set -euo pipefail

CODE_SERVER_VERSION="4.100.3"   # VS Code 1.100.3, the oldest VS Code we support; runs on Node 20
TOOLS_DIR="${ACR_PL_TOOLS_DIR:-$HOME/.cache/acr-private-link}"
CS_DIR="$TOOLS_DIR/code-server-$CODE_SERVER_VERSION"
need_browser="${1:-all}"

log() { echo "[tools] $*"; }

apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ]; then
    log "missing Debian packages: ${missing[*]} (run as root or install them with apt-get)"; exit 1
  fi
  log "apt-get install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

if [ "$need_browser" = "azure-cli" ]; then
  apt_install azure-cli
  log "azure-cli: $(command -v az)"
  exit 0
fi

if [ "$need_browser" != "code-server" ]; then
  apt_install chromium azure-cli fonts-noto-cjk
fi

if [ ! -f "$CS_DIR/node_modules/code-server/out/node/entry.js" ]; then
  apt_install libkrb5-dev ripgrep python3 make g++
  log "installing code-server $CODE_SERVER_VERSION into $CS_DIR (about a minute)"
  mkdir -p "$CS_DIR"
  tmp="$(mktemp -d)"
  # @vscode/ripgrep's postinstall downloads ripgrep from GitHub; give it Debian's rg from its cache instead.
  cache="$tmp/vscode-ripgrep-cache-1.15.11"
  mkdir -p "$cache/pkg"
  cp "$(command -v rg)" "$cache/pkg/rg"
  tar -C "$cache/pkg" -czf "$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" rg
  rm -rf "$cache/pkg"
  ( cd "$CS_DIR" && [ -f package.json ] || echo '{"name":"code-server-host","private":true}' > "$CS_DIR/package.json" )
  ( cd "$CS_DIR" && TMPDIR="$tmp" npm_config_yes=true npm_config_unsafe_perm=true npm install --no-audit --no-fund --loglevel=error \
      "code-server@$CODE_SERVER_VERSION" )
  rm -rf "$tmp"
fi
log "code-server: $CS_DIR/node_modules/code-server/out/node/entry.js"
