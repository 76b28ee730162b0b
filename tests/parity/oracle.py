"""Run real pylint on files one at a time and record what it says.

Runs inside the oracle venv (pylint==4.1.4). Each file is linted by its own
`pylint.lint.Run` (no pooling of statements across files, R0801 off), in a
few worker processes, with astroid's module cache cleared before each file:
otherwise what one file's code does to a module (`sys.last_type = ...` in
code.py adds `last_type` to astroid's `sys`) changes the messages of files
linted after it in the same process, and the oracle would depend on the
order of the corpus. Results are cached by (file sha256, rcfile sha256,
ORACLE_VERSION) so a second run costs nothing.

Output: one JSON object per line:
  {"path", "sha256", "statements", "score", "fatal", "messages": [
     {"id", "symbol", "line", "column", "end_line", "end_column", "message"}]}
"""
import argparse
import hashlib
import io
import json
import multiprocessing
import os
import sys


# Bumped whenever the way pylint is run changes what it reports.
ORACLE_VERSION = "fresh-module-cache-2"


def sha256_file(path):
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def lint_one(args):
    path, rcfile = args
    import astroid
    from pylint.lint import Run
    from pylint.reporters import CollectingReporter

    # Every module but builtins is built again for each file (rebuilding
    # builtins too, with `clear_cache()`, would cost seconds per file).
    for name in [name for name in astroid.MANAGER.astroid_cache if name != "builtins"]:
        del astroid.MANAGER.astroid_cache[name]
    # astroid builds `sys` from the living module: build it before standard
    # output is captured, or `sys.stdout` would be inferred to a StringIO.
    astroid.MANAGER.ast_from_module_name("sys")
    reporter = CollectingReporter()
    saved = sys.stdout, sys.stderr
    sys.stdout = sys.stderr = io.StringIO()
    try:
        run = Run(
            [f"--rcfile={rcfile}", "--disable=duplicate-code", "--persistent=n", path],
            reporter=reporter,
            exit=False,
        )
    except Exception as error:  # pylint crashing is data, not a harness failure
        sys.stdout, sys.stderr = saved
        return {"path": path, "crash": repr(error)}
    finally:
        sys.stdout, sys.stderr = saved
    stats = run.linter.stats
    messages = [
        {
            "id": m.msg_id,
            "symbol": m.symbol,
            "line": m.line,
            "column": m.column,
            "end_line": m.end_line,
            "end_column": m.end_column,
            "message": m.msg,
        }
        for m in reporter.messages
    ]
    fatal = any(m["id"].startswith("F") for m in messages)
    return {
        "path": path,
        "statements": stats.statement,
        "score": getattr(stats, "global_note", None),
        "fatal": fatal,
        "messages": messages,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rcfile", required=True)
    parser.add_argument("--cache", required=True, help="directory for cached results")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--out", required=True)
    parser.add_argument("files", nargs="*")
    parser.add_argument("--files-from")
    args = parser.parse_args()
    files = list(args.files)
    if args.files_from:
        with open(args.files_from, encoding="utf-8") as handle:
            files += [line.strip() for line in handle if line.strip()]

    rc_hash = sha256_file(args.rcfile)[:16]
    os.makedirs(args.cache, exist_ok=True)
    results, todo = {}, []
    for path in files:
        key = f"{sha256_file(path)}-{rc_hash}-{ORACLE_VERSION}.json"
        cached = os.path.join(args.cache, key)
        if os.path.exists(cached):
            with open(cached, encoding="utf-8") as handle:
                result = json.load(handle)
            result["path"] = path
            results[path] = result
        else:
            todo.append((path, cached))

    if todo:
        with multiprocessing.Pool(args.jobs, maxtasksperchild=50) as pool:
            done = pool.imap_unordered(lint_one, [(p, args.rcfile) for p, _ in todo])
            cache_of = dict(todo)
            for count, result in enumerate(done, 1):
                results[result["path"]] = result
                if "crash" not in result:
                    tmp = cache_of[result["path"]] + ".tmp"
                    with open(tmp, "w", encoding="utf-8") as handle:
                        json.dump(result, handle)
                    os.replace(tmp, cache_of[result["path"]])
                if count % 50 == 0:
                    print(f"oracle: {count}/{len(todo)} files linted", file=sys.stderr)

    with open(args.out, "w", encoding="utf-8") as handle:
        for path in files:
            result = dict(results[path])
            result["sha256"] = sha256_file(path)
            handle.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
