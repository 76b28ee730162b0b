#!/usr/bin/env bash
# The whole test suite: the models the tests load (fetched once, checked by
# sha256), the Neovim client in real headless Neovim, parity against real
# pylint 4.1.4 (CI's sample and thresholds), then the Rust tests (unit, rule
# fixtures, CLI, tokenizer, language server).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 models/fetch
cargo build --release --locked
bash tests/editors/nvim/run.sh
python3 tests/parity/parity.py --ci
cargo test --locked
