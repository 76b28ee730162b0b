"""Check the committed fix snapshots with real pylint.

    python3 tests/parity/fixes.py [SYMBOL...]

(re-runs itself in target/oracle/venv, which tests/parity/parity.py creates,
when pylint is not importable; uses target/debug/pyqual, or $PYQUAL).

tests/fixtures/fixes/<symbol>.fixed.py is a rule fixture with every pyqual
fix of that rule applied (tests/fixes.rs writes and checks it). For each
snapshot this script

  * compiles it with CPython (a fix must leave valid Python; where the
    fixture itself does not compile, e.g. `return` in `except*`, the
    snapshot must still parse with `ast.parse`);
  * runs pylint 4.1.4 on it with the paper profile's rcfile and only that
    message (and syntax-error) enabled, as tests/parity/fixtures.py does
    (some messages depend on which others are enabled: pylint looks at
    `try`/`else` for no-else-raise only when no-else-return is on);
  * runs pyqual (target/debug/pyqual, `--format json`, only that rule) on it
    and requires the same messages at the same places, none with a fix:
    whatever pylint still reports there is a message pyqual knows it cannot
    fix, never one a fix was supposed to remove.

Each file is checked under its plain name (<symbol>.py) in a temporary
directory, as pylint would see the fixture. Exit status 1 on any problem.
"""
import ast
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
SNAPSHOTS = os.path.join(ROOT, "tests", "fixtures", "fixes")
RCFILE = os.path.join(ROOT, "src", "config", "profiles", "paper.pylintrc")
PYQUAL = os.environ.get("PYQUAL") or os.path.join(ROOT, "target", "debug", "pyqual")
VENV_PYTHON = os.path.join(ROOT, "target", "oracle", "venv", "bin", "python")


def pylint_messages(path, symbol):
    from pylint.lint import Run
    from pylint.reporters import CollectingReporter

    reporter = CollectingReporter()
    saved = sys.stdout
    sys.stdout = io.StringIO()
    try:
        Run([f"--rcfile={RCFILE}", "--persistent=n", "--disable=all", f"--enable={symbol},syntax-error", path],
            reporter=reporter, exit=False)
    finally:
        sys.stdout = saved
    return sorted(
        (m.line, m.column, m.msg_id, m.msg) for m in reporter.messages if m.symbol in (symbol, "syntax-error")
    )


def pyqual_messages(path, symbol):
    output = subprocess.run(
        [PYQUAL, "check", "--format", "json", "--no-config", "--profile", "paper", "--disable=all",
         f"--enable={symbol}", path],
        capture_output=True, text=True, check=False,
    )
    report = json.loads(output.stdout)
    return sorted(
        (m["line"], m["column"], m["id"], m["message"], m["fix"] is not None)
        for f in report["files"] for m in f["messages"]
    )


def main():
    try:
        import pylint  # noqa: F401  pylint: disable=import-outside-toplevel,unused-import
    except ImportError:
        venv = os.path.dirname(os.path.dirname(VENV_PYTHON))
        if os.path.exists(VENV_PYTHON) and os.path.realpath(sys.prefix) != os.path.realpath(venv):
            os.execv(VENV_PYTHON, [VENV_PYTHON, *sys.argv])
        sys.exit(f"pylint is not importable and {VENV_PYTHON} does not exist (tests/parity/parity.py creates it)")
    # The fixtures hold `x is 1` and the like on purpose.
    warnings.filterwarnings("ignore", category=SyntaxWarning)
    stems = sorted(name[: -len(".fixed.py")] for name in os.listdir(SNAPSHOTS) if name.endswith(".fixed.py"))
    if sys.argv[1:]:
        stems = [stem for stem in stems if stem in sys.argv[1:]]
    problems = 0
    remaining_total = 0
    with tempfile.TemporaryDirectory() as scratch:
        for stem in stems:
            symbol = stem.replace("_", "-")
            path = os.path.join(scratch, f"{stem}.py")
            shutil.copyfile(os.path.join(SNAPSHOTS, f"{stem}.fixed.py"), path)
            with open(path, encoding="utf-8") as handle:
                source = handle.read()
            with open(os.path.join(ROOT, "tests", "fixtures", "rules", f"{stem}.py"), encoding="utf-8") as handle:
                original = handle.read()
            try:
                compile(source, path, "exec")
            except SyntaxError as error:
                try:
                    compile(original, path, "exec")
                    broken = True
                except SyntaxError as fixture_error:
                    print(f"{stem}: the fixture itself does not compile ({fixture_error.msg}); checked with ast.parse")
                    try:
                        ast.parse(source)
                        broken = False
                    except SyntaxError:
                        broken = True
                if broken:
                    print(f"{stem}: SYNTAX ERROR after the fixes: {error}")
                    problems += 1
                    continue
            theirs = pylint_messages(path, symbol)
            ours = pyqual_messages(path, symbol)
            remaining_total += len(theirs)
            fixable = [m for m in ours if m[4]]
            agree = [m[:4] for m in ours] == theirs
            status = "ok" if agree and not fixable else "MISMATCH"
            print(f"{stem}: pylint still reports {len(theirs)} {symbol} message(s) (unfixable); pyqual {status}")
            for line, column, msg_id, message in theirs:
                print(f"    {line}:{column}: {msg_id}: {message}")
            if not agree:
                problems += 1
                for line, column, msg_id, message, _ in ours:
                    print(f"    pyqual: {line}:{column}: {msg_id}: {message}")
            for line, column, msg_id, message, _ in fixable:
                problems += 1
                print(f"    pyqual still offers a fix: {line}:{column}: {msg_id}: {message}")
    print(f"{len(stems)} snapshot(s), {remaining_total} unfixable message(s) left, {problems} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
