//! The `pyqual check` binary on bad input and on real output formats: it never
//! panics, says what is wrong, keeps linting the other files, and exits with
//! pylint's bit-encoded status.

use std::path::{Path, PathBuf};
use std::process::Command;

fn pyqual() -> Command {
    Command::new(env!("CARGO_BIN_EXE_pyqual"))
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pyqual-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn check_json(paths: &[&Path]) -> (i32, serde_json::Value, String) {
    let output = pyqual().arg("check").arg("--format").arg("json").arg("--no-config").args(paths).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "pyqual panicked: {stderr}");
    let json = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("bad json ({e}): {stderr}"));
    (output.status.code().unwrap(), json, stderr)
}

fn file<'a>(json: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    json["files"].as_array().unwrap().iter().find(|f| f["path"].as_str().unwrap().ends_with(name)).unwrap()
}

#[test]
fn bad_files_get_e0001_and_the_others_are_still_linted() {
    let dir = temp_dir("bad");
    std::fs::write(dir.join("good.py"), "x = 1; y = 2\n").unwrap();
    std::fs::write(dir.join("latin1.py"), b"name = '\xe9t\xe9'\n").unwrap();
    std::fs::write(dir.join("binary.py"), [0u8, 159, 146, 150, 0, 1, 2]).unwrap();
    std::fs::write(dir.join("broken.py"), "def f(:\n    pass\n").unwrap();
    let (code, json, _) = check_json(&[&dir]);
    for name in ["latin1.py", "binary.py", "broken.py"] {
        let report = file(&json, name);
        assert_eq!(report["messages"][0]["id"], "E0001", "{name}: {report}");
        assert_eq!(report["score"], 0.0, "{name}");
        assert_eq!(report["statements"], 0, "{name}");
    }
    let good = file(&json, "good.py");
    assert_eq!(good["messages"][0]["id"], "C0321");
    assert_eq!(good["statements"], 2);
    assert_eq!(code, 2 | 16, "error + convention bits");
}

#[test]
fn missing_path_is_fatal_but_not_a_crash() {
    let dir = temp_dir("missing");
    std::fs::write(dir.join("ok.py"), "x = 1\n").unwrap();
    let (code, json, _) = check_json(&[&dir.join("nope.py"), &dir.join("ok.py")]);
    assert_eq!(code & 1, 1, "fatal bit set");
    assert_eq!(file(&json, "nope.py")["messages"][0]["id"], "F0001");
    assert_eq!(file(&json, "ok.py")["score"], 10.0);
}

#[test]
fn huge_and_deeply_nested_files_are_linted() {
    let dir = temp_dir("huge");
    let long: String = (0..50_000).map(|i| format!("value_{i} = {i}\n")).collect();
    std::fs::write(dir.join("long.py"), long).unwrap();
    let mut nested = String::new();
    for depth in 0..500 {
        nested.push_str(&format!("{}if x{depth}:\n", "    ".repeat(depth)));
    }
    nested.push_str(&format!("{}pass\n", "    ".repeat(500)));
    std::fs::write(dir.join("nested.py"), &nested).unwrap();
    let parens = format!("x = {}1{}\n", "(".repeat(500), ")".repeat(500));
    std::fs::write(dir.join("parens.py"), parens).unwrap();
    // One expression with 20,000 calls: rules that walk up from every call
    // (O(depth) per step in tree-sitter) used to take minutes here.
    let long_expression = format!("def f(x):\n    return {}\n", vec!["g(x)"; 20_000].join(" + "));
    std::fs::write(dir.join("expression.py"), long_expression).unwrap();
    let (_, json, _) = check_json(&[&dir]);
    assert_eq!(file(&json, "expression.py")["statements"], 2);
    assert_eq!(file(&json, "long.py")["statements"], 50_000);
    assert_eq!(file(&json, "nested.py")["statements"], 501);
    assert!(file(&json, "parens.py")["score"].is_number());
}

#[test]
fn text_output_is_pylint_style_and_deterministic() {
    let dir = temp_dir("text");
    std::fs::write(dir.join("a.py"), "import os\nif os.sep: print(1)\n").unwrap();
    let run = || pyqual().args(["check", "--no-config", "-j", "2"]).arg(&dir).output().unwrap();
    let (first, second) = (run(), run());
    assert_eq!(first.stdout, second.stdout);
    let text = String::from_utf8(first.stdout).unwrap();
    assert!(text.contains("************* Module a"), "{text}");
    assert!(text.contains("a.py:2:11: C0321: More than one statement on a single line (multiple-statements)"), "{text}");
    assert!(text.contains("Your code has been rated at 6.67/10"), "{text}");
}

#[test]
fn pragmas_and_config_files_are_honoured() {
    let dir = temp_dir("config");
    let source = "x = 1; y = 2  # pylint: disable=multiple-statements\nz = 3; w = 4\n";
    std::fs::write(dir.join("m.py"), source).unwrap();
    let (_, json, _) = check_json(&[&dir.join("m.py")]);
    let lines: Vec<_> = file(&json, "m.py")["messages"].as_array().unwrap().iter().map(|m| m["line"].clone()).collect();
    assert_eq!(lines, [serde_json::json!(2)]);

    std::fs::write(dir.join("pyproject.toml"), "[tool.pylint.'messages control']\ndisable = ['C0321']\n").unwrap();
    let output = pyqual().current_dir(&dir).args(["check", "--format", "json", "m.py"]).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["files"][0]["messages"].as_array().unwrap().len(), 0);
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn usage_errors_exit_32_with_a_message() {
    let output = pyqual().args(["check", "--disable", "no-such-rule", "x.py"]).output().unwrap();
    assert_eq!(output.status.code(), Some(32));
    assert!(String::from_utf8_lossy(&output.stderr).contains("unknown message"));
    let explain = pyqual().args(["check", "--explain", "C0321"]).output().unwrap();
    assert!(String::from_utf8_lossy(&explain.stdout).contains("## What it does"));
}

#[test]
fn a_latin1_coding_declaration_is_honoured() {
    let dir = temp_dir("latin");
    std::fs::write(dir.join("cookie.py"), b"# -*- coding: latin-1 -*-\nname = '\xe9t\xe9'\nx = 1; y = 2\n").unwrap();
    let (_, json, _) = check_json(&[&dir.join("cookie.py")]);
    let report = file(&json, "cookie.py");
    assert_eq!(report["statements"], 3);
    assert_eq!(report["messages"][0]["id"], "C0321");
}

#[test]
fn python2_print_is_a_syntax_error_but_the_chevron_expression_is_not() {
    let dir = temp_dir("print");
    std::fs::write(dir.join("py2.py"), "import sys\nprint \"hello\"\n").unwrap();
    std::fs::write(dir.join("py3.py"), "import sys\nprint >> sys.stderr, \"hello\"\n").unwrap();
    let (_, json, _) = check_json(&[&dir]);
    assert_eq!(file(&json, "py2.py")["messages"][0]["id"], "E0001");
    assert_eq!(file(&json, "py3.py")["statements"], 2);
    assert!(file(&json, "py3.py")["messages"].as_array().unwrap().iter().all(|m| m["id"] != "E0001"));
}

#[test]
fn overridden_methods_are_followed_into_imported_modules() {
    // pylint (astroid) reads the base class from the other module: a
    // parameter the base method also has is not reported as unused.
    let dir = temp_dir("imports");
    let package = dir.join("pkg");
    std::fs::create_dir_all(&package).unwrap();
    std::fs::write(package.join("__init__.py"), "").unwrap();
    std::fs::write(package.join("base.py"), "class Base:\n    def run(self, job):\n        return job\n").unwrap();
    let user = "from .base import Base\nfrom . import base\n\n\nclass Worker(Base):\n    def run(self, job):\n        return 1\n\n\
                class Other(base.Base):\n    def run(self, job, extra):\n        return 2\n";
    std::fs::write(package.join("user.py"), user).unwrap();
    let output = pyqual()
        .args(["check", "--format", "json", "--no-config", "--disable", "all", "--enable", "W0613"])
        .arg(package.join("user.py"))
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let messages: Vec<String> = json["files"][0]["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["message"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(messages, ["Unused argument 'extra'"]);
}

#[test]
fn a_base_imported_round_the_packages_star_imports_is_left_out() {
    // The layout of asyncio: the package star-imports its modules, and they
    // import their siblings with `from . import`. Checked by pylint 4.1.4:
    // when the checked module is the first star import that binds `base`,
    // astroid's inference of `base` comes back round and gives nothing, so
    // `PosixLoop` has no ancestors (R0903, 0/2); for the later `WindowsLoop`
    // astroid does find `BaseLoop`, whose two methods count.
    let loops = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules/loops");
    let too_few = |module: &str| -> Vec<String> {
        let output = pyqual()
            .args(["check", "--format", "json", "--no-config", "--disable", "all", "--enable", "R0903"])
            .arg(loops.join(module))
            .output()
            .unwrap();
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        json["files"][0]["messages"].as_array().unwrap().iter().map(|m| m["message"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(too_few("posix.py"), ["Too few public methods (0/2)"]);
    assert_eq!(too_few("windows.py"), Vec::<String>::new());
    assert_eq!(too_few("other.py"), Vec::<String>::new());
}

#[test]
fn json_messages_carry_their_fix_as_line_and_column_edits() {
    let dir = temp_dir("json-fix");
    std::fs::write(dir.join("f.py"), "value = 1\nif value == None:\n    print('ok')\nglobal_name = dict()\n").unwrap();
    let (_, json, _) = check_json(&[&dir.join("f.py")]);
    let messages = file(&json, "f.py")["messages"].as_array().unwrap().clone();
    let singleton = messages.iter().find(|m| m["id"] == "C0121").expect("C0121 reported");
    assert_eq!(singleton["fix"]["title"], "Replace with `value is None`");
    assert_eq!(
        singleton["fix"]["edits"],
        serde_json::json!([{
            "start_line": 2, "start_column": 3, "end_line": 2, "end_column": 16, "replacement": "value is None",
        }])
    );
    let dict = messages.iter().find(|m| m["id"] == "R1735").expect("R1735 reported");
    assert_eq!(dict["fix"]["edits"][0]["replacement"], "{}");
    assert!(messages.iter().all(|m| m.get("fix").is_some()), "every message has a fix key (null when none)");
}

#[test]
fn fix_applies_every_fix_in_place_and_reports_what_remains() {
    let dir = temp_dir("fix");
    let source = "\
def sign(value):
    if value == None:
        return 0;
    if value < 0:
        return -1
    else:
        return 1
";
    std::fs::write(dir.join("a.py"), source).unwrap();
    std::fs::write(dir.join("clean.py"), "x = 1\n").unwrap();
    // Not UTF-8: checked, never rewritten.
    std::fs::write(dir.join("latin1.py"), b"# -*- coding: latin-1 -*-\nname = '\xe9'; other = dict()\n").unwrap();
    let output = pyqual().args(["check", "--fix", "--no-config", "--format", "json"]).arg(&dir).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("applied 3 fix(es) in 1 file(s)"), "{stderr}");
    let fixed = std::fs::read_to_string(dir.join("a.py")).unwrap();
    assert_eq!(
        fixed,
        "\
def sign(value):
    if value is None:
        return 0
    if value < 0:
        return -1
    return 1
"
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let remaining: Vec<_> = file(&json, "a.py")["messages"].as_array().unwrap().iter().map(|m| m["id"].clone()).collect();
    assert!(!remaining.iter().any(|id| ["C0121", "W0301", "R1705"].contains(&id.as_str().unwrap())), "{remaining:?}");
    assert_eq!(std::fs::read(dir.join("latin1.py")).unwrap(), b"# -*- coding: latin-1 -*-\nname = '\xe9'; other = dict()\n");
    assert_eq!(std::fs::read_to_string(dir.join("clean.py")).unwrap(), "x = 1\n");
    let leftovers: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().filter(|e| e.file_name().to_string_lossy().starts_with('.')).collect();
    assert!(leftovers.is_empty(), "temporary files left behind");

    // A second run has nothing left to fix.
    let again = pyqual().args(["check", "--fix", "--no-config"]).arg(dir.join("a.py")).output().unwrap();
    assert!(String::from_utf8_lossy(&again.stderr).contains("applied 0 fix(es) in 0 file(s)"));
    assert_eq!(std::fs::read_to_string(dir.join("a.py")).unwrap(), fixed);
}
