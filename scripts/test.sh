#!/usr/bin/env bash
# The test command: installs what the tests need when it is missing, then runs
# every test in release mode. Used by README and by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v fribidi >/dev/null 2>&1 || need+=(libfribidi-bin)
[ -f /usr/share/unicode/BidiCharacterTest.txt ] || need+=(unicode-data)
command -v tmux >/dev/null 2>&1 || need+=(tmux)
command -v groff >/dev/null 2>&1 || need+=(groff-base)
command -v rg >/dev/null 2>&1 || need+=(ripgrep)
command -v pgrep >/dev/null 2>&1 || need+=(procps)
command -v chattr >/dev/null 2>&1 || need+=(e2fsprogs)
command -v bash >/dev/null 2>&1 || need+=(bash)
if [ ${#need[@]} -gt 0 ]; then
    echo "installing: ${need[*]}"
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

# The tests' scratch directories (stores, corpora, up to 1 GB in a run) go
# into one directory of this run's own, removed at the end whatever happens.
TMPDIR="$(mktemp -d "${TMPDIR:-/tmp}/khabar-tests.XXXXXX")"
export TMPDIR
cleanup() {
    # a test killed while a file was made immutable leaves it so
    if [ "$(id -u)" -eq 0 ]; then chattr -R -i "$TMPDIR" 2>/dev/null || true; fi
    rm -rf "$TMPDIR"
}
trap cleanup EXIT

cargo test --release "$@"
