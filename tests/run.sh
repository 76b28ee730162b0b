#!/usr/bin/env bash
# The whole test suite: parity against real pylint 4.1.4 (CI's sample and
# thresholds), then the Rust tests (unit, rule fixtures, fixes, CLI), then the
# fix snapshots against real pylint.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked
python3 tests/parity/parity.py --ci
cargo test --locked
python3 tests/parity/fixes.py
