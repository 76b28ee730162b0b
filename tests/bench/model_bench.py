#!/usr/bin/env python3
"""Prefill and decode speed of `pyqual generate` against llama.cpp on the same GGUF.

For each model: pyqual with dequantized f32 and f16 weights (and candle's quantized
kernels on request), without and with a
random 12-position prefix (the overhead of the prefix hook), and llama.cpp through
llama-cpp-python when its venv exists (tests/model/llama_venv.sh builds it).
Every run uses the same Python prompt, greedy decoding of a fixed number of tokens
(stops ignored) and the same thread count; the best of --repeat runs is kept.

    cargo build --release
    python3 tests/bench/model_bench.py --threads 2 [--llama-python PATH]
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MODELS = ["smollm2-135m-instruct", "qwen2.5-coder-0.5b-instruct"]
DEFAULT_VENV = [ROOT / "target/llama-venv/bin/python", Path("/work/wt/tok/target/llama-venv/bin/python")]

PROMPT = '''"""Text wrapping and filling."""

import re

__all__ = ['TextWrapper', 'wrap', 'fill', 'dedent', 'indent', 'shorten']

_whitespace = '\\t\\n\\x0b\\x0c\\r '


class TextWrapper:
    """Object for wrapping/filling text."""

    unicode_whitespace_trans = dict.fromkeys(map(ord, _whitespace), ord(' '))

    def __init__(self, width=70, initial_indent="", subsequent_indent="",
                 expand_tabs=True, replace_whitespace=True,
                 fix_sentence_endings=False, break_long_words=True,
                 drop_whitespace=True, break_on_hyphens=True, tabsize=8,
                 *, max_lines=None, placeholder=' [...]'):
        self.width = width
        self.initial_indent = initial_indent
        self.subsequent_indent = subsequent_indent
        self.expand_tabs = expand_tabs
        self.replace_whitespace = replace_whitespace
        self.fix_sentence_endings = fix_sentence_endings
        self.break_long_words = break_long_words
        self.drop_whitespace = drop_whitespace
        self.break_on_hyphens = break_on_hyphens
        self.tabsize = tabsize
        self.max_lines = max_lines
        self.placeholder = placeholder

    def _munge_whitespace(self, text):
        """Munge whitespace in text: expand tabs and convert all other
        whitespace characters to spaces."""
'''


def pyqual_run(binary, model, prompt_file, decode, threads, weights, prefix):
    cmd = [str(binary), "generate", "--prompt-file", prompt_file, "--model", model,
           "--max-tokens", str(decode), "--no-stop", "--format", "json"]
    # "f32" / "f16": dequantized weights computing in that dtype; "quantized": candle's QMatMul.
    cmd += ["--weights", "quantized"] if weights == "quantized" else ["--weights", "dequantized", "--dtype", weights]
    cmd += ["--random-prefix", str(prefix)] if prefix else ["--no-prefix"]
    env = dict(os.environ, RAYON_NUM_THREADS=str(threads))
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env, cwd=ROOT).stdout
    result = json.loads(out)
    return result["prompt_tokens"], result["stats"]["prefill_tokens_per_s"], result["stats"]["decode_tokens_per_s"]


LLAMA_WORKER = r'''
import json, sys, time
import numpy as np
from llama_cpp import Llama
path, prompt_file, decode, threads, repeat = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
llm = Llama(model_path=path, n_threads=threads, n_threads_batch=threads, n_ctx=2048, n_batch=512, verbose=False)
tokens = llm.tokenize(open(prompt_file, encoding="utf-8").read().encode(), add_bos=True, special=False)
best = (0.0, 0.0)
for _ in range(repeat):
    llm.reset()
    t0 = time.perf_counter(); llm.eval(tokens); t1 = time.perf_counter()
    nxt = int(np.argmax(llm.scores[llm.n_tokens - 1]))
    t2 = time.perf_counter()
    for _ in range(decode):
        llm.eval([nxt])
        nxt = int(np.argmax(llm.scores[llm.n_tokens - 1]))
    t3 = time.perf_counter()
    best = (max(best[0], len(tokens) / (t1 - t0)), max(best[1], decode / (t3 - t2)))
print(json.dumps({"prompt_tokens": len(tokens), "prefill": best[0], "decode": best[1]}))
'''


def llama_run(python, model_path, prompt_file, decode, threads, repeat):
    out = subprocess.run([str(python), "-c", LLAMA_WORKER, str(model_path), prompt_file, str(decode), str(threads), str(repeat)],
                         check=True, capture_output=True, text=True).stdout
    r = json.loads(out.strip().splitlines()[-1])
    return r["prompt_tokens"], r["prefill"], r["decode"]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--decode", type=int, default=64, help="tokens decoded per run")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--prefix", type=int, default=12, help="positions of the random prefix")
    parser.add_argument("--models", nargs="*", default=MODELS)
    parser.add_argument("--weights", nargs="*", default=["f32", "f16"],
                        help="f32, f16 (dequantized weights in that dtype) or quantized (candle's quantized kernels)")
    parser.add_argument("--binary", default=str(ROOT / "target/release/pyqual"))
    parser.add_argument("--llama-python", default=None)
    parser.add_argument("--skip-llama", action="store_true")
    args = parser.parse_args()

    llama_python = Path(args.llama_python) if args.llama_python else next((p for p in DEFAULT_VENV if p.exists()), None)
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
        f.write(PROMPT)
        prompt_file = f.name
    print(f"threads {args.threads}, decode {args.decode} tokens, best of {args.repeat}; load average {os.getloadavg()[0]:.1f}")
    print("| model | engine | prompt tokens | prefill tok/s | decode tok/s |")
    print("|---|---|---:|---:|---:|")
    for model in args.models:
        for weights in args.weights:
            for prefix in [0, args.prefix]:
                runs = [pyqual_run(args.binary, model, prompt_file, args.decode, args.threads, weights, prefix)
                        for _ in range(args.repeat)]
                n = runs[0][0]
                name = f"pyqual {weights}" + (" (dequantized)" if weights != "quantized" else "") + (f" + prefix {prefix}" if prefix else "")
                print(f"| {model} | {name} | {n} | {max(r[1] for r in runs):.1f} | {max(r[2] for r in runs):.1f} |", flush=True)
        if llama_python and not args.skip_llama:
            n, prefill, decode = llama_run(llama_python, ROOT / "models" / model / "model.gguf", prompt_file,
                                           args.decode, args.threads, args.repeat)
            print(f"| {model} | llama.cpp ({llama_python.parent.parent.name}) | {n} | {prefill:.1f} | {decode:.1f} |", flush=True)
        elif not args.skip_llama:
            print(f"| {model} | llama.cpp | – | missing venv | missing venv |")
    os.unlink(prompt_file)


if __name__ == "__main__":
    sys.exit(main())
