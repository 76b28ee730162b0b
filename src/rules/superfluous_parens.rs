use super::prelude::*;
use crate::syntax::Position;

declare_rule! {
    /// ## What it does
    /// Checks for a single parenthesised expression right after a keyword
    /// (`if`, `elif`, `while`, `for`, `in`, `not`, `assert`, `del`,
    /// `return`, `yield`, `raise`, `except`, `with`) or after `=` / `:=`,
    /// when the parentheses group the whole rest of the clause.
    ///
    /// ## Why is this bad?
    /// Python's keywords are not functions: the parentheses add noise, and
    /// `assert (x, "msg")` style mistakes hide behind them.
    ///
    /// ## Example
    /// ```python
    /// if (ready):
    ///     return (value)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// if ready:
    ///     return value
    /// ```
    ///
    /// Tuples, generator expressions, `yield` expressions, conditions with
    /// `and`/`or`, walrus assignments and parentheses spanning lines are
    /// allowed.
    code: "C0325",
    symbol: "superfluous-parens",
    category: Convention,
    checker: "format",
    trigger: Trigger::Module(check),
}

const KEYWORDS: &[&str] = &[
    "assert", "del", "elif", "except", "for", "if", "in", "not", "raise", "return", "while", "yield", "with", "=", ":=",
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum TokenType {
    Name,
    Op,
    Number,
    String,
    Comment,
    /// A line break inside brackets or after a comment-only line.
    Nl,
    /// The end of a logical line.
    Newline,
}

#[derive(Clone, Copy)]
struct Token<'s> {
    text: &'s str,
    kind: TokenType,
    line: usize,
    /// Byte offset of the token in the source.
    start: usize,
}

fn check(ctx: &mut Context) {
    let tokens = tokenize(ctx);
    for start in 0..tokens.len() {
        // Most tokens are not followed by a parenthesis: test that first.
        let before_parenthesis = tokens.get(start + 1).is_some_and(|next| next.text == "(");
        if before_parenthesis && KEYWORDS.contains(&tokens[start].text) && tokens[start].kind != TokenType::String {
            check_keyword_parentheses(ctx, &tokens[start..], start > 0 && tokens[start - 1].text == "is");
        }
    }
}

/// The tokens Python's tokenizer would produce, rebuilt from the tree's
/// leaves: strings are single tokens, line breaks become NL or NEWLINE.
fn tokenize<'s>(ctx: &Context<'_, 's>) -> Vec<Token<'s>> {
    let source = ctx.source;
    let mut leaves: Vec<Node> = Vec::new();
    syntax::walk(ctx.module.root(), |node| {
        if node.kind_id() == STRING {
            leaves.push(node);
            return false;
        }
        if node.child_count() == 0 && node.end_byte() > node.start_byte() && node.kind_id() != LINE_CONTINUATION {
            leaves.push(node);
        }
        true
    });
    let mut tokens = Vec::with_capacity(leaves.len() * 2);
    let mut depth: i32 = 0;
    let mut previous_end = 0;
    for leaf in leaves {
        let gap = source.get(previous_end..leaf.start_byte()).unwrap_or("");
        if previous_end > 0 && breaks_line(gap) {
            let kind = if depth > 0 || tokens.last().is_some_and(|last: &Token| last.kind == TokenType::Newline) {
                TokenType::Nl
            } else {
                TokenType::Newline
            };
            tokens.push(Token { text: "\n", kind, line: leaf.start_position().row, start: leaf.start_byte() });
        }
        previous_end = leaf.end_byte();
        let text = syntax::node_text(source, leaf);
        let line = leaf.start_position().row;
        let start = leaf.start_byte();
        let kind = match leaf.kind_id() {
            STRING => TokenType::String,
            INTEGER | FLOAT => TokenType::Number,
            COMMENT => TokenType::Comment,
            IDENTIFIER => TokenType::Name,
            _ if text.starts_with(|ch: char| ch.is_alphabetic() || ch == '_') => TokenType::Name,
            _ => TokenType::Op,
        };
        match text {
            "(" | "[" | "{" => depth += 1,
            ")" | "]" | "}" => depth = (depth - 1).max(0),
            _ => {}
        }
        // `is not` and `not in` can be single leaves.
        if let Some((first, second)) = text.split_once(char::is_whitespace) {
            let second_start = start + text.len() - second.trim_start().len();
            tokens.push(Token { text: first, kind, line, start });
            tokens.push(Token { text: second.trim_start(), kind, line, start: second_start });
        } else {
            tokens.push(Token { text, kind, line, start });
        }
    }
    let line = tokens.last().map_or(0, |last: &Token| last.line);
    tokens.push(Token { text: "", kind: TokenType::Newline, line, start: source.len() });
    tokens
}

/// Whether the text between two tokens ends a physical line (a backslash
/// continuation does not).
fn breaks_line(gap: &str) -> bool {
    let mut rest = gap;
    while let Some(index) = rest.find('\n') {
        let before = rest[..index].trim_end_matches('\r');
        if !before.ends_with('\\') {
            return true;
        }
        rest = &rest[index + 1..];
    }
    false
}

/// pylint's `_check_keyword_parentheses`, over the tokens from the keyword on.
fn check_keyword_parentheses(ctx: &mut Context, tokens: &[Token], after_is: bool) {
    if tokens.len() < 2 || tokens[1].text != "(" {
        return;
    }
    let keyword = tokens[0];
    if keyword.text == "not" && after_is {
        return;
    }
    let mut found_and_or = false;
    let mut contains_walrus_operator = false;
    let mut walrus_operator_depth = 0;
    let mut contains_double_parens = 0;
    let mut depth = 0;
    for i in 0..tokens.len() - 1 {
        let token = tokens[i];
        let next = tokens[i + 1];
        if token.kind == TokenType::Nl {
            return;
        }
        if token.text == ":=" {
            contains_walrus_operator = true;
            walrus_operator_depth = depth;
        }
        if token.text == "(" {
            depth += 1;
            if next.text == "(" {
                contains_double_parens = 1;
            }
        } else if token.text == ")" {
            depth -= 1;
            if depth != 0 {
                if contains_double_parens != 0 && next.text == ")" {
                    if matches!(keyword.text, "in" | "if" | "not") {
                        continue;
                    }
                    return;
                }
                contains_double_parens -= 1;
                continue;
            }
            let closes_clause = matches!(next.text, ":" | ")" | "]" | "}" | "in")
                || matches!(next.kind, TokenType::Newline | TokenType::Comment);
            if closes_clause {
                if contains_walrus_operator && walrus_operator_depth - 1 == depth {
                    return;
                }
                if i == 2 || found_and_or {
                    return;
                }
                if keyword.text == "in" {
                    let single_literal = i == 3 && matches!(tokens[2].kind, TokenType::String | TokenType::Number);
                    if !single_literal {
                        return;
                    }
                }
                report(ctx, keyword, &tokens[1..=i + 1]);
            }
            return;
        } else if depth == 1 {
            match token.text {
                "," | "yield" | "for" => return,
                "and" | "or" => found_and_or = true,
                "else" => {
                    if tokens[i..].iter().any(|rest| rest.text == "(") {
                        check_keyword_parentheses(ctx, &tokens[i..], false);
                    }
                    return;
                }
                _ => {}
            }
        }
    }
}

/// `parenthesized`: the tokens from `(` to `)` and the one after.
fn report(ctx: &mut Context, keyword: Token, parenthesized: &[Token]) {
    let line = keyword.line as u32;
    let message = format!("Unnecessary parens after '{}' keyword", keyword.text);
    let fix = fix(ctx.source, keyword, parenthesized);
    ctx.report_at(Position { line, column: 0 }, Position { line, column: 0 }, message).with_fix(|| fix);
}

/// Drops the two parentheses; one becomes a space where the tokens on
/// either side would otherwise run together (`if(x)` → `if x`).
fn fix(source: &str, keyword: Token, parenthesized: &[Token]) -> Option<Fix> {
    let [open, inside @ .., close, next] = parenthesized else { return None };
    // `(a == b) in c` is not `a == b in c`: before `in`, only operands that
    // bind tighter than a comparison lose their parentheses.
    const LOOSER: &[&str] = &["<", ">", "==", ">=", "<=", "!=", "<>", "in", "not", "is", "lambda", "if", "and", "or", ":="];
    if next.text == "in" && inside.iter().any(|token| LOOSER.contains(&token.text) && token.kind != TokenType::String) {
        return None;
    }
    let is_word = |ch: Option<char>| ch.is_some_and(|ch| ch.is_alphanumeric() || matches!(ch, '_' | '"' | '\'' | '.'));
    let (open_end, close_end) = (open.start + 1, close.start + 1);
    if source.get(open.start..open_end) != Some("(") || source.get(close.start..close_end) != Some(")") {
        return None;
    }
    let before_open = source[..open.start].chars().next_back();
    let after_open = source[open_end..].chars().next();
    let before_close = source[..close.start].chars().next_back();
    let after_close = source[close_end..].chars().next();
    let open_text = if is_word(before_open) && is_word(after_open) { " " } else { "" };
    let close_text = if is_word(before_close) && is_word(after_close) { " " } else { "" };
    Some(Fix::new(
        format!("Remove the parentheses after `{}`", keyword.text),
        vec![Edit::replace(open.start..open_end, open_text), Edit::replace(close.start..close_end, close_text)],
    ))
}
