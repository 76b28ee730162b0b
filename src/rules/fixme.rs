use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for comments that start with a note tag from the `notes`
    /// option (by default `FIXME`, `XXX` and `TODO`, in any case).
    ///
    /// ## Why is this bad?
    /// Such notes mark unfinished work; listing them keeps them from being
    /// forgotten.
    ///
    /// ## Example
    /// ```python
    /// def parse(text):
    ///     # TODO: handle empty input
    ///     return text.split()
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def parse(text):
    ///     if not text:
    ///         return []
    ///     return text.split()
    /// ```
    code: "W0511",
    symbol: "fixme",
    category: Warning,
    checker: "miscellaneous",
    trigger: Trigger::Node(&[COMMENT], check),
}

fn check(ctx: &mut Context, comment: Node) {
    if ctx.settings.notes.is_empty() {
        return;
    }
    {
        let text = ctx.text(comment);
        let Some(message) = note_message(text, &ctx.settings.notes) else { return };
        let start = comment.start_position();
        let line_start = comment.start_byte() - start.column;
        // pylint counts the column in characters (tokenize) and points one
        // past the `#`.
        let prefix = ctx.source.get(line_start..comment.start_byte()).unwrap_or("");
        let column = prefix.chars().count() as u32 + 1;
        let end = comment.end_position();
        let message = message.to_string();
        ctx.report_at(
            syntax::Position { line: start.row as u32, column },
            syntax::Position { line: end.row as u32, column: end.column as u32 },
            message,
        );
    }
}

/// The text from the note tag to the end of the comment, when the comment is
/// `#`, optional whitespace, then a tag (any case) followed by `:`,
/// whitespace or the end.
fn note_message<'s>(comment: &'s str, notes: &[String]) -> Option<&'s str> {
    let rest = comment.strip_prefix('#')?;
    let rest = rest.trim_start_matches(is_python_regex_space);
    notes.iter().find_map(|note| {
        let head = rest.get(..note.len())?;
        if !head.eq_ignore_ascii_case(note) {
            return None;
        }
        let after = &rest[note.len()..];
        let boundary = after.chars().next().is_none_or(|c| c == ':' || c.is_whitespace());
        boundary.then_some(rest.trim_end_matches(['\r', '\n']))
    })
}

fn is_python_regex_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}
