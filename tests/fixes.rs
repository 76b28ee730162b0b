//! The rules' quick fixes, applied to the rule fixtures.
//!
//! For every rule whose messages on tests/fixtures/rules/<symbol>.py carry a
//! fix: each fix alone leaves code that parses; all of them applied (passes
//! repeated until none is left, as `pyqual check --fix` does) leave code that
//! parses, on which the rule reports fewer messages and only ones without a
//! fix, no more than the fixture had unfixable ones; and the fixed text
//! equals tests/fixtures/fixes/<symbol>.fixed.py (written in place when
//! `PYQUAL_UPDATE_FIXES=1`). tests/parity/fixes.py checks those snapshots
//! with real pylint.

use pyqual::checker::{self, FileModuleIndex};
use pyqual::rules::{self, Fix, Settings};
use pyqual::syntax::ParsedModule;
use pyqual::{Checker, FileReport};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Rules that must offer fixes on their fixture (a rule losing its fixes fails here).
const RULES_WITH_FIXES: &[&str] = &[
    "C0121", "C0123", "C0321", "C0325", "C1803", "R1703", "R1705", "R1714", "R1720", "R1721", "R1723", "R1724", "R1728",
    "R1730", "R1731", "R1734", "R1735", "W0107", "W0301", "W1309",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn only(rule: &rules::Rule) -> Settings {
    let mut settings = Settings::default();
    for other in rules::ALL {
        settings.set_enabled(other, other.code == rule.code);
    }
    settings
}

fn check(checker: &Checker, source: &str, stem: &str, path: &Path) -> FileReport {
    checker.check_module_at(&ParsedModule::parse(source.to_string(), None), stem, Some(path))
}

fn syntax_error(source: &str) -> Option<String> {
    ParsedModule::parse(source.to_string(), None)
        .syntax_error()
        .map(|error| format!("line {}: {}", error.position.line + 1, error.message))
}

#[test]
fn every_fix_leaves_valid_code_without_the_message() {
    let update = std::env::var_os("PYQUAL_UPDATE_FIXES").is_some_and(|value| value == "1");
    let modules = Arc::new(FileModuleIndex::new());
    let mut failures = Vec::new();
    let mut with_fixes = Vec::new();
    for rule in rules::ALL {
        let stem = rule.symbol.replace('-', "_");
        let path = root().join("rules").join(format!("{stem}.py"));
        let snapshot_path = root().join("fixes").join(format!("{stem}.fixed.py"));
        let Ok(source) = std::fs::read_to_string(&path) else { continue };
        let checker = Checker::new(only(rule)).with_modules(modules.clone());
        let before = check(&checker, &source, &stem, &path);
        let fixes: Vec<&Fix> = before.diagnostics.iter().filter_map(|d| d.fix.as_ref()).collect();
        if fixes.is_empty() {
            if snapshot_path.exists() {
                failures.push(format!("{}: no fixes, but {} exists", rule.code, snapshot_path.display()));
            }
            continue;
        }
        with_fixes.push(rule.code);

        for (diagnostic, fix) in before.diagnostics.iter().filter_map(|d| Some((d, d.fix.as_ref()?))) {
            let alone = checker::apply_fixes(&source, &[fix]).expect("fix fits its source");
            if let Some(error) = syntax_error(&alone.source) {
                failures.push(format!(
                    "{} line {}: the fix `{}` alone breaks the code ({error})",
                    rule.code,
                    diagnostic.start.line + 1,
                    fix.title
                ));
            }
        }

        let fixed = checker::fix_all(&checker, source.clone(), &stem, Some(&path));
        let unfixable_before = before.diagnostics.iter().filter(|d| d.fix.is_none()).count();
        let after = check(&checker, &fixed.source, &stem, &path);
        if let Some(error) = syntax_error(&fixed.source) {
            failures.push(format!("{}: the fixed fixture does not parse ({error})", rule.code));
        }
        if after.diagnostics.len() >= before.diagnostics.len() {
            failures.push(format!(
                "{}: {} message(s) before the fixes, {} after",
                rule.code,
                before.diagnostics.len(),
                after.diagnostics.len()
            ));
        }
        let still_fixable: Vec<String> = after
            .diagnostics
            .iter()
            .filter(|d| d.fix.is_some())
            .map(|d| format!("line {}: {}", d.start.line + 1, d.message))
            .collect();
        if !still_fixable.is_empty() {
            failures.push(format!("{}: fixable messages remain: {}", rule.code, still_fixable.join("; ")));
        }
        if after.diagnostics.len() > unfixable_before {
            let remaining: Vec<String> =
                after.diagnostics.iter().map(|d| format!("line {}: {}", d.start.line + 1, d.message)).collect();
            failures.push(format!(
                "{}: {unfixable_before} unfixable message(s) before, {} after the fixes:\n    {}",
                rule.code,
                after.diagnostics.len(),
                remaining.join("\n    ")
            ));
        }

        if update {
            std::fs::create_dir_all(snapshot_path.parent().unwrap()).unwrap();
            std::fs::write(&snapshot_path, &fixed.source).unwrap();
        } else {
            match std::fs::read_to_string(&snapshot_path) {
                Ok(expected) if expected == fixed.source => {}
                Ok(_) => failures.push(format!(
                    "{}: the fixed text differs from {} (PYQUAL_UPDATE_FIXES=1 rewrites it)",
                    rule.code,
                    snapshot_path.display()
                )),
                Err(_) => failures.push(format!(
                    "{}: no snapshot {} (PYQUAL_UPDATE_FIXES=1 writes it)",
                    rule.code,
                    snapshot_path.display()
                )),
            }
        }
    }
    for code in RULES_WITH_FIXES {
        if !with_fixes.contains(code) {
            failures.push(format!("{code}: expected fixes on its fixture, found none"));
        }
    }
    assert!(failures.is_empty(), "{} problem(s):\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn diagnostics_on_disabled_lines_carry_no_fix_to_apply() {
    // A message disabled by a pragma is gone, and so is its fix.
    let rule = rules::find("W0301").unwrap();
    let checker = Checker::new(only(rule));
    let source = "x = 1;  # pylint: disable=unnecessary-semicolon\ny = 2;\n";
    let fixed = checker::fix_all(&checker, source.to_string(), "t", None);
    assert_eq!(fixed.source, "x = 1;  # pylint: disable=unnecessary-semicolon\ny = 2\n");
    assert_eq!(fixed.applied, 1);
}

#[test]
fn crlf_line_endings_survive_the_fixes() {
    let source = "def f(x):\r\n    if x:\r\n        return 1\r\n    else:\r\n        y = x\r\n        pass\r\n        return y\r\n";
    let settings = {
        let mut settings = Settings::default();
        for rule in rules::ALL {
            settings.set_enabled(rule, matches!(rule.code, "R1705" | "W0107"));
        }
        settings
    };
    let fixed = checker::fix_all(&Checker::new(settings), source.to_string(), "t", None);
    assert_eq!(fixed.source, "def f(x):\r\n    if x:\r\n        return 1\r\n    y = x\r\n    return y\r\n");
    assert_eq!(fixed.applied, 2);
    assert!(fixed.report.diagnostics.is_empty());
}

#[test]
fn one_line_bodies_and_try_else_are_fixed() {
    let rule = rules::find("R1705").unwrap();
    let checker = Checker::new(only(rule));
    let source = "def f(x):\n    try:\n        y = int(x)\n    except ValueError:\n        return None\n    else: return y\n";
    let fixed = checker::fix_all(&checker, source.to_string(), "t", None);
    assert_eq!(fixed.source, "def f(x):\n    try:\n        y = int(x)\n    except ValueError:\n        return None\n    return y\n");
}
