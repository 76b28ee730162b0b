use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for a tuple target of an assignment or `for` loop that binds
    /// the same name twice (`a, b, a = values`), once per repeated name.
    ///
    /// As in pylint: nested tuples are checked on their own, list targets
    /// (`[a, a] = ...`), starred names and `_` are not counted, and a name
    /// matching `dummy-variables-rgx` in a target stops the check of that
    /// statement.
    ///
    /// ## Why is this bad?
    /// Only the last value is kept; the earlier ones are silently lost,
    /// which is rarely what was meant.
    ///
    /// ## Example
    /// ```python
    /// scheme, host, scheme = parts
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// scheme, host, _ = parts
    /// ```
    code: "W0128",
    symbol: "redeclared-assigned-name",
    category: Warning,
    checker: "basic",
    trigger: Trigger::Node(&[ASSIGNMENT, FOR_STATEMENT], check),
}

fn check(ctx: &mut Context, node: Node) {
    let targets: Vec<Node> = match node.kind_id() {
        ASSIGNMENT => {
            // `a = b = value` nests assignments; astroid has one statement
            // with all targets, checked from its outermost assignment.
            if node.parent().is_some_and(|parent| parent.kind_id() == ASSIGNMENT) {
                return;
            }
            let mut targets = Vec::new();
            let mut current = node;
            loop {
                let Some(left) = current.child_by_field_id(FIELD_LEFT) else { break };
                targets.push(left);
                match current.child_by_field_id(FIELD_RIGHT) {
                    Some(right) if right.kind_id() == ASSIGNMENT => current = right,
                    _ => break,
                }
            }
            targets
        }
        // astroid's `AsyncFor` is not visited by pylint's check.
        _ if node.child(0).is_some_and(|first| first.kind_id() == KW_ASYNC) => return,
        _ => node.child_by_field_id(FIELD_LEFT).into_iter().collect(),
    };
    let mut reports = Vec::new();
    check_targets(ctx, &targets, &mut reports);
    for (target, name) in reports {
        ctx.report(target, format!("Redeclared variable '{name}' in assignment"));
    }
}

/// pylint's `_check_redeclared_assign_name`; returns false where pylint
/// returns early (a dummy name), which ends the check of the remaining targets.
fn check_targets<'t>(ctx: &Context<'_, 't>, targets: &[Node<'t>], reports: &mut Vec<(Node<'t>, &'t str)>) -> bool {
    for target in targets {
        if !matches!(target.kind_id(), PATTERN_LIST | TUPLE_PATTERN) {
            continue;
        }
        let mut found: Vec<&str> = Vec::new();
        for element in code_children(*target) {
            match element.kind_id() {
                PATTERN_LIST | TUPLE_PATTERN => {
                    check_targets(ctx, &[element], reports);
                }
                IDENTIFIER if ctx.text(element) != "_" => {
                    let name = ctx.text(element);
                    if ctx.settings.dummy_variables.is_match(name) {
                        return false;
                    }
                    found.push(name);
                }
                _ => {}
            }
        }
        // Counter.most_common: by count, then first occurrence.
        let mut counted: Vec<(&str, usize)> = Vec::new();
        for name in found {
            match counted.iter_mut().find(|(seen, _)| *seen == name) {
                Some((_, count)) => *count += 1,
                None => counted.push((name, 1)),
            }
        }
        counted.sort_by_key(|(_, count)| std::cmp::Reverse(*count));
        reports.extend(counted.into_iter().filter(|(_, count)| *count > 1).map(|(name, _)| (*target, name)));
    }
    true
}
