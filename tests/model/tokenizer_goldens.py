#!/usr/bin/env python3
"""Writes tests/fixtures/tokenizer/<model>.json: llama.cpp's token ids for a few short
texts, which tests/tokenizer.rs checks pyqual's tokenizer against.

    target/llama-venv/bin/python tests/model/tokenizer_goldens.py   # after tests/model/llama_venv.sh
"""
import json
import os

import llama_cpp

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MODELS = ["qwen2.5-coder-0.5b-instruct", "smollm2-135m-instruct"]
TEXTS = [
    "def add(a, b):\n    return a + b\n\n\nclass Foo:\n\tdef bar(self):\n\t\tpass\n",
    "x = 12345 + 3.14159e-10 * 0x1F\n",
    "# 日本語のコメント 🙂👍🏽 ١٢٣\nprint('héllo wörld')\n",
    "s = '<|im_end|>'  # <|im_start|>user\n<|endoftext|>",
    "<tool_call>{\"name\": 1}</tool_call>",
    "x</s><s><PRE>a<|fim_prefix|>b<reponame>",
    "x = 1   \n\n\n   \t\n  ",
    "It's don't WE'LL they've I'd",
    "a \n b\r\n\r\nc  ",
    "",
]


def main():
    for model in MODELS:
        path = os.path.join(ROOT, "models", model, "model.gguf")
        llama = llama_cpp.Llama(model_path=path, vocab_only=True, verbose=False)
        cases = [
            {
                "text": text,
                "plain": llama.tokenize(text.encode(), add_bos=False, special=False),
                "special": llama.tokenize(text.encode(), add_bos=False, special=True),
            }
            for text in TEXTS
        ]
        golden = {
            "model": model,
            "source": f"llama-cpp-python {llama_cpp.__version__}, Llama(vocab_only=True).tokenize(add_bos=False)",
            "vocab_size": llama.n_vocab(),
            "bos": llama.token_bos(),
            "eos": llama.token_eos(),
            "add_bos": llama.metadata.get("tokenizer.ggml.add_bos_token") == "true",
            "cases": cases,
        }
        out = os.path.join(ROOT, "tests", "fixtures", "tokenizer", f"{model}.json")
        # One line per case keeps the file reviewable.
        header = {key: value for key, value in golden.items() if key != "cases"}
        lines = [json.dumps(case, ensure_ascii=False) for case in cases]
        body = json.dumps(header, ensure_ascii=False, indent=1)[:-2]
        with open(out, "w", encoding="utf-8") as f:
            f.write(body + ',\n "cases": [\n  ' + ",\n  ".join(lines) + "\n ]\n}\n")
        print(f"wrote {out}")


if __name__ == "__main__":
    main()
