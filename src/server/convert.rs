//! The one place that turns pyqual's results into LSP types.

use super::document::{Document, Encoding};
use crate::checker::FileReport;
use crate::rules::{Category, Diagnostic, Fix};
use tower_lsp_server::ls_types::{self as lsp, DiagnosticSeverity, NumberOrString, Range, TextEdit};

/// The `source` of every diagnostic the server publishes.
pub const SOURCE: &str = "pyqual";

/// pylint's categories as LSP severities (as python-lsp-server's pylint plugin does).
pub fn severity(category: Category) -> DiagnosticSeverity {
    match category {
        Category::Error | Category::Fatal => DiagnosticSeverity::ERROR,
        Category::Warning => DiagnosticSeverity::WARNING,
        Category::Convention => DiagnosticSeverity::INFORMATION,
        Category::Refactor => DiagnosticSeverity::HINT,
    }
}

pub fn range(document: &Document, diagnostic: &Diagnostic, encoding: Encoding) -> Range {
    Range {
        start: document.position(diagnostic.start.line, diagnostic.start.column, encoding),
        end: document.position(diagnostic.end.line, diagnostic.end.column, encoding),
    }
}

/// `code` = the message id, the symbol in the message, as pylint prints them.
pub fn diagnostic(document: &Document, diagnostic: &Diagnostic, encoding: Encoding) -> lsp::Diagnostic {
    lsp::Diagnostic {
        range: range(document, diagnostic, encoding),
        severity: Some(severity(diagnostic.rule.category)),
        code: Some(NumberOrString::String(diagnostic.rule.code.to_string())),
        source: Some(SOURCE.to_string()),
        message: format!("{} ({})", diagnostic.message, diagnostic.rule.symbol),
        ..Default::default()
    }
}

/// Every message of a report, plus the score line when `score_line` is given.
pub fn diagnostics(document: &Document, report: &FileReport, encoding: Encoding, score_line: Option<String>) -> Vec<lsp::Diagnostic> {
    let mut items: Vec<lsp::Diagnostic> = report.diagnostics.iter().map(|d| diagnostic(document, d, encoding)).collect();
    if let Some(message) = score_line {
        items.push(lsp::Diagnostic {
            range: Range::default(),
            severity: Some(DiagnosticSeverity::INFORMATION),
            code: Some(NumberOrString::String("score".into())),
            source: Some(SOURCE.to_string()),
            message,
            ..Default::default()
        });
    }
    items
}

pub fn text_edits(document: &Document, fix: &Fix, encoding: Encoding) -> Vec<TextEdit> {
    fix.edits
        .iter()
        .map(|edit| TextEdit { range: document.range_of_offsets(edit.start, edit.end, encoding), new_text: edit.replacement.clone() })
        .collect()
}

/// "Your code has been rated at 8.50/10 (previous run: 8.00/10, +0.50)", as pylint says it.
pub fn score_line(score: f64, previous: Option<f64>) -> String {
    match previous {
        Some(previous) => {
            format!("Your code has been rated at {score:.2}/10 (previous run: {previous:.2}/10, {:+.2})", score - previous)
        }
        None => format!("Your code has been rated at {score:.2}/10"),
    }
}
