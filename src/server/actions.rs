//! Code actions: the rules' own quick fixes, "disable for this line", and
//! `source.fixAll.pyqual` (every fix that does not overlap another).

use super::convert;
use super::document::{Document, Encoding};
use crate::checker::FileReport;
use crate::rules::{Diagnostic, Fix};
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
    let fix_all = fix_all_kind();
    if wants(&fix_all) || only.is_some_and(|kinds| kinds.iter().any(|k| k.as_str() == "source.fixAll")) {
        let edits = fix_all_edits(document, report, encoding);
        if !edits.is_empty() {
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: "Fix all pyqual problems".into(),
                kind: Some(fix_all),
                edit: Some(workspace_edit(uri, edits)),
                ..Default::default()
            }));
        }
    }
    actions
}

/// Every fix of the report that overlaps no earlier one, as text edits.
pub fn fix_all_edits(document: &Document, report: &FileReport, encoding: Encoding) -> Vec<TextEdit> {
    let mut fixes: Vec<&Fix> = report.diagnostics.iter().filter_map(|d| d.fix.as_ref()).collect();
    fixes.sort_by_key(|fix| fix.edits.iter().map(|e| e.start).min().unwrap_or(0));
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut edits = Vec::new();
    for fix in fixes {
        let clashes = fix.edits.iter().any(|edit| {
            taken.iter().any(|&(start, end)| edit.start < end && start < edit.end || (edit.start == start && edit.end == end))
        });
        if clashes {
            continue;
        }
        taken.extend(fix.edits.iter().map(|edit| (edit.start, edit.end)));
        edits.extend(convert::text_edits(document, fix, encoding));
    }
    edits
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
