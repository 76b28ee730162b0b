//! `# pylint: ...` pragma comments and the line ranges they cover.
//!
//! pylint's rules, restated:
//! * `disable=`/`enable=` in a comment alone on its line act from that line to
//!   the end of the innermost block around it (function, class, the branch of
//!   an `if`/`for`/`while`/`try`/`with`, or the module).
//! * After code on the same line they act on that line only; when the
//!   statement spans several lines, on the rest of the innermost statement
//!   header that holds the comment.
//! * `disable-next=` acts on the next line only; `skip-file` skips the file.

use super::kinds::*;
use super::{code_children, ParsedModule};
use crate::syntax::Node;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Disable,
    Enable,
}

/// One pragma, its scope resolved to 0-based inclusive lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pragma {
    pub action: Action,
    /// Message ids, symbols, categories (`C`, `W`...) or `all`, as written.
    pub names: Vec<String>,
    pub first_line: u32,
    pub last_line: u32,
    /// 0-based line of the comment itself.
    pub line: u32,
}

/// All pragmas of a module, in source order, plus whether `skip-file` was seen.
#[derive(Clone, Debug, Default)]
pub struct Pragmas {
    pub pragmas: Vec<Pragma>,
    pub skip_file: bool,
}

impl Pragmas {
    pub fn collect(module: &ParsedModule) -> Pragmas {
        let mut result = Pragmas::default();
        let source = module.source.as_str();
        // Cheap pre-check: most files have no pragma at all.
        if !source.contains("pylint") {
            return result;
        }
        let mut comments = Vec::new();
        super::walk(module.root(), |node| {
            if node.kind_id() == COMMENT {
                comments.push(node);
            }
            true
        });
        for comment in comments {
            let text = module.text(comment);
            let Some(body) = pragma_body(text) else { continue };
            let line = comment.start_position().row as u32;
            let line_text = module.line_index.line_text(source, line as usize);
            let own_line = line_text[..comment.start_position().column.min(line_text.len())]
                .trim()
                .is_empty();
            for (keyword, names) in parse_body(body) {
                let (action, first_line, last_line) = match keyword.as_str() {
                    "skip-file" => {
                        result.skip_file = true;
                        continue;
                    }
                    "disable-next" => (Action::Disable, line + 1, line + 1),
                    "disable" | "disable-msg" | "enable" | "enable-msg" => {
                        let action =
                            if keyword.starts_with("disable") { Action::Disable } else { Action::Enable };
                        let last = if own_line {
                            block_end(module.root(), line)
                        } else {
                            header_end(module.root(), line)
                        };
                        (action, line, last)
                    }
                    _ => continue,
                };
                result.pragmas.push(Pragma { action, names, first_line, last_line, line });
            }
        }
        result
    }

    /// Whether a message is disabled on 0-based `line`; `matches` tells
    /// whether a name written in a pragma (id, symbol, category, checker,
    /// old name) designates it.
    pub fn is_disabled(&self, line: u32, matches: impl Fn(&str) -> bool) -> bool {
        let mut disabled = false;
        for pragma in &self.pragmas {
            if line < pragma.first_line || line > pragma.last_line {
                continue;
            }
            let hits = pragma.names.iter().any(|written| written.eq_ignore_ascii_case("all") || matches(written));
            if hits {
                disabled = pragma.action == Action::Disable;
            }
        }
        disabled
    }
}

/// The text after `pylint:` in a comment, if it is a pragma.
fn pragma_body(comment: &str) -> Option<&str> {
    let start = comment.find("pylint:")?;
    // `\bpylint:`: the word must not be glued to a previous word character.
    let before = comment[..start].chars().last();
    if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
        return None;
    }
    Some(&comment[start + "pylint:".len()..])
}

/// `disable=a, b; enable=c` → [("disable", [a, b]), ("enable", [c])].
fn parse_body(body: &str) -> Vec<(String, Vec<String>)> {
    // pylint stops at a second `#`, and `;` separates clauses.
    let body = body.split('#').next().unwrap_or("");
    let mut clauses = Vec::new();
    for clause in body.split(';') {
        let clause = clause.trim();
        if clause.is_empty() {
            continue;
        }
        let (keyword, names) = match clause.split_once('=') {
            Some((keyword, names)) => (keyword.trim(), names),
            None => (clause.split_whitespace().next().unwrap_or(""), ""),
        };
        let names = names
            .split(',')
            .map(|name| name.trim().split_whitespace().next().unwrap_or("").to_string())
            .filter(|name| !name.is_empty())
            .collect();
        clauses.push((keyword.to_ascii_lowercase(), names));
    }
    clauses
}

/// Last line of the innermost block (body of a def/class/clause, or module)
/// that holds `line`.
fn block_end(root: Node, line: u32) -> u32 {
    let mut end = root.end_position().row as u32;
    let mut node = root;
    'descend: loop {
        for child in code_children(node) {
            let (start, stop) = (child.start_position().row as u32, child.end_position().row as u32);
            if start <= line && line <= stop && child.child_count() > 0 {
                if child.kind_id() == BLOCK {
                    end = stop;
                }
                node = child;
                continue 'descend;
            }
        }
        // tree-sitter leaves a comment that precedes a block's first
        // statement outside the block; it still belongs to that block.
        if let Some(block) = code_children(node)
            .find(|child| child.kind_id() == BLOCK && child.start_position().row as u32 > line)
        {
            end = block.end_position().row as u32;
        }
        return end;
    }
}

/// Last line of the innermost statement or expression that starts on `line`'s
/// statement; for a compound statement only its header (up to its body).
fn header_end(root: Node, line: u32) -> u32 {
    let mut best = line;
    let mut node = root;
    'descend: loop {
        for child in code_children(node) {
            let (start, stop) = (child.start_position().row as u32, child.end_position().row as u32);
            if start <= line && line <= stop {
                if child.kind_id() == BLOCK {
                    node = child;
                    continue 'descend;
                }
                if super::is_statement_kind(child.kind_id()) {
                    best = match super::body_of(child).or_else(|| child.child_by_field_id(FIELD_BODY)) {
                        Some(body) if body.start_position().row as u32 > line => {
                            body.start_position().row as u32 - 1
                        }
                        Some(_) => line,
                        None => stop,
                    };
                }
                node = child;
                continue 'descend;
            }
        }
        return best.max(line);
    }
}
