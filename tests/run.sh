#!/usr/bin/env bash
# The whole test suite: the models the tests load (fetched once, checked by
# sha256), the Neovim client in real headless Neovim, parity against real
# pylint 4.1.4 (CI's sample and thresholds), the Rust tests (unit, rule
# fixtures, fixes, CLI, tokenizer, language server), then the fix snapshots
# against real pylint.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 models/fetch
cargo build --release --locked
bash tests/editors/nvim/run.sh
python3 tests/parity/parity.py --ci
cargo test --locked
python3 tests/parity/fixes.py
