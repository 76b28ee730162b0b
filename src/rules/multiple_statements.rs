use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for a statement that starts on the same line as the statement
    /// before it, or on the header line of the block that holds it.
    ///
    /// ## Why is this bad?
    /// One statement per line is easier to read, diff and step through in a
    /// debugger (PEP 8).
    ///
    /// ## Example
    /// ```python
    /// if ready: start()
    /// x = 1; y = 2
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// if ready:
    ///     start()
    /// x = 1
    /// y = 2
    /// ```
    ///
    /// A body of only `...` on a `def`/`class` line (a stub) is allowed.
    code: "C0321",
    symbol: "multiple-statements",
    category: Convention,
    checker: "format",
    trigger: Trigger::Module(check),
}

fn check(ctx: &mut Context) {
    let root = ctx.module.root();
    let mut last_reported = None;
    check_body(ctx, root, None, false, &mut last_reported);
}

/// Checks the statements of one body. `header_line` is the line pylint
/// compares the first statement with (the clause that owns the body; none for
/// the module); `is_definition_body` allows the `...` stub.
fn check_body(
    ctx: &mut Context,
    container: Node,
    header_line: Option<usize>,
    is_definition_body: bool,
    last_reported: &mut Option<usize>,
) {
    let docstring = match header_line {
        Some(_) if !is_definition_body => None,
        _ => syntax::docstring_node(ctx.source, container.parent().filter(|_| is_definition_body).unwrap_or(container))
            .map(|node| node.id()),
    };
    let mut previous_line = header_line;
    let mut previous_statement: Option<Node> = None;
    for statement in code_children(container) {
        let previous = previous_statement.replace(statement);
        // astroid keeps the docstring out of the body altogether.
        if Some(statement.id()) == docstring {
            continue;
        }
        let definition = syntax::undecorated(statement);
        let line = definition.start_position().row;
        let exempt = statement.kind_id() == WITH_STATEMENT || (is_definition_body && is_ellipsis(statement));
        if previous_line == Some(line) && *last_reported != Some(line) && !exempt {
            let fix = match previous {
                Some(previous) => split_line(ctx.source, previous, statement),
                None => body_to_own_line(ctx.source, container, statement),
            };
            ctx.report(definition, "More than one statement on a single line").with_fix(|| fix);
            *last_reported = Some(line);
        }
        previous_line = Some(line);
        check_nested_bodies(ctx, definition, last_reported);
    }
}

/// Recurses into the bodies of a compound statement with the header line
/// astroid gives each: `else:` of if/for/while belongs to the statement's
/// first line, `else:`/`finally:` of try and `except`/`elif` to their own,
/// `case` bodies to the `match` line.
fn check_nested_bodies(ctx: &mut Context, statement: Node, last_reported: &mut Option<usize>) {
    let line = statement.start_position().row;
    match statement.kind_id() {
        FUNCTION_DEFINITION | CLASS_DEFINITION => {
            if let Some(body) = statement.child_by_field_id(FIELD_BODY) {
                check_body(ctx, body, Some(line), true, last_reported);
            }
        }
        IF_STATEMENT | FOR_STATEMENT | WHILE_STATEMENT | TRY_STATEMENT | WITH_STATEMENT | MATCH_STATEMENT => {
            let is_try = statement.kind_id() == TRY_STATEMENT;
            for part in code_children(statement) {
                let part_line = part.start_position().row;
                match part.kind_id() {
                    BLOCK if statement.kind_id() == MATCH_STATEMENT => {
                        for case in code_children(part).filter(|c| c.kind_id() == CASE_CLAUSE) {
                            if let Some(body) = syntax::body_of(case) {
                                check_body(ctx, body, Some(line), false, last_reported);
                            }
                        }
                    }
                    BLOCK => check_body(ctx, part, Some(line), false, last_reported),
                    ELIF_CLAUSE | EXCEPT_CLAUSE | FINALLY_CLAUSE => {
                        if let Some(body) = syntax::body_of(part) {
                            check_body(ctx, body, Some(part_line), false, last_reported);
                        }
                    }
                    ELSE_CLAUSE => {
                        if let Some(body) = syntax::body_of(part) {
                            let header = if is_try { part_line } else { line };
                            check_body(ctx, body, Some(header), false, last_reported);
                        }
                    }
                    _ => {}
                }
            }
        }
        _ => {}
    }
}

/// `a; b` → `a` and `b` on its own line at `a`'s indentation, when `a` begins
/// its line.
fn split_line(source: &str, previous: Node, statement: Node) -> Option<Fix> {
    let gap = source.get(previous.end_byte()..statement.start_byte())?;
    if gap.trim_matches([' ', '\t']) != ";" {
        return None;
    }
    let line_start = source[..previous.start_byte()].rfind('\n').map_or(0, |at| at + 1);
    let indent = &source[line_start..previous.start_byte()];
    if !indent.bytes().all(|byte| matches!(byte, b' ' | b'\t')) {
        return None;
    }
    Some(Fix::replace(
        "Put the statement on a line of its own",
        previous.end_byte()..statement.start_byte(),
        format!("{}{indent}", newline_of(source, statement)),
    ))
}

/// `if x: a` → `if x:` and `a` on the next line, one level (four spaces, or
/// a tab under a tab-indented header) deeper than the line the clause that
/// owns the body starts on.
fn body_to_own_line(source: &str, block: Node, statement: Node) -> Option<Fix> {
    let owner = block.parent()?;
    if owner.start_position().row != statement.start_position().row {
        return None;
    }
    let line_start = source[..owner.start_byte()].rfind('\n').map_or(0, |at| at + 1);
    let indent = &source[line_start..owner.start_byte()];
    let unit = match (indent.contains(' '), indent.contains('\t')) {
        (_, false) => "    ",
        (false, true) => "\t",
        (true, true) => return None,
    };
    let colon = source[..statement.start_byte()].trim_end_matches([' ', '\t']).len();
    if !source[..colon].ends_with(':') {
        return None;
    }
    Some(Fix::replace(
        "Put the body on a line of its own",
        colon..statement.start_byte(),
        format!("{}{indent}{unit}", newline_of(source, statement)),
    ))
}

/// The line ending of the line `node` starts on (`\r\n` or `\n`).
fn newline_of(source: &str, node: Node) -> &'static str {
    let line_end = source[node.start_byte()..].find('\n').map(|at| node.start_byte() + at);
    if line_end.is_some_and(|end| source[..end].ends_with('\r')) { "\r\n" } else { "\n" }
}

/// `...` alone: the body of a stub.
fn is_ellipsis(statement: Node) -> bool {
    let mut children = code_children(statement);
    statement.kind_id() == EXPRESSION_STATEMENT
        && children.next().is_some_and(|value| value.kind_id() == ELLIPSIS)
        && children.next().is_none()
}
