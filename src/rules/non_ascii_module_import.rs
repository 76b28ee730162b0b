use super::non_ascii_name::normalized_non_ascii;
use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for imports that bind a name with a non-ASCII character: the
    /// alias when there is one, else the imported module or name
    /// (`import a.b` is checked as `a.b`). The module a `from` import reads
    /// from is not checked, only what it binds.
    ///
    /// Names are compared as Python reads them, normalized to NFKC.
    ///
    /// ## Why is this bad?
    /// A non-ASCII name may be hard to type and look like another one (see
    /// PEP 672); an ASCII-only alias keeps the rest of the module free of
    /// it.
    ///
    /// ## Example
    /// ```python
    /// from greetings import grüße
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// from greetings import grüße as greetings
    /// ```
    code: "C2403",
    symbol: "non-ascii-module-import",
    category: Convention,
    checker: "nonascii-checker",
    trigger: Trigger::Node(&[IMPORT_STATEMENT, IMPORT_FROM_STATEMENT], check),
}

fn check(ctx: &mut Context, statement: Node) {
    if ctx.text(statement).is_ascii() {
        return;
    }
    let mut names = Vec::new();
    for imported in statement.children_by_field_id(FIELD_NAME) {
        let bound = match imported.kind_id() {
            ALIASED_IMPORT => imported.child_by_field_id(FIELD_ALIAS).map(|alias| ctx.text(alias).to_string()),
            // astroid's name of `import a . b` is `a.b`.
            DOTTED_NAME => Some(code_children(imported).map(|part| ctx.text(part)).collect::<Vec<_>>().join(".")),
            _ => None,
        };
        names.extend(bound.as_deref().and_then(normalized_non_ascii));
    }
    for name in names {
        // One message per name, all on the statement.
        ctx.report(statement, format!("Module name \"{name}\" contains a non-ASCII character, use an ASCII-only alias for import."));
    }
}
