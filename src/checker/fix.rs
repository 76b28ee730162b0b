//! Applying the rules' fixes to a source text: one pass (`apply_fixes`, what
//! an editor's "fix all" needs) and repeated passes until nothing is left to
//! fix (`fix_all`, what `pyqual check --fix` does).

use super::{Checker, FileReport};
use crate::rules::{Edit, Fix};
use crate::syntax::ParsedModule;
use std::path::Path;

/// Why a set of fixes could not be applied at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FixError {
    /// An edit's range is reversed, past the end of the source, or not on a
    /// character boundary.
    BadRange(Edit),
}

impl std::fmt::Display for FixError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FixError::BadRange(edit) => write!(f, "edit {}..{} does not fit the source", edit.start, edit.end),
        }
    }
}

impl std::error::Error for FixError {}

/// The source with fixes applied, and how many were.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applied {
    pub source: String,
    /// Fixes applied.
    pub applied: usize,
    /// Fixes left out because they touch a fix taken before them (they can be
    /// applied to the result, after checking it again).
    pub skipped: usize,
}

/// Applies `fixes` to `source`. Fixes are taken in the order of their first
/// edit; a fix whose edits overlap (or touch) an edit already taken is left
/// out whole, so every applied fix is applied exactly as its rule built it.
/// Edits are applied from the end of the source backwards.
pub fn apply_fixes(source: &str, fixes: &[&Fix]) -> Result<Applied, FixError> {
    for edit in fixes.iter().flat_map(|fix| &fix.edits) {
        let fits = edit.start <= edit.end
            && edit.end <= source.len()
            && source.is_char_boundary(edit.start)
            && source.is_char_boundary(edit.end);
        if !fits {
            return Err(FixError::BadRange(edit.clone()));
        }
    }
    let mut ordered: Vec<&Fix> = fixes.iter().copied().filter(|fix| !fix.edits.is_empty()).collect();
    ordered.sort_by_key(|fix| fix.edits.iter().map(|edit| (edit.start, edit.end)).min());
    let mut taken: Vec<&Edit> = Vec::new();
    let mut applied = 0;
    let mut skipped = 0;
    for fix in ordered {
        let mut edits: Vec<&Edit> = fix.edits.iter().collect();
        edits.sort_by_key(|edit| (edit.start, edit.end));
        let self_overlapping = edits.windows(2).any(|pair| pair[0].end > pair[1].start);
        let clashes = edits.iter().any(|edit| taken.iter().any(|other| touches(edit, other)));
        if self_overlapping || clashes {
            skipped += 1;
            continue;
        }
        taken.extend(edits);
        applied += 1;
    }
    taken.sort_by_key(|edit| (edit.start, edit.end));
    let mut fixed = source.to_string();
    for edit in taken.iter().rev() {
        fixed.replace_range(edit.start..edit.end, &edit.replacement);
    }
    Ok(Applied { source: fixed, applied, skipped })
}

/// Whether two edits overlap or meet (two edits at one point could be
/// applied in either order; they wait for the next pass).
fn touches(a: &Edit, b: &Edit) -> bool {
    a.start <= b.end && b.start <= a.end
}

/// What `fix_all` did to one source.
#[derive(Clone, Debug)]
pub struct FixedSource {
    pub source: String,
    /// Fixes applied over all passes.
    pub applied: usize,
    /// The report on the fixed source.
    pub report: FileReport,
}

/// At most this many check-and-fix passes (a fix can uncover another one,
/// e.g. `elif` → `if` exposes that `if`'s own superfluous `else`).
const MAX_PASSES: usize = 10;

/// Checks `source`, applies every fix, and repeats on the result until no fix
/// is left (or `MAX_PASSES`). A pass whose result does not parse is undone
/// and ends the loop, so the returned source is never broken by a fix.
pub fn fix_all(checker: &Checker, source: String, module_name: &str, path: Option<&Path>) -> FixedSource {
    let mut module = ParsedModule::parse(source, None);
    let mut report = checker.check_module_at(&module, module_name, path);
    let mut applied = 0;
    for _ in 0..MAX_PASSES {
        let fixes: Vec<&Fix> = report.diagnostics.iter().filter_map(|diagnostic| diagnostic.fix.as_ref()).collect();
        if fixes.is_empty() {
            break;
        }
        let Ok(pass) = apply_fixes(&module.source, &fixes) else { break };
        if pass.applied == 0 {
            break;
        }
        let next = ParsedModule::parse(pass.source, None);
        if next.syntax_error().is_some() {
            break;
        }
        applied += pass.applied;
        report = checker.check_module_at(&next, module_name, path);
        module = next;
    }
    FixedSource { source: module.source, applied, report }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(edits: &[(usize, usize, &str)]) -> Fix {
        Fix::new("t", edits.iter().map(|&(start, end, text)| Edit::replace(start..end, text)).collect())
    }

    #[test]
    fn edits_are_applied_from_the_end() {
        let (a, b) = (fix(&[(0, 1, "xyz")]), fix(&[(4, 5, ""), (2, 3, "Q")]));
        let applied = apply_fixes("abcdef", &[&a, &b]).unwrap();
        assert_eq!(applied.source, "xyzbQdf");
        assert_eq!((applied.applied, applied.skipped), (2, 0));
    }

    #[test]
    fn a_fix_touching_an_earlier_one_is_skipped_whole() {
        let (a, b, c) = (fix(&[(0, 2, "")]), fix(&[(5, 6, "!"), (1, 3, "")]), fix(&[(2, 2, "+")]));
        let applied = apply_fixes("abcdef", &[&b, &a, &c]).unwrap();
        assert_eq!(applied.source, "cdef");
        assert_eq!((applied.applied, applied.skipped), (1, 2));
    }

    #[test]
    fn ranges_outside_the_source_are_refused() {
        assert!(apply_fixes("ab", &[&fix(&[(1, 3, "")])]).is_err());
        assert!(apply_fixes("é", &[&fix(&[(1, 2, "")])]).is_err());
        assert!(apply_fixes("ab", &[&fix(&[(2, 1, "")])]).is_err());
    }
}
