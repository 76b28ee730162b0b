//! `# pylint:` pragma scopes behave as in pylint 4.1.4. The expected lines
//! were printed by `pylint --disable=all --enable=multiple-statements` on
//! tests/fixtures/pragmas/scopes.py.

use pyqual::rules::{self, Settings};
use pyqual::Checker;

#[test]
fn pragma_scopes_match_pylint() {
    let mut settings = Settings::default();
    for rule in rules::ALL {
        settings.set_enabled(rule, rule.code == "C0321");
    }
    let source = include_bytes!("fixtures/pragmas/scopes.py");
    let report = Checker::new(settings).check_bytes(source, "scopes");
    let lines: Vec<u32> = report.diagnostics.iter().map(|d| d.start.line + 1).collect();
    assert_eq!(lines, [1, 3, 9, 11, 16, 20, 22]);
}
