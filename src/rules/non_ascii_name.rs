use super::prelude::*;
use super::attribute_defined_outside_init::Ancestry;
use super::too_many_ancestors::ClassRef;
use crate::semantic::classes::Slots;
use crate::syntax::Position;
use unicode_normalization_alignments::UnicodeNormalization;

declare_rule! {
    /// ## What it does
    /// Checks for names that contain a non-ASCII character: variables,
    /// functions, classes, arguments (of `def`s and keyword arguments of
    /// calls), names declared `global`, and class and instance attributes.
    ///
    /// Names are compared as Python reads them, normalized to NFKC
    /// (`ﬁle` is `file`). As in pylint, only the direct statements of a
    /// function body are checked for its local variables (not those in
    /// nested blocks, unpacked from tuples or bound by `except` or a
    /// comprehension), `*args` and `**kwargs` are not checked, and an
    /// instance attribute is reported on its first store unless a base
    /// class defines it too. Classes whose bases cannot be resolved are
    /// left alone for their instance attributes.
    ///
    /// ## Why is this bad?
    /// Many non-ASCII characters look like ASCII ones or like each other
    /// (see PEP 672): such a name can be hard to type, and two names that
    /// look the same may differ. A project written in English has no need
    /// for them.
    ///
    /// ## Example
    /// ```python
    /// grüße = "hello"
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// greetings = "hello"
    /// ```
    code: "C2401",
    symbol: "non-ascii-name",
    category: Convention,
    checker: "nonascii-checker",
    trigger: Trigger::Module(check),
}

/// What pylint calls the name in its message (`HUMAN_READABLE_TYPES`).
#[derive(Clone, Copy)]
enum Label {
    Variable,
    Attribute,
    Argument,
    Function,
    Class,
    Constant,
}

impl Label {
    fn capitalized(self) -> &'static str {
        match self {
            Label::Variable => "Variable",
            Label::Attribute => "Attribute",
            Label::Argument => "Argument",
            Label::Function => "Function",
            Label::Class => "Class",
            Label::Constant => "Constant",
        }
    }
}

/// One name to report: where pylint places the message and the name as
/// Python reads it.
struct Finding {
    start: Position,
    end: Position,
    label: Label,
    name: String,
}

fn check(ctx: &mut Context) {
    // Identifiers are the only names checked: without a non-ASCII byte in
    // the file there are none to report.
    if ctx.source.is_ascii() {
        return;
    }
    let mut findings = Vec::new();
    let mut classes = Vec::new();
    let mut non_ascii_attribute = false;
    syntax::walk(ctx.module.root(), |node| {
        match node.kind_id() {
            IDENTIFIER => {
                if let Some(name) = normalized_non_ascii(ctx.text(node)) {
                    let is_attribute = node.parent().is_some_and(|parent| parent.kind_id() == ATTRIBUTE);
                    non_ascii_attribute |= is_attribute;
                    if let Some((label, at)) = classify(ctx.source, node) {
                        findings.push(Finding { start: position(at.start_position()), end: position(node.end_position()), label, name });
                    }
                }
            }
            CLASS_DEFINITION => classes.push(node),
            _ => {}
        }
        true
    });
    if non_ascii_attribute {
        for class in classes {
            instance_attribute_findings(ctx, class, &mut findings);
        }
    }
    for finding in findings {
        let message = format!(
            "{} name \"{}\" contains a non-ASCII character, consider renaming it.",
            finding.label.capitalized(),
            finding.name
        );
        ctx.report_at(finding.start, finding.end, message);
    }
}

/// The name as Python reads it (NFKC, PEP 3131) when that is not all ASCII.
pub(crate) fn normalized_non_ascii(text: &str) -> Option<String> {
    if text.is_ascii() {
        return None;
    }
    let normalized: String = text.nfkc().map(|(character, _)| character).collect();
    (!normalized.is_ascii()).then_some(normalized)
}

fn position(point: tree_sitter::Point) -> Position {
    Position { line: point.row as u32, column: point.column as u32 }
}

/// How pylint labels a non-ASCII identifier, and the node whose start is
/// the message's position; `None` for names pylint does not check here
/// (reads, attributes, imports, `*args`).
fn classify<'t>(source: &str, identifier: Node<'t>) -> Option<(Label, Node<'t>)> {
    if in_metaclass_keyword(source, identifier) {
        return None;
    }
    let parent = identifier.parent()?;
    let is_field = |node: Node, field: u16| node.child_by_field_id(field) == Some(identifier);
    match parent.kind_id() {
        // `visit_functiondef` and `visit_classdef`: on the `def`/`class` keyword.
        FUNCTION_DEFINITION if is_field(parent, FIELD_NAME) => return Some((Label::Function, parent)),
        CLASS_DEFINITION if is_field(parent, FIELD_NAME) => return Some((Label::Class, parent)),
        // `visit_global`: on the statement.
        GLOBAL_STATEMENT => return Some((Label::Constant, parent)),
        // `visit_call`: keyword arguments of calls, not of class statements.
        KEYWORD_ARGUMENT => {
            let of_call = parent.parent().and_then(|list| list.parent()).is_some_and(|call| call.kind_id() == CALL);
            return (is_field(parent, FIELD_NAME) && of_call).then_some((Label::Argument, parent));
        }
        _ => {}
    }
    if let Some(parameters) = parameter_list(identifier) {
        // A `def`'s parameters are checked by `visit_functiondef`; a
        // lambda's are `AssignName`s of the lambda's frame.
        return match parameters.kind_id() {
            PARAMETERS => Some((Label::Argument, identifier)),
            _ => Some((Label::Variable, identifier)),
        };
    }
    let assigned = assign_name(identifier)?;
    let label = match frame(assigned.frame_start) {
        Frame::Function(function) => {
            // `node.parent in frame.body`: only the function's own statements.
            let body = function.child_by_field_id(FIELD_BODY);
            let direct = assigned.statement.is_some_and(|statement| statement.parent().is_some() && statement.parent() == body);
            if !direct {
                return None;
            }
            Label::Variable
        }
        Frame::Class => Label::Attribute,
        Frame::Lambda | Frame::Module => Label::Variable,
    };
    Some((label, assigned.position))
}

/// Whether a node is inside the `metaclass=` value of a class statement:
/// astroid keeps that value apart from the tree pylint walks.
fn in_metaclass_keyword(source: &str, node: Node) -> bool {
    let mut current = node.parent();
    while let Some(ancestor) = current {
        match ancestor.kind_id() {
            KEYWORD_ARGUMENT => {
                let is_metaclass = ancestor.child_by_field_id(FIELD_NAME).is_some_and(|name| syntax::node_text(source, name) == "metaclass")
                    && ancestor.parent().and_then(|list| list.parent()).is_some_and(|owner| owner.kind_id() == CLASS_DEFINITION);
                if is_metaclass {
                    return true;
                }
            }
            BLOCK | MODULE => return false,
            _ => {}
        }
        current = ancestor.parent();
    }
    false
}

/// The `parameters` or `lambda_parameters` a name is declared in, when it
/// is a parameter astroid lists (not `*args` or `**kwargs`).
fn parameter_list(identifier: Node) -> Option<Node> {
    let parent = identifier.parent()?;
    match parent.kind_id() {
        PARAMETERS | LAMBDA_PARAMETERS => Some(parent),
        DEFAULT_PARAMETER | TYPED_DEFAULT_PARAMETER if parent.child_by_field_id(FIELD_NAME) == Some(identifier) => parent.parent(),
        // `name: type`; the splat patterns of `*args: T` hold their names deeper.
        TYPED_PARAMETER if code_children(parent).next() == Some(identifier) => parent.parent(),
        _ => None,
    }
}

/// An identifier astroid makes an `AssignName`.
struct AssignName<'t> {
    /// The statement astroid makes its parent (assignment, `for`, `with`),
    /// when it is bound directly by one (not unpacked, not in a pattern).
    statement: Option<Node<'t>>,
    /// Where pylint places the message.
    position: Node<'t>,
    /// The node whose ancestors give astroid's frame.
    frame_start: Node<'t>,
}

/// The identifier as an astroid `AssignName`: a target of an assignment,
/// `for`, `with`, `except`, comprehension, `:=` or `match` capture.
fn assign_name(identifier: Node) -> Option<AssignName> {
    let parent = identifier.parent()?;
    let plain = |position| Some(AssignName { statement: None, position, frame_start: identifier });
    match parent.kind_id() {
        NAMED_EXPRESSION if parent.child_by_field_id(FIELD_NAME) == Some(identifier) => {
            return Some(AssignName { statement: None, position: identifier, frame_start: walrus_frame_start(parent) });
        }
        // A capture pattern is a one-part dotted name (`case x:`,
        // `Point(x=y)`); a dotted one is a value pattern.
        DOTTED_NAME => {
            let capture = parent.named_child_count() == 1
                && parent.parent().is_some_and(|owner| matches!(owner.kind_id(), CASE_PATTERN | KEYWORD_PATTERN | UNION_PATTERN));
            return if capture { plain(identifier) } else { None };
        }
        // `*rest` is placed on the star; `**rest` on its mapping pattern.
        SPLAT_PATTERN => {
            let owner = parent.parent()?;
            return plain(if owner.kind_id() == DICT_PATTERN { owner } else { parent });
        }
        // `case pattern as name`: on the whole pattern.
        AS_PATTERN if parent.parent().is_some_and(|owner| owner.kind_id() == CASE_PATTERN) => return plain(parent),
        _ => {}
    }
    // Targets, possibly parenthesized or unpacked.
    let mut child = identifier;
    let mut unpacked = false;
    loop {
        let parent = child.parent()?;
        match parent.kind_id() {
            PARENTHESIZED_EXPRESSION => {}
            // `(x) = ...` is a parenthesized name, not a tuple.
            TUPLE_PATTERN if !is_parenthesized_name(parent) => unpacked = true,
            TUPLE_PATTERN => {}
            PATTERN_LIST | LIST_PATTERN | TUPLE | LIST | LIST_SPLAT_PATTERN | LIST_SPLAT => unpacked = true,
            ASSIGNMENT | AUGMENTED_ASSIGNMENT | FOR_STATEMENT | FOR_IN_CLAUSE => {
                if parent.child_by_field_id(FIELD_LEFT) != Some(child) {
                    return None;
                }
                let statement = match parent.kind_id() {
                    ASSIGNMENT => outermost_assignment(parent).parent(),
                    AUGMENTED_ASSIGNMENT => parent.parent(),
                    FOR_STATEMENT => Some(parent),
                    _ => None,
                };
                return Some(AssignName { statement: statement.filter(|_| !unpacked), position: identifier, frame_start: identifier });
            }
            AS_PATTERN_TARGET => {
                let owner = parent.parent()?.parent()?;
                return match owner.kind_id() {
                    WITH_ITEM => {
                        let statement = owner.parent().and_then(|clause| clause.parent()).filter(|_| !unpacked);
                        Some(AssignName { statement, position: identifier, frame_start: identifier })
                    }
                    // astroid places the handler's name on the handler.
                    EXCEPT_CLAUSE => plain(owner),
                    _ => None,
                };
            }
            _ => return None,
        }
        child = parent;
    }
}

/// A `tuple_pattern` of one element and no comma: `(x)`.
fn is_parenthesized_name(pattern: Node) -> bool {
    pattern.named_child_count() == 1 && !pattern.children().any(|child| child.kind_id() == COMMA)
}

/// The first assignment of a chain `a = b = value` (one `Assign` to astroid).
fn outermost_assignment(assignment: Node) -> Node {
    let mut top = assignment;
    while let Some(parent) = top.parent().filter(|parent| parent.kind_id() == ASSIGNMENT) {
        top = parent;
    }
    top
}

/// Where astroid's `NamedExpr.frame()` starts looking: a `:=` that is a
/// parameter's default or annotation, or a class statement's keyword,
/// belongs to the frame around the function or class.
fn walrus_frame_start(named: Node) -> Node {
    let Some(parent) = syntax::parent_skipping_parens(named) else { return named };
    let owner = match parent.kind_id() {
        DEFAULT_PARAMETER | TYPED_DEFAULT_PARAMETER if parent.child_by_field_id(FIELD_VALUE).map(strip_parens) == Some(named) => {
            parent.parent().and_then(|parameters| parameters.parent())
        }
        TYPE => parent
            .parent()
            .filter(|typed| matches!(typed.kind_id(), TYPED_PARAMETER | TYPED_DEFAULT_PARAMETER))
            .and_then(|typed| typed.parent())
            .filter(|parameters| parameters.kind_id() == PARAMETERS)
            .and_then(|parameters| parameters.parent()),
        KEYWORD_ARGUMENT => parent.parent().and_then(|list| list.parent()).filter(|owner| owner.kind_id() == CLASS_DEFINITION),
        _ => None,
    };
    // The function's or class's own parent (its decorated definition).
    owner.and_then(|owner| owner.parent()).unwrap_or(named)
}

/// astroid's frame kinds.
enum Frame<'t> {
    Function(Node<'t>),
    Class,
    Lambda,
    Module,
}

/// The frame of `start`: itself or its nearest function, lambda, class or
/// the module (comprehensions are not frames); decorators belong to what
/// they decorate.
fn frame(start: Node) -> Frame {
    let mut current = Some(start);
    while let Some(node) = current {
        match node.kind_id() {
            FUNCTION_DEFINITION => return Frame::Function(node),
            CLASS_DEFINITION => return Frame::Class,
            LAMBDA => return Frame::Lambda,
            DECORATOR => {
                let definition = node.parent().map(syntax::undecorated);
                return match definition {
                    Some(definition) if definition.kind_id() == FUNCTION_DEFINITION => Frame::Function(definition),
                    Some(definition) if definition.kind_id() == CLASS_DEFINITION => Frame::Class,
                    _ => Frame::Module,
                };
            }
            _ => current = node.parent(),
        }
    }
    Frame::Module
}

/// `visit_classdef`'s instance attributes: each non-ASCII attribute the
/// class's instances get (astroid's `instance_attrs`), on its first store,
/// unless an ancestor has it too.
fn instance_attribute_findings(ctx: &Context, class: Node, findings: &mut Vec<Finding>) {
    let Some(facts) = ctx.classes().classes.get(&class.id()) else { return };
    let mut reported: Vec<String> = Vec::new();
    let mut ancestry: Option<Ancestry> = None;
    for definition in &facts.instance_attributes {
        let Some(name) = normalized_non_ascii(&definition.name) else { continue };
        if reported.contains(&name) {
            continue;
        }
        reported.push(name.clone());
        // astroid skips stores that `__slots__` forbids.
        let allowed = match &facts.slots {
            Slots::Absent => true,
            Slots::Names(names) => names.iter().any(|slot| normalized_non_ascii(slot).as_ref() == Some(&name)),
            Slots::Unknown => false,
        };
        if !allowed {
            continue;
        }
        let ancestry = ancestry.get_or_insert_with(|| Ancestry::new(ctx));
        let Some(ancestors) = ancestry.ancestors(&ClassRef::Local(class)) else { return };
        let inherited = ancestors.iter().any(|ancestor| {
            ancestry.facts(ancestor).is_some_and(|facts| {
                facts.instance_attributes.iter().any(|other| normalized_non_ascii(&other.name).as_ref() == Some(&name))
            })
        });
        // A store through an object of unknown class may give the
        // attribute to an ancestor.
        let has_class_ancestor = ancestors.iter().any(|ancestor| !matches!(ancestor, ClassRef::Builtin(_)));
        if inherited || (has_class_ancestor && ancestry.stored_elsewhere(&ancestors, &definition.name)) {
            continue;
        }
        let (start, end) = definition.range;
        findings.push(Finding {
            start: byte_position(ctx.source, start as usize),
            end: byte_position(ctx.source, end as usize),
            label: Label::Attribute,
            name,
        });
    }
}

/// The line and byte column of a byte offset.
fn byte_position(source: &str, offset: usize) -> Position {
    let before = &source[..offset.min(source.len())];
    let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
    Position { line: before.matches('\n').count() as u32, column: (offset - line_start) as u32 }
}
