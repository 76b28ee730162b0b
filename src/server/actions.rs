//! Code actions: the rules' own quick fixes, "disable for this line", and
//! `source.fixAll.pyqual` (every fix, pass after pass, as `pyqual check --fix`).

use super::convert;
use super::document::{Document, Encoding};
use crate::checker::FileReport;
use crate::rules::Diagnostic;
use std::collections::HashMap;
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Range, TextEdit, Uri, WorkspaceEdit,
};

/// `source.fixAll.pyqual`.
pub fn fix_all_kind() -> CodeActionKind {
    CodeActionKind::new("source.fixAll.pyqual")
}

/// The actions for `range`, restricted to the kinds in `only` when given.
pub fn code_actions(
    uri: &Uri,
    document: &Document,
    report: &FileReport,
    range: Range,
    only: Option<&[CodeActionKind]>,
    encoding: Encoding,
) -> Vec<CodeActionOrCommand> {
    let wants = |kind: &CodeActionKind| {
        only.is_none_or(|kinds| kinds.iter().any(|wanted| kind.as_str().starts_with(wanted.as_str())))
    };
    let mut actions = Vec::new();
    let in_range: Vec<&Diagnostic> =
        report.diagnostics.iter().filter(|d| overlaps(convert::range(document, d, encoding), range)).collect();
    if wants(&CodeActionKind::QUICKFIX) {
        for diagnostic in &in_range {
            if let Some(fix) = &diagnostic.fix {
                actions.push(action(uri, document, diagnostic, fix.title.clone(), convert::text_edits(document, fix, encoding), true, encoding));
            }
        }
        for diagnostic in &in_range {
            let title = format!("Disable {} for this line", diagnostic.rule.symbol);
            let edit = disable_on_line(document, diagnostic, encoding);
            actions.push(action(uri, document, diagnostic, title, vec![edit], false, encoding));
        }
    }
    actions
}

/// Whether `only` asks for the fix-all action.
pub fn wants_fix_all(only: Option<&[CodeActionKind]>) -> bool {
    only.is_none_or(|kinds| kinds.iter().any(|kind| fix_all_kind().as_str().starts_with(kind.as_str())))
}

/// `source.fixAll.pyqual`: the whole document replaced by `fixed` (the result
/// of `checker::fix_all`, which repeats until no fix is left), or nothing
/// when no fix applied.
pub fn fix_all_action(uri: &Uri, document: &Document, fixed: &str, applied: usize, encoding: Encoding) -> Option<CodeActionOrCommand> {
    if applied == 0 || fixed == document.text {
        return None;
    }
    let whole = document.range_of_offsets(0, document.text.len(), encoding);
    Some(CodeActionOrCommand::CodeAction(CodeAction {
        title: format!("Fix all pyqual problems ({applied} fixes)"),
        kind: Some(fix_all_kind()),
        edit: Some(workspace_edit(uri, vec![TextEdit { range: whole, new_text: fixed.to_string() }])),
        ..Default::default()
    }))
}

fn action(
    uri: &Uri,
    document: &Document,
    diagnostic: &Diagnostic,
    title: String,
    edits: Vec<TextEdit>,
    preferred: bool,
    encoding: Encoding,
) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![convert::diagnostic(document, diagnostic, encoding)]),
        edit: Some(workspace_edit(uri, edits)),
        is_preferred: preferred.then_some(true),
        ..Default::default()
    })
}

fn workspace_edit(uri: &Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit { changes: Some(HashMap::from([(uri.clone(), edits)])), ..Default::default() }
}

/// Appends `# pylint: disable=symbol` to the message's line, or adds the
/// symbol to a `disable=` pragma already there.
fn disable_on_line(document: &Document, diagnostic: &Diagnostic, encoding: Encoding) -> TextEdit {
    let line = diagnostic.start.line;
    let text = document.line_text(line as usize);
    let end = document.position(line, text.len() as u32, encoding);
    let symbol = diagnostic.rule.symbol;
    let new_text = match text.find("# pylint: disable=") {
        Some(_) => format!(",{symbol}"),
        None if text.trim().is_empty() => format!("# pylint: disable={symbol}"),
        None => format!("  # pylint: disable={symbol}"),
    };
    TextEdit { range: Range { start: end, end }, new_text }
}

fn overlaps(a: Range, b: Range) -> bool {
    let before = |x: tower_lsp_server::ls_types::Position, y: tower_lsp_server::ls_types::Position| (x.line, x.character) < (y.line, y.character);
    // Touching counts: a cursor at either end of a message asks for it.
    !before(a.end, b.start) && !before(b.end, a.start)
}
