//! Whether a name is read before it is bound: pylint's name-consumption
//! analysis (`NamesConsumer` and `_check_consumer` in its variables
//! checker), which decides used-before-assignment (E0601) and
//! possibly-used-before-assignment (E0606).
//!
//! pylint walks the tree once; every scope gets a consumer holding the names
//! it binds. A read looks for its name in the consumers from the innermost
//! outwards; the first consumer that binds it takes it. Before that, the
//! bindings the read cannot rely on are filtered out: those under an `if`
//! whose branches do not all bind the name (or leave), those in an `except`
//! clause or a `try` body the read may run without, and so on. When nothing
//! is left, the name is reported; otherwise the read is checked against the
//! first binding's position. Once a consumer has given a name to a read, the
//! later reads of that name there are not checked again, so the walk order
//! matters and is astroid's.
//!
//! The tree is tree-sitter's; the functions at the end of this file give it
//! astroid's shape where that matters: `elif` is an `if` nested in the
//! `else`, a def starts at its first decorator, and so on.
//!
//! Where pylint infers (is an `if` test a constant? does a call never
//! return?) the [`Oracle`] answers; an answer of [`Answer::Maybe`] that
//! could change a verdict makes the read not reported.

use super::astroid::*;
use std::borrow::Cow;
use super::{BindingKind, ScopeId, ScopeKind, SemanticModel};
use crate::syntax::kinds::*;
use crate::syntax::{code_children, node_text, strip_parens, FastHashMap, FastHashSet, Node};

/// The two messages the analysis gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// E0601: no binding reaches the read, or it comes after it.
    UsedBeforeAssignment,
    /// E0606: the only bindings are in some branches of an `if`.
    PossiblyUsedBeforeAssignment,
}

/// One read to report.
#[derive(Clone, Debug)]
pub struct Finding<'t> {
    pub identifier: Node<'t>,
    pub name: &'t str,
    pub verdict: Verdict,
}

/// An answer to a question pylint settles by inference.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    No,
    Maybe,
    Yes,
}

/// What the analysis asks of inference (answered by the rules, which can
/// follow imports).
pub trait Oracle<'t> {
    /// pylint's `utils.is_terminating_func`: the call never returns
    /// (`sys.exit()`, `exit()`, `os._exit()`, a `NoReturn` function).
    fn is_terminating_call(&self, call: Node<'t>) -> Answer;
    /// astroid infers the `if` test to constants only, all false.
    fn test_is_always_false(&self, test: Node<'t>) -> Answer;
    /// Both tests infer to constants only, the same set of them.
    fn tests_infer_same_constants(&self, first: Node<'t>, second: Node<'t>) -> Answer;
    /// The names a `from m import *` statement binds (`None`: unknown).
    fn star_imported_names(&self, statement: Node<'t>) -> Option<Vec<String>>;
}

/// Runs the analysis over a module and returns the reads to report, in
/// walk order.
pub fn analyze<'t>(source: &'t str, root: Node<'t>, semantic: &SemanticModel<'t>, oracle: &dyn Oracle<'t>) -> Vec<Finding<'t>> {
    let mut analysis = Analysis::new(source, root, semantic, oracle);
    for &read in semantic.reads_in_walk_order().iter() {
        analysis.visit_read(read);
    }
    analysis.findings
}

/// The reads for which pylint's `_check_consumer` calls
/// `_check_late_binding_closure` (cell-var-from-loop): those a consumer
/// has already consumed the name for, and those it finds bindings for
/// after its filters. Reads decided under an inference doubt are left out.
pub fn late_binding_checked_reads<'t>(
    source: &'t str,
    root: Node<'t>,
    semantic: &SemanticModel<'t>,
    oracle: &dyn Oracle<'t>,
) -> Vec<Node<'t>> {
    let mut analysis = Analysis::new(source, root, semantic, oracle);
    analysis.late_binding_reads = Some(Vec::new());
    for &read in semantic.reads_in_walk_order().iter() {
        analysis.visit_read(read);
    }
    analysis.late_binding_reads.unwrap_or_default()
}

/// pylint's `NamesConsumer` for one scope.
#[derive(Default)]
struct Consumer<'t> {
    to_consume: FastHashMap<&'t str, Vec<Def<'t>>>,
    consumed: FastHashSet<&'t str>,
    consumed_uncertain: FastHashMap<&'t str, Vec<Def<'t>>>,
    names_defined_under_one_branch_only: FastHashSet<&'t str>,
}

/// What `_check_consumer` tells its caller.
enum Action<'t> {
    /// Look in the next consumer out, after consuming these.
    Continue(Vec<Def<'t>>),
    /// Stop, after consuming these.
    Return(Vec<Def<'t>>),
}

/// A read of a name, as astroid sees it.
#[derive(Clone, Copy)]
struct Read<'t> {
    node: Node<'t>,
    name: &'t str,
    /// The scope the name is looked up from (pylint's first unskipped consumer).
    scope: ScopeId,
    /// `x += ...`'s `x` or `del x`'s `x` (astroid's AssignName / DelName).
    is_store: bool,
}

struct Analysis<'a, 't> {
    source: &'t str,
    semantic: &'a SemanticModel<'t>,
    oracle: &'a dyn Oracle<'t>,
    /// astroid's `locals` per scope, with star-imported names: the model's
    /// shared ones unless the module has a star import.
    astroid: Cow<'a, Locals<'t>>,
    consumers: Vec<Consumer<'t>>,
    /// Set when an inference answer was `Maybe` while deciding the current read.
    doubt: bool,
    postponed_annotations: bool,
    /// pylint's `_reported_type_checking_usage_scopes`.
    reported_type_checking_scopes: FastHashMap<&'t str, Vec<Node<'t>>>,
    findings: Vec<Finding<'t>>,
    /// Collected only for `late_binding_checked_reads`.
    late_binding_reads: Option<Vec<Node<'t>>>,
}

impl<'a, 't> Analysis<'a, 't> {
    fn new(source: &'t str, root: Node<'t>, semantic: &'a SemanticModel<'t>, oracle: &'a dyn Oracle<'t>) -> Self {
        // Star imports are the only difference from the model's shared locals.
        let has_star_import = code_children(root).chain(module_nested_star_imports(root)).any(is_star_import);
        let astroid = if has_star_import {
            Cow::Owned(scope_locals(root, semantic, &|statement| oracle.star_imported_names(statement)))
        } else {
            semantic.astroid_locals()
        };
        let consumers = astroid
            .locals
            .iter()
            .map(|scope_locals| Consumer { to_consume: scope_locals.clone(), ..Consumer::default() })
            .collect();
        let postponed_annotations = code_children(root).any(|statement| {
            statement.kind_id() == FUTURE_IMPORT_STATEMENT && node_text(source, statement).contains("annotations")
        });
        Analysis {
            source,
            semantic,
            oracle,
            astroid,
            consumers,
            doubt: false,
            postponed_annotations,
            reported_type_checking_scopes: FastHashMap::default(),
            findings: Vec::new(),
            late_binding_reads: None,
        }
    }

    fn text(&self, node: Node<'t>) -> &'t str {
        node_text(self.source, node)
    }

    // ----- the walk: `_undefined_and_used_before_checker` -----

    fn visit_read(&mut self, node: Node<'t>) {
        let name = self.text(node);
        let scope = self.semantic.enclosing_scope(node);
        if !self.may_change_anything(name, scope) {
            return;
        }
        let read = Read { node, name, scope, is_store: is_store_read(node) };
        // `[x for x in x]`: the comprehension's own consumer sees its first
        // iterable; pylint's answer there depends on details not modelled.
        if self.in_first_iterable_binding_it(read) {
            return;
        }
        self.doubt = false;
        let base_scope_kind = innermost_scope_kind(node);
        for consumer in self.consumer_chain(scope) {
            let action = self.check_consumer(read, consumer, base_scope_kind);
            let (continue_outward, mut to_consume) = match action {
                Action::Continue(nodes) => (true, nodes),
                Action::Return(nodes) => (false, nodes),
            };
            if !to_consume.is_empty() {
                let consumer_state = &mut self.consumers[consumer.0 as usize];
                if let Some(uncertain) = consumer_state.consumed_uncertain.get(name) {
                    to_consume.extend(uncertain.iter().copied());
                }
                mark_as_consumed(consumer_state, name, &to_consume);
            }
            if !continue_outward {
                return;
            }
        }
    }

    /// Whether looking `name` up from `scope` can report or consume anything.
    /// It cannot when the read's own consumer has consumed the name already
    /// (`_check_consumer` stops there), nor when no consumer of the chain
    /// has it to consume or consumed (each one says "look further out"),
    /// which is most reads: only a scope's first reads of its names, and
    /// builtins never, need the whole walk.
    fn may_change_anything(&self, name: &str, scope: ScopeId) -> bool {
        let consumer = &self.consumers[scope.0 as usize];
        if consumer.consumed.contains(name) {
            return false;
        }
        let mut current = Some(scope);
        while let Some(id) = current {
            let scope_info = self.semantic.scope(id);
            if id == scope || scope_info.kind != ScopeKind::Class {
                let consumer = &self.consumers[id.0 as usize];
                if consumer.consumed.contains(name) || consumer.to_consume.get(name).is_some_and(|defs| !defs.is_empty()) {
                    return true;
                }
            }
            current = scope_info.parent;
        }
        false
    }

    /// The consumers a read is looked up in: its scope, then the enclosing
    /// ones, class bodies skipped (pylint's `_should_node_be_skipped`).
    fn consumer_chain(&self, scope: ScopeId) -> Vec<ScopeId> {
        let mut chain = vec![scope];
        let mut current = self.semantic.scope(scope).parent;
        while let Some(id) = current {
            if self.semantic.scope(id).kind != ScopeKind::Class {
                chain.push(id);
            }
            current = self.semantic.scope(id).parent;
        }
        chain
    }

    fn in_first_iterable_binding_it(&self, read: Read<'t>) -> bool {
        let mut child = read.node;
        while let Some(parent) = child.parent() {
            if is_comprehension(parent) {
                let first_clause = code_children(parent).find(|c| c.kind_id() == FOR_IN_CLAUSE);
                let Some(clause) = first_clause else { return false };
                let in_iterable = clause.child_by_field_id(FIELD_LEFT).is_none_or(|left| !contains_node(left, read.node))
                    && contains_node(clause, read.node);
                return in_iterable
                    && self.semantic.scope_of(parent).is_some_and(|scope| self.astroid.locals[scope.0 as usize].contains_key(read.name));
            }
            if matches!(parent.kind_id(), FUNCTION_DEFINITION | CLASS_DEFINITION | LAMBDA | MODULE) {
                return false;
            }
            child = parent;
        }
        false
    }

    // ----- `_check_consumer` -----

    fn check_consumer(&mut self, read: Read<'t>, consumer: ScopeId, base_scope_kind: ScopeKind) -> Action<'t> {
        let name = read.name;
        if self.consumers[consumer.0 as usize].consumed.contains(name) {
            self.record_late_binding_check(read);
            return Action::Return(Vec::new());
        }
        let Some(found) = self.get_next_to_consume(read, consumer) else {
            return Action::Continue(Vec::new());
        };
        if !found.is_empty() {
            self.record_late_binding_check(read);
        }
        if found.is_empty() {
            let reported = self.report_unfound_name_definition(read, consumer);
            let uncertain = self.consumers[consumer.0 as usize].consumed_uncertain.get(name).cloned().unwrap_or_default();
            let to_consume = self.filter_type_checking_definitions(read, uncertain, reported);
            return Action::Return(to_consume);
        }
        let first = found[0];
        let stmt = statement_of(read.node);
        let frame = scope_of_statement(stmt);
        let defstmt = def_statement(first);
        let defframe = scope_of_statement(defstmt);
        let is_recursive_klass = frame == defframe
            && contains_node(defframe, read.node)
            && defframe.kind_id() == CLASS_DEFINITION
            && defframe.child_by_field_id(FIELD_NAME).is_some_and(|class_name| self.text(class_name) == name);
        if is_recursive_klass && self.in_lambda(read.node) {
            // Self-references in lambdas (other than in the defaults of a
            // lambda directly in the class) are left to undefined-variable.
            return Action::Return(Vec::new());
        }
        let violation = self.is_variable_violation(read, first, stmt, defstmt, frame, defframe, base_scope_kind, is_recursive_klass);
        if violation.use_outer_definition {
            return Action::Continue(Vec::new());
        }
        let violated =
            violation.maybe_before_assign && !self.is_defined_before(read) && !are_exclusive_for_name_error(self, stmt, defstmt);
        if violated {
            let defined_by_stmt = defstmt == stmt && read.is_store;
            if is_recursive_klass || defined_by_stmt || violation.annotation_return || defstmt.kind_id() == DELETE_STATEMENT {
                if !ignores_name_error(self, read.node) {
                    let postponed_skip = self.postponed_annotations
                        && (is_annotated_assignment(stmt) || is_def(stmt))
                        && self.astroid.locals[0].contains_key(name);
                    if !postponed_skip {
                        let own_binding = found.iter().copied().filter(|def| def.node == read.node).take(1).collect();
                        return Action::Continue(if defined_by_stmt { own_binding } else { Vec::new() });
                    }
                }
            } else if base_scope_kind != ScopeKind::Lambda {
                let unevaluated = (self.postponed_annotations
                    && (is_annotated_assignment(stmt)
                        || (stmt.kind_id() == FUNCTION_DEFINITION && !is_parameter_default(read.node))))
                    || (is_annotated_assignment(stmt) && enclosing_function(stmt).is_some())
                    || stmt.kind_id() == TYPE_ALIAS_STATEMENT;
                if !unevaluated {
                    self.report(read, Verdict::UsedBeforeAssignment);
                    return Action::Return(found);
                }
            } else if frame.kind_id() == CLASS_DEFINITION
                && self.frame_binds(frame, name)
                && from_line(stmt) <= from_line(defstmt)
            {
                self.report(read, Verdict::UsedBeforeAssignment);
            }
        } else if !crate::semantic::is_builtin_name(name)
            && is_annotated_assignment(defstmt)
            && defstmt_has_no_value(defstmt)
        {
            // `_is_only_type_assignment`: `x: int` and nothing else reaches
            // the read; pylint reports E0601 when the read's own scope binds
            // the name (E0602 otherwise, which is not ours).
            match self.is_only_type_assignment(read, defstmt) {
                Answer::Yes => {
                    if self.scope_binds(read.scope, name) {
                        self.report(read, Verdict::UsedBeforeAssignment);
                    }
                    return Action::Return(found);
                }
                Answer::Maybe => {
                    self.set_doubt(366);
                    return Action::Return(found);
                }
                Answer::No => {}
            }
        } else if defstmt.kind_id() == CLASS_DEFINITION && first.kind == DefKind::Definition {
            return self.first_level_self_reference(read, defstmt, found);
        }
        Action::Return(found)
    }

    fn record_late_binding_check(&mut self, read: Read<'t>) {
        if self.doubt || read.is_store {
            return;
        }
        if let Some(reads) = &mut self.late_binding_reads {
            reads.push(read.node);
        }
    }

    fn set_doubt(&mut self, site: u32) {
        if std::env::var_os("PYQUAL_FLOW_DEBUG").is_some() {
            eprintln!("DEBUG doubt at flow.rs:{site}");
        }
        self.doubt = true;
    }

    fn report(&mut self, read: Read<'t>, verdict: Verdict) {
        if self.doubt {
            if std::env::var_os("PYQUAL_FLOW_DEBUG").is_some() {
                eprintln!("DEBUG suppressed {} at {}:{}", read.name, read.node.start_position().row + 1, read.node.start_position().column);
            }
            return;
        }
        self.findings.push(Finding { identifier: read.node, name: read.name, verdict });
    }

    fn frame_binds(&self, frame: Node<'t>, name: &str) -> bool {
        self.semantic.scope_of(frame).is_some_and(|scope| self.astroid.locals[scope.0 as usize].contains_key(name))
    }

    fn scope_binds(&self, scope: ScopeId, name: &str) -> bool {
        self.astroid.locals[scope.0 as usize].contains_key(name)
    }

    fn in_lambda(&self, node: Node<'t>) -> bool {
        ancestors(node).into_iter().any(|ancestor| ancestor.kind_id() == LAMBDA)
    }

    /// `_report_unfound_name_definition`: every binding was filtered out.
    fn report_unfound_name_definition(&mut self, read: Read<'t>, consumer: ScopeId) -> bool {
        let name = read.name;
        if (self.postponed_annotations && in_type_annotation_context(read.node)) || in_pep695_type_context(read.node) {
            return false;
        }
        if crate::semantic::is_builtin_name(name) {
            return false;
        }
        if is_variable_annotation_in_function(read.node) {
            return false;
        }
        let uncertain = self.consumers[consumer.0 as usize].consumed_uncertain.get(name).cloned().unwrap_or_default();
        if self.has_nonlocal_in_enclosing_frame(read, &uncertain) {
            return false;
        }
        let read_scope = scope_node_of(read.node);
        if self.reported_type_checking_scopes.get(name).is_some_and(|scopes| scopes.contains(&read_scope)) {
            return false;
        }
        if consumer == ScopeId(0) && self.astroid.unknown_star_import {
            self.set_doubt(417);
        }
        let verdict = if self.consumers[consumer.0 as usize].names_defined_under_one_branch_only.contains(name) {
            Verdict::PossiblyUsedBeforeAssignment
        } else {
            Verdict::UsedBeforeAssignment
        };
        self.report(read, verdict);
        true
    }

    /// `_filter_type_checking_definitions_from_consumption`.
    fn filter_type_checking_definitions(&mut self, read: Read<'t>, defs: Vec<Def<'t>>, reported: bool) -> Vec<Def<'t>> {
        let guarded: Vec<Def<'t>> = defs
            .iter()
            .copied()
            .filter(|def| {
                (def.kind == DefKind::Import || (def.kind == DefKind::Definition && def.node.kind_id() == CLASS_DEFINITION))
                    && self.in_type_checking_block(def.node)
            })
            .collect();
        if !guarded.is_empty() && reported {
            self.reported_type_checking_scopes.entry(read.name).or_default().push(scope_node_of(read.node));
        }
        defs.into_iter().filter(|def| !guarded.contains(def)).collect()
    }

    /// pylint's `in_type_checking_block`: under `if TYPE_CHECKING:` (the
    /// name imported from `typing`) or `if typing.TYPE_CHECKING:`.
    fn in_type_checking_block(&self, node: Node<'t>) -> bool {
        ancestors(node).into_iter().filter(|ancestor| is_if(*ancestor)).any(|if_node| {
            let Some(test) = if_node.child_by_field_id(FIELD_CONDITION).map(strip_parens) else { return false };
            match test.kind_id() {
                IDENTIFIER => self.text(test) == "TYPE_CHECKING",
                ATTRIBUTE => test
                    .child_by_field_id(FIELD_ATTRIBUTE)
                    .is_some_and(|attribute| self.text(attribute) == "TYPE_CHECKING")
                    && test.child_by_field_id(FIELD_OBJECT).is_some_and(|object| self.text(object) == "typing"),
                _ => false,
            }
        })
    }

    /// `_has_nonlocal_in_enclosing_frame`.
    fn has_nonlocal_in_enclosing_frame(&self, read: Read<'t>, uncertain: &[Def<'t>]) -> bool {
        let defining_frames: Vec<Node<'t>> = uncertain.iter().map(|def| frame_of(def.node)).collect();
        let mut frame = Some(frame_of(read.node));
        while let Some(current) = frame {
            let encloses = defining_frames.iter().all(|defining| *defining == current || contains_node(current, *defining));
            if encloses {
                return self.is_nonlocal_name(read, current);
            }
            frame = astroid_parent(current).map(frame_of);
        }
        false
    }

    /// `_is_nonlocal_name`: the function's body (top level) declares the
    /// name `nonlocal` before the read.
    fn is_nonlocal_name(&self, read: Read<'t>, frame: Node<'t>) -> bool {
        if frame.kind_id() != FUNCTION_DEFINITION {
            return false;
        }
        let Some(body) = frame.child_by_field_id(FIELD_BODY) else { return false };
        code_children(body).any(|statement| {
            statement.kind_id() == NONLOCAL_STATEMENT
                && code_children(statement).any(|name| name.kind_id() == IDENTIFIER && self.text(name) == read.name)
                && is_before(statement, read.node)
        })
    }

    // ----- `get_next_to_consume` and its filters -----

    fn get_next_to_consume(&mut self, read: Read<'t>, consumer: ScopeId) -> Option<Vec<Def<'t>>> {
        let name = read.name;
        let mut found = self.consumers[consumer.0 as usize].to_consume.get(name).cloned();
        if let Some(defs) = &found {
            if defs.is_empty() {
                found = None;
            }
        }
        // `x = x`: the statement that binds the name is not a binding for it.
        if let (Some(defs), Some(assignment)) = (&found, self_assigning_statement(self, read)) {
            if assignment_targets_contain(assignment, defs[0].node) {
                found = None;
            }
        }
        // `for x in x`: the loop's own target does not count.
        if let Some(defs) = &found {
            if let Some(loop_target) = for_iterable_target(read.node) {
                if defs.iter().any(|def| def.node == loop_target) {
                    let others: Vec<Def<'t>> = defs.iter().copied().filter(|def| def.node != loop_target).collect();
                    found = if others.is_empty() { None } else { Some(others) };
                }
            }
        }
        let mut found = found?;
        if self.is_nonlocal_name(read, frame_of(read.node)) {
            return Some(found);
        }
        if comprehension_between_frame_and_node(read.node) {
            return Some(found);
        }
        // Names bound by an `except ... as` that does not hold the read.
        found.retain(|def| {
            let statement = def_statement(*def);
            statement.kind_id() != EXCEPT_CLAUSE || contains_node(statement, read.node)
        });
        let node_statement = statement_of(read.node);
        if !found.is_empty() {
            let uncertain = self.uncertain_nodes_if_tests(&found, read, consumer);
            self.set_uncertain(consumer, name, &mut found, uncertain);
        }
        if !found.is_empty() {
            let uncertain = self.uncertain_nodes_in_except_blocks(&found, read, node_statement);
            self.set_uncertain(consumer, name, &mut found, uncertain);
        }
        if !found.is_empty() {
            let uncertain = self.uncertain_nodes_in_try_blocks_when_evaluating_finally_blocks(&found, node_statement, name);
            self.set_uncertain(consumer, name, &mut found, uncertain);
        }
        if !found.is_empty() {
            let uncertain = uncertain_nodes_in_try_blocks_when_evaluating_except_blocks(&found, node_statement);
            self.set_uncertain(consumer, name, &mut found, uncertain);
        }
        Some(found)
    }

    fn set_uncertain(&mut self, consumer: ScopeId, name: &'t str, found: &mut Vec<Def<'t>>, uncertain: Vec<Def<'t>>) {
        found.retain(|def| !uncertain.contains(def));
        self.consumers[consumer.0 as usize].consumed_uncertain.entry(name).or_default().extend(uncertain);
    }

    /// `_uncertain_nodes_if_tests`.
    fn uncertain_nodes_if_tests(&mut self, found: &[Def<'t>], read: Read<'t>, consumer: ScopeId) -> Vec<Def<'t>> {
        let mut uncertain = Vec::new();
        for def in found {
            // Every binding here is named by the read's name; a DelName is
            // not among the kinds pylint looks at.
            let name = read.name;
            if def.kind == DefKind::Deletion {
                continue;
            }
            let all_if: Vec<Node<'t>> = ancestors(def.node)
                .into_iter()
                .filter(|ancestor| is_if(*ancestor) && !contains_node(*ancestor, read.node))
                .collect();
            let (Some(closest_if), Some(outer_if)) = (all_if.first().copied(), all_if.last().copied()) else { continue };
            if read.is_store && !is_del_target(read.node) && frame_of(read.node) != frame_of(closest_if) {
                continue;
            }
            if self.node_guarded_by_same_test(read.node, outer_if) {
                continue;
            }
            if self.inferred_to_define_name_raise_or_return(name, outer_if, consumer) {
                continue;
            }
            uncertain.push(*def);
        }
        uncertain
    }

    /// `_node_guarded_by_same_test`: the read is under an `if` (or a
    /// conditional expression) testing what the binding's outermost `if` tests.
    fn node_guarded_by_same_test(&mut self, node: Node<'t>, other_if: Node<'t>) -> bool {
        let Some(other_test) = other_if.child_by_field_id(FIELD_CONDITION) else { return false };
        let other_test = strip_parens(other_test);
        let other_test = if other_test.kind_id() == NAMED_EXPRESSION {
            other_test.child_by_field_id(FIELD_NAME).unwrap_or(other_test)
        } else {
            other_test
        };
        let other_text = normalized_text(self.source, other_test);
        for ancestor in ancestors(node) {
            let test = match ancestor.kind_id() {
                IF_STATEMENT | ELIF_CLAUSE => ancestor.child_by_field_id(FIELD_CONDITION),
                CONDITIONAL_EXPRESSION => code_children(ancestor).nth(1),
                _ => continue,
            };
            let Some(test) = test.map(strip_parens) else { continue };
            if normalized_text(self.source, test) == other_text {
                return true;
            }
            if test.kind_id() == IDENTIFIER {
                continue;
            }
            match self.oracle.tests_infer_same_constants(test, other_test) {
                Answer::Yes => return true,
                Answer::Maybe => { if std::env::var_os("PYQUAL_FLOW_DEBUG").is_some() { eprintln!("DEBUG same? {} / {}", self.text(test), self.text(other_test)); } self.set_doubt(601) }
                Answer::No => {}
            }
        }
        false
    }

    /// `_inferred_to_define_name_raise_or_return`.
    fn inferred_to_define_name_raise_or_return(&mut self, name: &str, node: Node<'t>, consumer: ScopeId) -> bool {
        match node.kind_id() {
            TRY_STATEMENT => {
                // A `try` with only `finally` has no handlers, and `all([])` holds.
                defines_name_raises_or_returns_recursive(self, name, node)
                    || except_clauses(node).into_iter().all(|handler| defines_name_raises_or_returns_recursive(self, name, handler))
            }
            WITH_STATEMENT | FOR_STATEMENT | WHILE_STATEMENT => defines_name_raises_or_returns_recursive(self, name, node),
            MATCH_STATEMENT => {
                match_cases(node).into_iter().all(|case| defines_name_raises_or_returns_recursive(self, name, case))
            }
            IF_STATEMENT | ELIF_CLAUSE => self.inferred_to_define_name_raise_or_return_for_if_node(name, node, consumer),
            _ => false,
        }
    }

    fn inferred_to_define_name_raise_or_return_for_if_node(&mut self, name: &str, node: Node<'t>, consumer: ScopeId) -> bool {
        // Permissive when the `if` breaks or continues anywhere.
        let mut jumps = false;
        walk_if(node, |child| {
            jumps |= matches!(child.kind_id(), BREAK_STATEMENT | CONTINUE_STATEMENT);
            !jumps
        });
        if jumps {
            return true;
        }
        if defines_name_raises_or_returns(self, name, node) {
            return true;
        }
        if let Some(test) = node.child_by_field_id(FIELD_CONDITION).map(strip_parens) {
            let test = if test.kind_id() == NAMED_EXPRESSION { test.child_by_field_id(FIELD_VALUE).unwrap_or(test) } else { test };
            match self.oracle.test_is_always_false(test) {
                Answer::Yes => return self.branch_handles_name(name, &if_orelse(node), consumer),
                Answer::Maybe => { if std::env::var_os("PYQUAL_FLOW_DEBUG").is_some() { eprintln!("DEBUG test? {}", self.text(test)); } self.set_doubt(642) }
                Answer::No => {}
            }
        }
        let if_branch_handles = self.branch_handles_name(name, &if_body(node), consumer);
        let else_branch_handles = self.branch_handles_name(name, &if_orelse(node), consumer);
        let Some(interned) = self.intern(name) else { return if_branch_handles && else_branch_handles };
        let one_branch = &mut self.consumers[consumer.0 as usize].names_defined_under_one_branch_only;
        if if_branch_handles && else_branch_handles {
            one_branch.remove(interned);
        } else if if_branch_handles ^ else_branch_handles {
            one_branch.insert(interned);
        }
        if_branch_handles && else_branch_handles
    }

    /// The name as a slice of the source (names compared here always come from it).
    fn intern(&self, name: &str) -> Option<&'t str> {
        self.astroid.names.get(name).copied()
    }

    fn branch_handles_name(&mut self, name: &str, body: &[Node<'t>], consumer: ScopeId) -> bool {
        body.iter().any(|statement| {
            defines_name_raises_or_returns(self, name, *statement)
                || (is_flow_statement(*statement) && self.inferred_to_define_name_raise_or_return(name, *statement, consumer))
        })
    }

    /// `_uncertain_nodes_in_except_blocks`.
    fn uncertain_nodes_in_except_blocks(&mut self, found: &[Def<'t>], read: Read<'t>, node_statement: Node<'t>) -> Vec<Def<'t>> {
        let mut uncertain = Vec::new();
        for def in found {
            let other_statement = def_statement(*def);
            let Some(closest_handler) = ancestors(other_statement).into_iter().find(|a| a.kind_id() == EXCEPT_CLAUSE) else {
                continue;
            };
            if contains_node(closest_handler, read.node) {
                continue;
            }
            let Some(closest_try) = closest_handler.parent() else { continue };
            let try_body = try_body(closest_try);
            let try_orelse = try_orelse(closest_try);
            let try_block_returns = try_body.iter().any(|s| s.kind_id() == RETURN_STATEMENT);
            let else_block_returns = try_orelse.iter().any(|s| s.kind_id() == RETURN_STATEMENT);
            let else_block_exits = try_orelse.iter().any(|s| self.is_terminating_statement(*s));
            let else_block_continues = try_orelse.iter().any(|s| s.kind_id() == CONTINUE_STATEMENT);
            let try_parent = astroid_parent(closest_try);
            let node_statement_parent = astroid_parent(node_statement);
            if else_block_continues
                && node_statement_parent.is_some_and(|p| matches!(p.kind_id(), FOR_STATEMENT | WHILE_STATEMENT))
                && try_parent.is_some_and(|p| contains_node(p, node_statement))
            {
                continue;
            }
            if try_block_returns || else_block_returns || else_block_exits {
                let statement_part = node_statement_parent
                    .filter(|p| is_try(*p))
                    .and_then(|p| try_part_of(p, node_statement).map(|(part, _)| part));
                let in_parent = try_parent.is_some_and(|p| contains_node(p, node_statement));
                if statement_part == Some(TryPart::Final) && in_parent {
                    uncertain.push(*def);
                    continue;
                } else if statement_part == Some(TryPart::OrElse) && in_parent {
                    uncertain.push(*def);
                    continue;
                } else if except_clauses(closest_try)
                    .into_iter()
                    .all(|handler| defines_name_raises_or_returns_recursive(self, read.name, handler))
                {
                    continue;
                }
            }
            if check_loop_finishes_via_except(read.node, closest_try) {
                continue;
            }
            uncertain.push(*def);
        }
        uncertain
    }

    /// An expression statement calling something that never returns.
    fn is_terminating_statement(&mut self, statement: Node<'t>) -> bool {
        let Some(call) = expression_statement_call(statement) else { return false };
        match self.oracle.is_terminating_call(call) {
            Answer::Yes => true,
            Answer::Maybe => {
                self.set_doubt(728);
                false
            }
            Answer::No => false,
        }
    }

    /// `_uncertain_nodes_in_try_blocks_when_evaluating_finally_blocks`.
    fn uncertain_nodes_in_try_blocks_when_evaluating_finally_blocks(&mut self, found: &[Def<'t>], node_statement: Node<'t>, name: &str) -> Vec<Def<'t>> {
        let mut uncertain = Vec::new();
        let Some((closest_try, part, _)) = first_try_ancestor(node_statement) else { return uncertain };
        if part != TryPart::Final {
            return uncertain;
        }
        for def in found {
            let other_statement = def_statement(*def);
            let Some((other_try, other_part, _)) = first_try_ancestor(other_statement) else { continue };
            if other_part != TryPart::Body {
                continue;
            }
            if other_try != closest_try
                && !try_finalbody(other_try)
                    .iter()
                    .any(|statement| *statement == closest_try || contains_node(*statement, closest_try))
            {
                continue;
            }
            let handlers = except_clauses(other_try);
            if !handlers.is_empty() && handlers.iter().all(|handler| defines_name_raises_or_returns_recursive(self, name, *handler)) {
                continue;
            }
            uncertain.push(*def);
        }
        uncertain
    }

    // ----- `_is_variable_violation` -----

    #[allow(clippy::too_many_arguments)]
    fn is_variable_violation(
        &mut self,
        read: Read<'t>,
        first: Def<'t>,
        stmt: Node<'t>,
        defstmt: Node<'t>,
        frame: Node<'t>,
        mut defframe: Node<'t>,
        base_scope_kind: ScopeKind,
        is_recursive_klass: bool,
    ) -> Violation {
        let name = read.name;
        let mut maybe_before_assign = true;
        let mut annotation_return = false;
        let mut use_outer_definition = false;
        let def_in_class_body = is_def(defstmt)
            && frame.kind_id() == CLASS_DEFINITION
            && astroid_parent(defstmt).map(frame_of) == Some(frame);
        if def_in_class_body {
            defframe = frame;
        }
        let defnode = assign_parent_kind(first);
        if frame != defframe {
            maybe_before_assign = detect_global_scope(read.node, frame, defframe);
        } else if defframe.kind_id() == MODULE {
            if is_module_scope_attribute(name) || is_astroid_builtin(name) {
                maybe_before_assign = false;
            }
        } else {
            let forbid_lookup = (frame.kind_id() == FUNCTION_DEFINITION || frame_of(read.node).kind_id() == LAMBDA)
                && self.assigned_locally(read);
            if !forbid_lookup && self.has_outer_binding(name, if def_in_class_body { Some(frame) } else { None }) {
                maybe_before_assign = false;
                use_outer_definition = stmt == defstmt && defnode != DefNodeKind::Comprehension;
            } else if self.frame_binds(defframe, name) {
                maybe_before_assign = !self.is_nonlocal_name(read, defframe);
            }
        }
        if base_scope_kind == ScopeKind::Lambda && frame.kind_id() == CLASS_DEFINITION && self.frame_binds(frame, name) {
            let first_in_frame_line = self
                .semantic
                .scope_of(frame)
                .and_then(|scope| self.astroid.locals[scope.0 as usize].get(name))
                .and_then(|defs| defs.first())
                .map(|def| def_line(*def));
            maybe_before_assign = !(defnode == DefNodeKind::Arguments
                && is_parameter_default(read.node)
                && first_in_frame_line.is_some_and(|line| line < from_line(defstmt)));
        } else if defframe.kind_id() == CLASS_DEFINITION && frame.kind_id() == FUNCTION_DEFINITION {
            let returns = frame.child_by_field_id(FIELD_RETURN_TYPE).map(|t| strip_parens(code_children(t).next().unwrap_or(t)));
            if returns == Some(read.node) {
                if contains_node(defframe, read.node) {
                    annotation_return = true;
                    maybe_before_assign = match self
                        .semantic
                        .scope_of(defframe)
                        .and_then(|scope| self.astroid.locals[scope.0 as usize].get(name))
                        .and_then(|defs| defs.first())
                    {
                        Some(definition) => def_line(*definition) >= astroid_line(frame),
                        None => true,
                    };
                } else if astroid_parent(defframe).is_some_and(|p| p.kind_id() == MODULE)
                    && ancestors(frame).any(|a| a.kind_id() == FUNCTION_DEFINITION)
                {
                    annotation_return = true;
                    maybe_before_assign = false;
                }
            }
            if is_direct_argument_child(read.node) {
                maybe_before_assign = from_line(stmt) <= from_line(defstmt);
            }
        } else if is_recursive_klass {
            maybe_before_assign = true;
        } else {
            maybe_before_assign = maybe_before_assign && from_line(stmt) <= from_line(defstmt);
            if maybe_before_assign && from_line(stmt) == from_line(defstmt) {
                if defframe.kind_id() == FUNCTION_DEFINITION && frame == defframe && contains_node(defframe, read.node) && stmt != defstmt {
                    maybe_before_assign = false;
                } else if has_value_attribute(defstmt)
                    && maybe_used_and_assigned_at_once(defstmt)
                    && frame == defframe
                    && contains_node(defframe, read.node)
                    && stmt == defstmt
                {
                    maybe_before_assign = false;
                } else if let DefNodeKind::NamedExpression(walrus) = defnode {
                    if frame == defframe && contains_node(defframe, stmt) && stmt == defstmt && is_before(walrus, read.node) {
                        maybe_before_assign = walrus.child_by_field_id(FIELD_VALUE).is_some_and(|value| contains_or_is(value, read.node));
                    } else if frame == defframe && contains_node(defframe, stmt) && stmt == defstmt {
                        // `[y for x in data if (y := f(x))]` is not modelled.
                        self.set_doubt(858);
                    }
                }
            }
        }
        Violation { maybe_before_assign, annotation_return, use_outer_definition }
    }

    /// `_assigned_locally`: the read's scope (or a scope nested in it)
    /// assigns the name, or imports it.
    fn assigned_locally(&self, read: Read<'t>) -> bool {
        let scope = scope_node_of(read.node);
        let assigns = self
            .astroid
            .name_bindings
            .get(read.name)
            .is_some_and(|identifiers| identifiers.iter().any(|identifier| contains_node(scope, *identifier)));
        if assigns {
            return true;
        }
        // `_find_frame_imports`: imports of the name, unless declared global.
        let mut global = false;
        let mut imported = false;
        crate::syntax::walk(scope, |child| {
            match child.kind_id() {
                GLOBAL_STATEMENT => {
                    global |= code_children(child).any(|name| self.text(name) == read.name);
                }
                IMPORT_STATEMENT | IMPORT_FROM_STATEMENT => {
                    imported |= import_names(self.source, child)
                        .iter()
                        .any(|(full, alias)| match alias {
                            Some(alias) => alias == read.name,
                            None => full == read.name,
                        });
                }
                _ => {}
            }
            true
        });
        if imported && !global {
            return true;
        }
        // Parameters of enclosing lambdas (through comprehensions) bind too.
        let mut current = Some(scope);
        while let Some(node) = current {
            if node.kind_id() == LAMBDA {
                let parameters = node.child_by_field_id(FIELD_PARAMETERS);
                let names_parameter = self.semantic.scope_of(node).is_some_and(|lambda_scope| {
                    self.semantic
                        .bindings_of(lambda_scope, read.name)
                        .any(|binding| binding.kind == BindingKind::Parameter)
                });
                if names_parameter && parameters.is_none_or(|p| !contains_node(p, read.node)) {
                    return true;
                }
            } else if !is_comprehension(node) {
                break;
            }
            current = node.parent().map(scope_node_of);
        }
        false
    }

    /// `_has_outer_binding`: the module binds the name, or it is a builtin;
    /// for a class body, the binding must exist when the body runs.
    fn has_outer_binding(&self, name: &str, class_node: Option<Node<'t>>) -> bool {
        let module_defs = self.astroid.locals[0].get(name);
        let Some(class_node) = class_node else {
            return module_defs.is_some_and(|defs| !defs.is_empty()) || is_astroid_builtin(name) || is_module_scope_attribute(name);
        };
        match module_defs.filter(|defs| !defs.is_empty()) {
            None => is_astroid_builtin(name) || is_module_scope_attribute(name),
            Some(defs) => {
                if ancestors(class_node).any(|a| matches!(a.kind_id(), FUNCTION_DEFINITION | LAMBDA)) {
                    return true;
                }
                defs.iter().any(|def| def_line(*def) < astroid_line(class_node))
            }
        }
    }

    /// `_is_only_type_assignment` for `x: int` reaching the read.
    fn is_only_type_assignment(&self, read: Read<'t>, defstmt: Node<'t>) -> Answer {
        let defstmt_frame = frame_of(defstmt);
        let node_frame = frame_of(read.node);
        let stop = astroid_parent(defstmt_frame);
        let mut parent = Some(read.node);
        while let Some(current) = parent {
            if Some(current) == stop {
                break;
            }
            let parent_scope = scope_node_of_inclusive(current);
            let Some(scope_id) = self.semantic.scope_of(parent_scope).or_else(|| (parent_scope.kind_id() == MODULE).then_some(ScopeId(0))) else {
                return Answer::Maybe;
            };
            // A nested function giving the name a value through `nonlocal`.
            if self.semantic.scopes.iter().any(|scope| {
                scope.kind == ScopeKind::Function
                    && scope.node != parent_scope
                    && contains_node(parent_scope, scope.node)
                    && scope.nonlocals.contains(read.name)
                    && scope.bindings.contains_key(read.name)
            }) {
                return Answer::No;
            }
            for def in self.astroid.locals[scope_id.0 as usize].get(read.name).into_iter().flatten() {
                if defstmt_frame == node_frame && def_line(*def) > start_line(read.node) {
                    break;
                }
                let annotation_only = matches!(def.kind, DefKind::Name(BindingKind::Annotation));
                if !annotation_only {
                    if matches!(def.kind, DefKind::Name(BindingKind::NamedExpression)) {
                        return Answer::Maybe;
                    }
                    return Answer::No;
                }
            }
            if parent_scope.kind_id() == MODULE {
                break;
            }
            parent = astroid_parent(parent_scope);
        }
        Answer::Yes
    }

    /// `_is_first_level_self_reference`: a method's annotation or `=Class()`
    /// default naming the class being defined.
    fn first_level_self_reference(&self, read: Read<'t>, class: Node<'t>, found: Vec<Def<'t>>) -> Action<'t> {
        let frame = frame_of(read.node);
        if frame.kind_id() == FUNCTION_DEFINITION && astroid_parent(frame) == Some(class) && statement_of(read.node) == frame {
            if in_type_annotation_context(read.node) {
                return if self.postponed_annotations { Action::Return(Vec::new()) } else { Action::Continue(Vec::new()) };
            }
            let parent = astroid_parent_of_expression(read.node);
            if parent.is_some_and(|call| call.kind_id() == CALL && is_direct_argument_child(call)) {
                return Action::Continue(Vec::new());
            }
        }
        Action::Return(found)
    }

    /// `utils.is_defined_before`.
    fn is_defined_before(&mut self, read: Read<'t>) -> bool {
        let name = read.name;
        let var_line = start_line(read.node);
        for parent in ancestors(read.node) {
            let Some(defnode) = self.defnode_in_scope(read, parent) else { continue };
            if parent.kind_id() == EXPRESSION_STATEMENT {
                return true;
            }
            let defnode_scope = scope_node_of_inclusive(defnode);
            if is_comprehension(defnode_scope) || matches!(defnode_scope.kind_id(), LAMBDA | FUNCTION_DEFINITION) {
                if defnode_scope.kind_id() == FUNCTION_DEFINITION {
                    let var_scope = scope_node_of(read.node);
                    if var_scope != defnode_scope && var_scope.kind_id() == FUNCTION_DEFINITION {
                        return false;
                    }
                }
                return true;
            }
            if astroid_line(defnode) < var_line {
                return true;
            }
            for defnode_ancestor in ancestors(defnode) {
                if astroid_line(defnode_ancestor) != var_line {
                    continue;
                }
                if matches!(defnode_ancestor.kind_id(), FOR_STATEMENT | WHILE_STATEMENT | WITH_STATEMENT | EXCEPT_CLAUSE)
                    || is_try(defnode_ancestor)
                {
                    return true;
                }
            }
        }
        // `a = 1; print(a)`: earlier statements on the same line.
        let statement = statement_of(read.node);
        let line = from_line(statement);
        let mut previous = previous_statement(statement);
        while let Some(sibling) = previous {
            if from_line(sibling) != line {
                break;
            }
            let mut binds = false;
            crate::syntax::walk(sibling, |child| {
                if binds {
                    return false;
                }
                match child.kind_id() {
                    IMPORT_STATEMENT | IMPORT_FROM_STATEMENT => {
                        binds = import_names(self.source, child).iter().any(|(full, alias)| alias.as_deref().unwrap_or(full) == name);
                    }
                    IDENTIFIER => {
                        binds = self.text(child) == name && self.is_assign_name(child);
                    }
                    _ => {}
                }
                true
            });
            if binds {
                return true;
            }
            previous = previous_statement(sibling);
        }
        false
    }

    fn is_assign_name(&self, identifier: Node<'t>) -> bool {
        self.astroid.name_bindings.get(self.text(identifier)).is_some_and(|ids| ids.contains(&identifier))
    }

    /// `utils.defnode_in_scope`.
    fn defnode_in_scope(&self, read: Read<'t>, scope: Node<'t>) -> Option<Node<'t>> {
        let name = read.name;
        match scope.kind_id() {
            IF_STATEMENT | ELIF_CLAUSE => {
                for statement in if_body(scope) {
                    if statement.kind_id() == NONLOCAL_STATEMENT && code_children(statement).any(|n| self.text(n) == name) {
                        return Some(statement);
                    }
                    if let Some(assignment) = plain_assignment(statement) {
                        for target in assignment_targets(assignment) {
                            if target.kind_id() == IDENTIFIER && self.text(target) == name {
                                return Some(target);
                            }
                        }
                    }
                }
                None
            }
            FOR_STATEMENT | LIST_COMPREHENSION | SET_COMPREHENSION | DICTIONARY_COMPREHENSION | GENERATOR_EXPRESSION => {
                let mut found = None;
                crate::syntax::walk(scope, |child| {
                    if found.is_some() {
                        return false;
                    }
                    if child.kind_id() == IDENTIFIER && self.text(child) == name && self.is_assign_name(child) {
                        found = Some(child);
                    }
                    true
                });
                found
            }
            WITH_STATEMENT => {
                let targets: Vec<Node<'t>> = with_items(scope).into_iter().filter_map(|(_, target)| target).collect();
                self.defnode_in_targets(read, &targets, scope_node_of(scope))
            }
            EXPRESSION_STATEMENT => {
                let assignment = plain_assignment(scope)?;
                let targets = assignment_targets(assignment);
                if targets.iter().any(|target| contains_node(*target, read.node)) {
                    self.defnode_in_targets(read, &targets, scope_node_of(scope))
                } else {
                    None
                }
            }
            LAMBDA | FUNCTION_DEFINITION => {
                let scope_id = self.semantic.scope_of(scope)?;
                let parameter = self
                    .semantic
                    .bindings_of(scope_id, name)
                    .find(|binding| binding.kind == BindingKind::Parameter);
                if let Some(parameter) = parameter {
                    let parameters = scope.child_by_field_id(FIELD_PARAMETERS);
                    if parameters.is_some_and(|p| contains_node(p, read.node)) {
                        let has_default = matches!(parameter.statement.kind_id(), DEFAULT_PARAMETER | TYPED_DEFAULT_PARAMETER);
                        if has_default {
                            let outer = astroid_parent(scope)?;
                            return self.defnode_in_scope(read, outer);
                        }
                    }
                    return Some(scope);
                }
                if scope.child_by_field_id(FIELD_NAME).is_some_and(|n| self.text(n) == name) {
                    return Some(scope);
                }
                None
            }
            EXCEPT_CLAUSE => except_alias(scope).filter(|alias| self.text(*alias) == name),
            _ => None,
        }
    }

    /// `_defnode_in_targets`: a target bound before the read.
    fn defnode_in_targets(&self, read: Read<'t>, targets: &[Node<'t>], scope: Node<'t>) -> Option<Node<'t>> {
        for target in targets {
            let mut names = Vec::new();
            crate::syntax::walk(*target, |child| {
                if child.kind_id() == IDENTIFIER && self.is_assign_name(child) {
                    names.push(child);
                }
                true
            });
            for assigned in names {
                if (start_line(assigned), assigned.start_position().column) > (start_line(read.node), read.node.start_position().column) {
                    return None;
                }
                if self.text(assigned) == read.name && scope_node_of(assigned) == scope {
                    return Some(assigned);
                }
            }
        }
        None
    }
}

/// What `_is_variable_violation` returns.
struct Violation {
    maybe_before_assign: bool,
    annotation_return: bool,
    use_outer_definition: bool,
}

/// What `utils.assign_parent` of a binding is, where it matters.
#[derive(Clone, Copy, PartialEq, Eq)]
enum DefNodeKind<'t> {
    Comprehension,
    Arguments,
    NamedExpression(Node<'t>),
    Other,
}

fn assign_parent_kind(def: Def) -> DefNodeKind {
    match def.kind {
        DefKind::Name(BindingKind::ComprehensionVariable) => DefNodeKind::Comprehension,
        DefKind::Name(BindingKind::Parameter) => DefNodeKind::Arguments,
        DefKind::Name(BindingKind::NamedExpression) => match def.node.parent() {
            Some(walrus) => DefNodeKind::NamedExpression(walrus),
            None => DefNodeKind::Other,
        },
        _ => DefNodeKind::Other,
    }
}

fn mark_as_consumed<'t>(consumer: &mut Consumer<'t>, name: &'t str, nodes: &[Def<'t>]) {
    consumer.consumed.insert(name);
    if let Some(remaining) = consumer.to_consume.get_mut(name) {
        remaining.retain(|def| !nodes.contains(def));
        if remaining.is_empty() {
            consumer.to_consume.remove(name);
        }
    }
}

// ----- `_defines_name_raises_or_returns` and its recursive form -----

/// pylint's `_defines_name_raises_or_returns` for one astroid child.
fn defines_name_raises_or_returns<'t>(analysis: &mut Analysis<'_, 't>, name: &str, node: Node<'t>) -> bool {
    let source = analysis.source;
    match node.kind_id() {
        RAISE_STATEMENT | ASSERT_STATEMENT | RETURN_STATEMENT | CONTINUE_STATEMENT => true,
        EXPRESSION_STATEMENT => {
            if let Some(call) = expression_statement_call(node) {
                if analysis.is_terminating_statement(node) {
                    return true;
                }
                return call
                    .child_by_field_id(FIELD_FUNCTION)
                    .is_some_and(|function| function.kind_id() == IDENTIFIER && node_text(source, function) == "assert_never");
            }
            let Some(assignment) = code_children(node).next().filter(|c| c.kind_id() == ASSIGNMENT) else { return false };
            if assignment.child_by_field_id(FIELD_TYPE).is_some() {
                return assignment.child_by_field_id(FIELD_RIGHT).is_some()
                    && assignment
                        .child_by_field_id(FIELD_LEFT)
                        .is_some_and(|left| left.kind_id() == IDENTIFIER && node_text(source, left) == name);
            }
            assignment_targets(assignment).into_iter().any(|target| target_binds(source, target, name))
        }
        IF_STATEMENT | ELIF_CLAUSE => {
            let mut found = false;
            walk_if(node, |child| {
                if child.kind_id() == NAMED_EXPRESSION
                    && child.child_by_field_id(FIELD_NAME).is_some_and(|target| node_text(source, target) == name)
                {
                    found = true;
                }
                !found
            });
            found
        }
        IMPORT_STATEMENT | IMPORT_FROM_STATEMENT | FUTURE_IMPORT_STATEMENT => {
            if is_star_import(node) {
                return match analysis.oracle.star_imported_names(node) {
                    Some(names) => names.iter().any(|imported| imported == name),
                    None => {
                        analysis.set_doubt(1243);
                        false
                    }
                };
            }
            import_names(source, node).iter().any(|(full, alias)| {
                alias.as_deref() == Some(name) || full == name || full.strip_prefix(name).is_some_and(|rest| rest.starts_with('.'))
            })
        }
        WITH_STATEMENT => with_items(node).into_iter().any(|(_, target)| {
            target.is_some_and(|target| target.kind_id() == IDENTIFIER && node_text(source, target) == name)
        }),
        FUNCTION_DEFINITION | CLASS_DEFINITION => {
            node.child_by_field_id(FIELD_NAME).is_some_and(|n| node_text(source, n) == name)
        }
        EXCEPT_CLAUSE => except_alias(node).is_some_and(|alias| node_text(source, alias) == name),
        _ => false,
    }
}

/// pylint's `_defines_name_raises_or_returns_recursive`: some child of
/// `node` (one level into `if`/`with`, fully into `try` without
/// `finally`, all cases of a `match`) defines the name, raises or returns.
fn defines_name_raises_or_returns_recursive<'t>(analysis: &mut Analysis<'_, 't>, name: &str, node: Node<'t>) -> bool {
    for child in astroid_children(node) {
        if defines_name_raises_or_returns(analysis, name, child) {
            return true;
        }
        match child.kind_id() {
            IF_STATEMENT | ELIF_CLAUSE | WITH_STATEMENT => {
                if astroid_children(child).into_iter().any(|nested| defines_name_raises_or_returns(analysis, name, nested)) {
                    return true;
                }
            }
            TRY_STATEMENT if is_try(child) && try_finalbody_clause(child).is_none() => {
                if defines_name_raises_or_returns_recursive(analysis, name, child) {
                    return true;
                }
            }
            MATCH_STATEMENT => {
                return match_cases(child).into_iter().all(|case| defines_name_raises_or_returns_recursive(analysis, name, case));
            }
            _ => {}
        }
    }
    false
}

fn is_flow_statement(node: Node) -> bool {
    matches!(node.kind_id(), IF_STATEMENT | ELIF_CLAUSE | WITH_STATEMENT | FOR_STATEMENT | WHILE_STATEMENT | MATCH_STATEMENT) || is_try(node)
}

/// Whether an assignment target (flattened through tuples, lists and
/// starred names) binds `name`.
fn target_binds(source: &str, target: Node, name: &str) -> bool {
    match target.kind_id() {
        IDENTIFIER => node_text(source, target) == name,
        TUPLE | LIST | PATTERN_LIST | TUPLE_PATTERN | LIST_PATTERN | PARENTHESIZED_EXPRESSION | LIST_SPLAT_PATTERN | LIST_SPLAT => {
            code_children(target).any(|child| target_binds(source, child, name))
        }
        _ => false,
    }
}

// ----- try/except helpers -----

/// `get_node_first_ancestor_of_type_and_its_child(node, Try)`.
fn first_try_ancestor<'t>(node: Node<'t>) -> Option<(Node<'t>, TryPart, Node<'t>)> {
    // astroid's TryStar is not a Try: the search goes past it.
    let try_node = ancestors(node).into_iter().find(|ancestor| is_try(*ancestor))?;
    let (part, child) = try_part_of(try_node, node)?;
    Some((try_node, part, child))
}

/// `_uncertain_nodes_in_try_blocks_when_evaluating_except_blocks`.
fn uncertain_nodes_in_try_blocks_when_evaluating_except_blocks<'t>(found: &[Def<'t>], node_statement: Node<'t>) -> Vec<Def<'t>> {
    let mut uncertain = Vec::new();
    let Some(closest_handler) = ancestors(node_statement).into_iter().find(|a| a.kind_id() == EXCEPT_CLAUSE) else {
        return uncertain;
    };
    for def in found {
        let other_statement = def_statement(*def);
        if other_statement == closest_handler {
            continue;
        }
        let Some((other_try, part, _)) = first_try_ancestor(other_statement) else { continue };
        if part != TryPart::Body {
            continue;
        }
        let handlers = except_clauses(other_try);
        let handler_ancestors = ancestors(closest_handler).collect::<Vec<_>>();
        if !handlers.iter().any(|other_handler| handlers.contains(&closest_handler) || handler_ancestors.contains(other_handler)) {
            continue;
        }
        uncertain.push(*def);
    }
    uncertain
}

/// `_check_loop_finishes_via_except`: the read is in a loop's `else` and
/// the `try`'s `else` breaks, so the loop only ends normally through the
/// handler that binds the name.
fn check_loop_finishes_via_except<'t>(node: Node<'t>, try_node: Node<'t>) -> bool {
    let orelse = try_orelse(try_node);
    if orelse.is_empty() {
        return false;
    }
    let Some(closest_loop) = ancestors(node).into_iter().find(|a| matches!(a.kind_id(), FOR_STATEMENT | WHILE_STATEMENT)) else {
        return false;
    };
    if !loop_orelse(closest_loop).iter().any(|statement| *statement == node || contains_node(*statement, node)) {
        return false;
    }
    let Some(break_statement) = orelse.iter().copied().find(|s| s.kind_id() == BREAK_STATEMENT) else { return false };
    let in_body = |loop_node: Node<'t>| loop_body(loop_node).iter().any(|s| *s == try_node || contains_node(*s, try_node));
    if !in_body(closest_loop) && !ancestors(closest_loop).into_iter().any(|a| matches!(a.kind_id(), FOR_STATEMENT | WHILE_STATEMENT) && in_body(a)) {
        return false;
    }
    !loop_body(closest_loop).into_iter().any(|statement| continue_before_break(statement, break_statement))
}

/// `_recursive_search_for_continue_before_break` (nested loops skipped).
fn continue_before_break(statement: Node, break_statement: Node) -> bool {
    if statement == break_statement {
        return false;
    }
    if statement.kind_id() == CONTINUE_STATEMENT {
        return true;
    }
    if matches!(statement.kind_id(), FOR_STATEMENT | WHILE_STATEMENT) {
        return false;
    }
    astroid_children(statement).into_iter().any(|child| continue_before_break(child, break_statement))
}

// ----- `_detect_global_scope` -----

fn detect_global_scope(node: Node, frame: Node, defframe: Node) -> bool {
    let scope = (frame.kind_id() != MODULE).then(|| astroid_parent(frame).map(scope_node_of_inclusive)).flatten();
    let def_scope = (defframe.kind_id() != MODULE).then(|| astroid_parent(defframe).map(scope_node_of_inclusive)).flatten();
    if frame.kind_id() == CLASS_DEFINITION
        && scope != def_scope
        && scope.is_some()
        && scope == ancestors(node).into_iter().find(|a| a.kind_id() == FUNCTION_DEFINITION)
    {
        return false;
    }
    if frame.kind_id() == FUNCTION_DEFINITION {
        if contains_node(frame, defframe) {
            return start_line(node) < astroid_line(defframe);
        }
        let parent = astroid_parent_of_expression(node);
        let in_header = parent.is_some_and(|p| p.kind_id() == FUNCTION_DEFINITION) || is_direct_argument_child(node);
        if !in_header {
            return false;
        }
    }
    let mut break_scopes: Vec<Node> = Vec::new();
    for current in [scope.or(Some(frame)), def_scope].into_iter().flatten() {
        let mut parent_scope = Some(current);
        while let Some(candidate) = parent_scope {
            if !matches!(candidate.kind_id(), CLASS_DEFINITION | MODULE) {
                break_scopes.push(candidate);
                break;
            }
            parent_scope = astroid_parent(candidate).map(scope_node_of_inclusive);
        }
    }
    break_scopes.dedup();
    if break_scopes.len() > 1 && break_scopes.iter().any(|s| *s != break_scopes[0]) {
        return false;
    }
    astroid_line(frame) < astroid_line(defframe)
}

/// `astroid.are_exclusive(stmt, defstmt, ["NameError"])`: the two are in
/// a `try` body and a handler catching `NameError`, or in different handlers.
fn are_exclusive_for_name_error<'t>(analysis: &Analysis<'_, 't>, stmt: Node<'t>, defstmt: Node<'t>) -> bool {
    let stmt_ancestors = ancestors(stmt).collect::<Vec<_>>();
    let mut previous = defstmt;
    for node in ancestors(defstmt) {
        if let Some(index) = stmt_ancestors.iter().position(|a| *a == node) {
            if !is_try(node) {
                return false;
            }
            let child_of_stmt = if index == 0 { stmt } else { stmt_ancestors[index - 1] };
            let (Some((part2, node2)), Some((part1, node1))) = (try_part_of(node, previous), try_part_of(node, child_of_stmt)) else {
                return false;
            };
            // astroid's `locate_child` answers the field's list: parts, not statements, are compared.
            if part1 != part2 {
                let catches = |handler: Node<'t>| handler_catches(analysis, handler, "NameError");
                return (part2 == TryPart::Handlers && part1 == TryPart::Body && catches(node2))
                    || (part2 == TryPart::Body && part1 == TryPart::Handlers && catches(node1))
                    || (part2 == TryPart::Handlers && part1 == TryPart::OrElse)
                    || (part2 == TryPart::OrElse && part1 == TryPart::Handlers);
            }
            return part1 == TryPart::Handlers && node1 != node2;
        }
        previous = node;
    }
    false
}

/// `ExceptHandler.catch(["NameError"])`: a bare `except`, or a handler
/// whose type names it.
fn handler_catches<'t>(analysis: &Analysis<'_, 't>, handler: Node<'t>, exception: &str) -> bool {
    let Some(type_expression) = except_type(handler) else { return true };
    let mut found = false;
    crate::syntax::walk(type_expression, |child| {
        if child.kind_id() == IDENTIFIER && analysis.text(child) == exception {
            found = true;
        }
        !found && child.kind_id() != ATTRIBUTE
    });
    found
}

/// pylint's `node_ignores_exception(node, NameError)`.
fn ignores_name_error<'t>(analysis: &Analysis<'_, 't>, node: Node<'t>) -> bool {
    let mut current = node;
    let mut nearest_try_checked = false;
    while let Some(parent) = current.parent() {
        match parent.kind_id() {
            EXCEPT_CLAUSE => nearest_try_checked = true,
            TRY_STATEMENT if !nearest_try_checked => {
                nearest_try_checked = true;
                if except_clauses(parent).into_iter().any(|handler| except_type(handler).is_some() && handler_catches(analysis, handler, "NameError")) {
                    return true;
                }
            }
            _ => {}
        }
        current = parent;
    }
    false
}

// ----- reads in astroid's walk order -----

pub(crate) fn reads_in_walk_order<'t>(root: Node<'t>, semantic: &SemanticModel<'t>) -> Vec<Node<'t>> {
    let mut out = Vec::with_capacity(semantic.references.len());
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        if node.kind_id() == IDENTIFIER {
            if semantic.is_reference(node) {
                out.push(node);
            }
            continue;
        }
        // The children go on the stack last first, so that they come off in order.
        let first = stack.len();
        stack.extend(node.named_children().filter(|c| c.kind_id() != COMMENT));
        let children = &mut stack[first..];
        // astroid's IfExp visits its test first.
        if node.kind_id() == CONDITIONAL_EXPRESSION && children.len() == 3 {
            children.swap(0, 1);
        }
        children.reverse();
    }
    out
}

/// `x += 1`'s target and `del x`'s names (astroid's AssignName and DelName).
fn is_store_read(node: Node) -> bool {
    let Some(parent) = node.parent() else { return false };
    if parent.kind_id() == AUGMENTED_ASSIGNMENT && parent.child_by_field_id(FIELD_LEFT) == Some(node) {
        return true;
    }
    is_del_target(node)
}


/// The kind of pylint's innermost consumer when it visits the read: a
/// def's decorators, defaults and annotations are visited inside it.
fn innermost_scope_kind(node: Node) -> ScopeKind {
    let mut child = node;
    while let Some(parent) = child.parent() {
        match parent.kind_id() {
            FUNCTION_DEFINITION => return ScopeKind::Function,
            CLASS_DEFINITION => return ScopeKind::Class,
            LAMBDA => return ScopeKind::Lambda,
            DECORATED_DEFINITION if child.kind_id() == DECORATOR => {
                return match parent.child_by_field_id(FIELD_DEFINITION).map(|d| d.kind_id()) {
                    Some(CLASS_DEFINITION) => ScopeKind::Class,
                    _ => ScopeKind::Function,
                };
            }
            kind if is_comprehension_kind(kind) => return ScopeKind::Comprehension,
            _ => child = parent,
        }
    }
    ScopeKind::Module
}

/// The `Assign` whose value is exactly the read (`x = x`, `x = y = x`).
fn self_assigning_statement<'t>(analysis: &Analysis<'_, 't>, read: Read<'t>) -> Option<Node<'t>> {
    let mut child = read.node;
    let mut parent = child.parent()?;
    while parent.kind_id() == PARENTHESIZED_EXPRESSION {
        child = parent;
        parent = parent.parent()?;
    }
    if parent.kind_id() != ASSIGNMENT || parent.child_by_field_id(FIELD_RIGHT) != Some(child) || parent.child_by_field_id(FIELD_TYPE).is_some() {
        return None;
    }
    // The outermost assignment of a chain holds the first target.
    let mut outer = parent;
    while let Some(up) = outer.parent().filter(|up| up.kind_id() == ASSIGNMENT && up.child_by_field_id(FIELD_RIGHT) == Some(outer)) {
        outer = up;
    }
    let first_target = outer.child_by_field_id(FIELD_LEFT)?;
    (first_target.kind_id() == IDENTIFIER && analysis.text(first_target) == read.name).then_some(outer)
}

/// Whether `def_node` is one of the direct targets of an assignment chain.
fn assignment_targets_contain(assignment: Node, def_node: Node) -> bool {
    assignment_targets(assignment).contains(&def_node)
}

/// The `for` target when the read is the loop's iterable (`for x in x`).
fn for_iterable_target(node: Node) -> Option<Node> {
    let mut child = node;
    let mut parent = child.parent()?;
    while parent.kind_id() == PARENTHESIZED_EXPRESSION {
        child = parent;
        parent = parent.parent()?;
    }
    if parent.kind_id() != FOR_STATEMENT || parent.child_by_field_id(FIELD_RIGHT) != Some(child) {
        return None;
    }
    parent.child_by_field_id(FIELD_LEFT).filter(|left| left.kind_id() == IDENTIFIER)
}

/// `_comprehension_between_frame_and_node`.
fn comprehension_between_frame_and_node(node: Node) -> bool {
    let mut current = node;
    while let Some(parent) = current.parent() {
        if is_comprehension(parent) {
            return true;
        }
        if matches!(parent.kind_id(), FUNCTION_DEFINITION | CLASS_DEFINITION | LAMBDA | MODULE) {
            return false;
        }
        current = parent;
    }
    false
}

