#!/usr/bin/env python3
"""Language-server latency: re-lint after a one-character edit.

    python3 tests/bench/lsp_bench.py [--file PATH] [--edits 500] [--pyqual target/release/pyqual]
    python3 tests/bench/lsp_bench.py --completion smollm2-135m-instruct [--requests 10]

Starts `pyqual serve` (debounce 0), opens a ~2,000-line real file (the
stdlib's difflib.py by default), then repeatedly inserts and deletes one
character in the middle of a function body and measures, per edit, the wall
time from sending `didChange` to receiving the `publishDiagnostics` for that
version. Prints p50, p90, p99 and max in milliseconds. Measures the whole
round trip: JSON-RPC, incremental re-parse, flattening, the engine and the
diagnostics' conversion.

With --completion MODEL it measures inline completions instead: the server
loads MODEL (timed from `initialized` to its "loaded" log line), then each
`textDocument/inlineCompletion` on an empty line of a function body (32 tokens
at most) is timed from request to reply.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import sysconfig
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class Server:
    def __init__(self, binary):
        self.process = subprocess.Popen([binary, "serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.next_id = 1

    def send(self, message):
        body = json.dumps(message).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def read(self):
        length = None
        while True:
            line = self.process.stdout.readline()
            if not line:
                sys.exit("pyqual serve exited")
            line = line.strip()
            if not line:
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        message = json.loads(self.process.stdout.read(length))
        if "method" in message and "id" in message:
            self.send({"jsonrpc": "2.0", "id": message["id"], "result": None})
        return message

    def request(self, method, params):
        request_id = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": request_id, "method": method, "params": params})
        while True:
            message = self.read()
            if message.get("id") == request_id and "method" not in message:
                return message

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def diagnostics(self, uri, version):
        while True:
            message = self.read()
            params = message.get("params", {})
            if message.get("method") == "textDocument/publishDiagnostics" and params.get("uri") == uri:
                if params.get("version") == version:
                    return params["diagnostics"]


COMPLETION_FILE = (
    "import json\n\n\ndef load_config(path):\n"
    "    \"\"\"Read a JSON file and return the dict under its 'config' key.\"\"\"\n    \n"
)


def completion_bench(args):
    server = Server(args.pyqual)
    server.request("initialize", {"processId": None, "rootUri": None, "capabilities": {},
                                  "initializationOptions": {"model": args.completion, "maxTokens": 32}})
    started = time.perf_counter()
    server.notify("initialized", {})
    while True:
        message = server.read()
        text = message.get("params", {}).get("message", "") if message.get("method") == "window/logMessage" else ""
        if "loaded in" in text or "no completions" in text:
            break
    load = time.perf_counter() - started
    if "no completions" in text:
        sys.exit(text)
    uri = "file:///bench/complete.py"
    server.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": COMPLETION_FILE}})
    timings, texts = [], []
    for _ in range(args.requests):
        started = time.perf_counter()
        reply = server.request("textDocument/inlineCompletion", {
            "textDocument": {"uri": uri}, "position": {"line": 5, "character": 4}, "context": {"triggerKind": 1}})
        timings.append((time.perf_counter() - started) * 1000)
        items = reply.get("result") or []
        texts.append(items[0]["insertText"] if items else "")
    server.request("shutdown", None)
    server.notify("exit", None)
    print(f"model {args.completion}: loaded in {load:.2f} s; completion {texts[0]!r}")
    print(f"inline completion (<= 32 tokens, ms): first {timings[0]:.0f}  median {statistics.median(timings):.0f}  "
          f"min {min(timings):.0f}  max {max(timings):.0f} over {len(timings)} requests")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--completion", metavar="MODEL", help="time inline completions with MODEL instead")
    parser.add_argument("--requests", type=int, default=10)
    parser.add_argument("--file", default=os.path.join(sysconfig.get_paths()["stdlib"], "difflib.py"))
    parser.add_argument("--edits", type=int, default=500)
    parser.add_argument("--pyqual", default=os.path.join(ROOT, "target", "release", "pyqual"))
    args = parser.parse_args()
    if args.completion:
        return completion_bench(args)
    text = open(args.file, encoding="utf-8").read()
    lines = text.splitlines()
    # An edit point inside a function body near the middle of the file: the
    # second character of an assigned name, so that both the edited and the
    # restored file are valid Python and every re-lint runs every rule (an
    # edit that breaks the syntax would only be reported as E0001).
    middle = len(lines) // 2
    assignment = re.compile(r"^ {8,}[A-Za-z_][A-Za-z_0-9]+ = ")
    target = next(i for i in range(middle, len(lines)) if assignment.match(lines[i]))
    column = len(lines[target]) - len(lines[target].lstrip()) + 1

    server = Server(args.pyqual)
    server.request("initialize", {"processId": None, "rootUri": None, "capabilities": {},
                                  "initializationOptions": {"debounceMs": 0, "completions": False}})
    server.notify("initialized", {})
    uri = "file:///bench/" + os.path.basename(args.file)
    server.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": text}})
    baseline = server.diagnostics(uri, 1)

    timings = []
    version = 1
    for index in range(args.edits):
        version += 1
        position = {"line": target, "character": column}
        if index % 2 == 0:
            change = {"range": {"start": position, "end": position}, "text": "x"}
        else:
            end = {"line": target, "character": column + 1}
            change = {"range": {"start": position, "end": end}, "text": ""}
        started = time.perf_counter()
        server.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]})
        server.diagnostics(uri, version)
        timings.append((time.perf_counter() - started) * 1000)
    server.request("shutdown", None)
    server.notify("exit", None)

    timings.sort()
    pick = lambda q: timings[min(len(timings) - 1, int(q * len(timings)))]
    print(f"file: {args.file} ({len(lines)} lines, {len(baseline)} messages), {args.edits} one-character edits at line {target + 1}")
    print(f"re-lint round trip (ms): p50 {pick(0.5):.2f}  p90 {pick(0.9):.2f}  p99 {pick(0.99):.2f}  max {timings[-1]:.2f}  mean {statistics.mean(timings):.2f}")


if __name__ == "__main__":
    main()
