"""Regenerate a rule fixture's expected messages from real pylint.

    target/oracle/venv/bin/python tests/parity/fixtures.py SYMBOL [SYMBOL...]
    target/oracle/venv/bin/python tests/parity/fixtures.py --all

For tests/fixtures/rules/<symbol>.py, runs pylint 4.1.4 with its defaults and
only that message enabled, and writes tests/fixtures/rules/<symbol>.expected:
one `LINE:COL: ID: message` per message, sorted. `cargo test` then requires
pyqual to print exactly these lines with only that rule enabled.
"""
import glob
import io
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "fixtures", "rules")


def expected_lines(path, symbol):
    from pylint.lint import Run
    from pylint.reporters import CollectingReporter

    empty_rc = os.path.join(FIXTURES, "empty.pylintrc")
    import astroid

    # astroid builds `sys` from the living module: build it before standard
    # output is captured, or `sys.stdout` would be inferred to a StringIO.
    astroid.MANAGER.ast_from_module_name("sys")
    reporter = CollectingReporter()
    saved = sys.stdout
    sys.stdout = io.StringIO()
    try:
        Run([f"--rcfile={empty_rc}", "--persistent=n", "--disable=all", f"--enable={symbol}", path],
            reporter=reporter, exit=False)
    finally:
        sys.stdout = saved
    lines = sorted(
        (m.line, m.column, m.msg_id, m.msg) for m in reporter.messages if m.symbol == symbol
    )
    return [f"{line}:{column}: {msg_id}: {msg}" for line, column, msg_id, msg in lines]


def main():
    symbols = sys.argv[1:]
    if symbols == ["--all"]:
        symbols = sorted(os.path.basename(p)[:-3] for p in glob.glob(os.path.join(FIXTURES, "*.py")))
    for symbol in symbols:
        path = os.path.join(FIXTURES, f"{symbol}.py")
        lines = expected_lines(path, symbol.replace("_", "-"))
        with open(os.path.join(FIXTURES, f"{symbol}.expected"), "w", encoding="utf-8") as handle:
            handle.write("".join(line + "\n" for line in lines))
        print(f"{symbol}: {len(lines)} expected messages")


if __name__ == "__main__":
    main()
