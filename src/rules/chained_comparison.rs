use super::prelude::*;
use super::unnecessary_negation::as_string;
use crate::syntax::FastHashMap;
use std::collections::{BTreeMap, BTreeSet};

declare_rule! {
    /// ## What it does
    /// Checks for `and` conditions whose comparisons can be written as
    /// fewer chained comparisons (`a < b and b < c` as `a < b < c`,
    /// `x >= 0 and x < 10` as `0 <= x < 10`), suggesting the whole
    /// simplified condition.
    ///
    /// This follows pylint's algorithm: runs of `<`, `<=`, `>`, `>=`, `==`
    /// comparisons between names, numbers and repeatable expressions form a
    /// graph whose paths are the suggested chains; other operands of the
    /// `and` stay in place. Conditions that contradict themselves (a cycle)
    /// are left to pylint's other messages. Conditions with floats or
    /// booleans as operands, or parts this rule cannot print as astroid
    /// does, are not reported.
    ///
    /// ## Why is this bad?
    /// A chained comparison states a range in one expression and evaluates
    /// the shared operand once.
    ///
    /// ## Example
    /// ```python
    /// if code >= 400 and code < 500:
    ///     ...
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// if 400 <= code < 500:
    ///     ...
    /// ```
    code: "R1716",
    symbol: "chained-comparison",
    category: Refactor,
    checker: "refactoring",
    trigger: Trigger::Node(&[BOOLEAN_OPERATOR], check),
}

/// Give up above this many distinct operands in one run (pylint's limit).
const MAX_OPERANDS: usize = 64;
/// Stop adding parts to a suggestion once it is this long.
const MAX_SUGGESTION_LENGTH: usize = 64;

/// A graph node: a name or an expression's text (Python `str`), or a number.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Operand {
    Text(String),
    Number(Number),
}

/// An int or float literal's value. Python's `1 == 1.0` makes them one
/// graph node; a condition holding both spellings of a value is not
/// modelled (which one the graph keeps depends on the order of insertion).
#[derive(Clone, Copy, Debug)]
struct Number {
    value: f64,
    is_float: bool,
}

impl PartialEq for Number {
    fn eq(&self, other: &Number) -> bool {
        self.value == other.value
    }
}

impl Eq for Number {}

impl std::hash::Hash for Number {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        // `0.0 == -0.0`: hash them alike.
        (self.value + 0.0).to_bits().hash(state);
    }
}

impl PartialOrd for Number {
    fn partial_cmp(&self, other: &Number) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Number {
    fn cmp(&self, other: &Number) -> std::cmp::Ordering {
        self.value.total_cmp(&other.value)
    }
}

impl std::fmt::Display for Operand {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Operand::Text(text) => f.write_str(text),
            // `+ 0.0` turns `-0` into `0`, as Python's int has no negative zero.
            Operand::Number(Number { value, is_float: false }) => write!(f, "{}", value + 0.0),
            Operand::Number(Number { value, is_float: true }) => f.write_str(&python_float_repr(*value)),
        }
    }
}

impl Operand {
    fn is_text(&self) -> bool {
        matches!(self, Operand::Text(_))
    }
}

/// Python's `repr(float)`: the shortest digits that read back, positional
/// for exponents -4 to 15 (with `.0` when integral), else `1.5e+16`.
fn python_float_repr(value: f64) -> String {
    if !value.is_finite() {
        return if value.is_nan() { "nan".into() } else if value > 0.0 { "inf".into() } else { "-inf".into() };
    }
    // Rust's `{:e}` prints the shortest round-trip digits: `1.5e16`, `-5e-1`.
    let scientific = format!("{value:e}");
    let Some((mantissa, exponent)) = scientific.split_once('e') else { return scientific };
    let Ok(exponent) = exponent.parse::<i32>() else { return scientific };
    let (sign, mantissa) = mantissa.strip_prefix('-').map_or(("", mantissa), |rest| ("-", rest));
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    if (-4..16).contains(&exponent) {
        let point = exponent + 1;
        let text = if point <= 0 {
            format!("0.{}{digits}", "0".repeat((-point) as usize))
        } else if point as usize >= digits.len() {
            format!("{digits}{}.0", "0".repeat(point as usize - digits.len()))
        } else {
            format!("{}.{}", &digits[..point as usize], &digits[point as usize..])
        };
        format!("{sign}{text}")
    } else {
        let exponent_sign = if exponent < 0 { '-' } else { '+' };
        format!("{sign}{mantissa}e{exponent_sign}{:02}", exponent.abs())
    }
}

type Edge = (Operand, Operand);

/// pylint's `_ComparisonGraph`: edges point from the larger operand to the
/// smaller (`<` and `<=` flipped); `==` edges keep the written direction.
#[derive(Default)]
struct Graph {
    /// Operands in the order first met, with their outgoing neighbors.
    edges: BTreeMap<Operand, BTreeSet<Operand>>,
    symbols: FastHashMap<Edge, &'static str>,
    indegree: FastHashMap<Operand, usize>,
    frequency: FastHashMap<Edge, usize>,
    source_count: usize,
}

enum Segment {
    Graph(Graph),
    /// A part of the condition that is kept as written.
    Boundary(String),
}

fn check(ctx: &mut Context, node: Node) {
    // astroid flattens `a and b and c` into one node: only its top is checked.
    if is_flattened_into_parent(ctx, node) || operator_text(ctx, node) != Some("and") {
        return;
    }
    let values = flattened_values(ctx, node);
    // One comparison alone renders as itself: nothing to simplify.
    if values.iter().filter(|value| strip_parens(**value).kind_id() == COMPARISON_OPERATOR).count() < 2 {
        return;
    }
    let Some(segments) = segments(ctx, &values) else { return };
    let mut rendered: Vec<String> = Vec::new();
    for segment in segments {
        match segment {
            Segment::Boundary(text) => rendered.push(text),
            Segment::Graph(mut graph) => {
                if has_cycle(&graph) {
                    // pylint reports `impossible-comparison` or
                    // `chained-comparison-all-equal` instead.
                    return;
                }
                let paths = paths(&mut graph);
                let mut pieces: Vec<String> = paths
                    .iter()
                    .flat_map(|path| split_at_literal_equalities(path, &graph.symbols))
                    .map(|piece| render_path(&piece, &graph.symbols))
                    .collect();
                pieces.sort();
                rendered.extend(pieces);
            }
        }
    }
    if rendered.len() < values.len() {
        let message = format!("Simplify chained comparison between the operands: {}", join_suggestion(&rendered));
        ctx.report(node, message);
    }
}

pub(super) fn operator_text<'t>(ctx: &Context<'_, 't>, node: Node<'t>) -> Option<&'t str> {
    node.child_by_field_id(FIELD_OPERATOR).map(|operator| ctx.text(operator))
}

/// Whether `node` is the left operand, unparenthesized, of the same operator.
pub(super) fn is_flattened_into_parent(ctx: &Context, node: Node) -> bool {
    node.parent().is_some_and(|parent| {
        parent.kind_id() == BOOLEAN_OPERATOR
            && operator_text(ctx, parent) == operator_text(ctx, node)
            && parent.child_by_field_id(FIELD_LEFT) == Some(node)
    })
}

/// The operands of a chain of one boolean operator, as astroid's `BoolOp.values`.
pub(super) fn flattened_values<'t>(ctx: &Context<'_, 't>, node: Node<'t>) -> Vec<Node<'t>> {
    let mut values = Vec::new();
    let mut current = node;
    let mut rights = Vec::new();
    loop {
        let (Some(left), Some(right)) = (current.child_by_field_id(FIELD_LEFT), current.child_by_field_id(FIELD_RIGHT))
        else {
            return Vec::new();
        };
        rights.push(right);
        if left.kind_id() == BOOLEAN_OPERATOR && operator_text(ctx, left) == operator_text(ctx, node) {
            current = left;
        } else {
            values.push(left);
            break;
        }
    }
    values.extend(rights.into_iter().rev());
    values
}

/// pylint's `_segment_comparisons`; `None` when nothing is to be reported
/// or the condition is not modelled.
fn segments(ctx: &Context, values: &[Node]) -> Option<Vec<Segment>> {
    let usable = usable_operand_texts(ctx, values)?;
    let mut segments = Vec::new();
    let mut pending = 0;
    let mut current = Graph::default();
    let mut constants: Vec<Number> = Vec::new();
    let mut constant_lists: Vec<Vec<Number>> = Vec::new();
    for value in values {
        if add_compare_to_graph(ctx, *value, &mut current, &mut constants, &usable)? {
            continue;
        }
        if current.source_count > 0 {
            pending += 1;
            constant_lists.push(std::mem::take(&mut constants));
            segments.push(Segment::Graph(std::mem::take(&mut current)));
        }
        segments.push(Segment::Boundary(render_boundary(ctx, *value)?));
        current = Graph::default();
        constants.clear();
    }
    if current.source_count > 0 {
        pending += 1;
        constant_lists.push(constants);
        segments.push(Segment::Graph(current));
    }
    if pending == 0 {
        return None;
    }
    let graphs = || segments.iter().filter_map(|segment| match segment {
        Segment::Graph(graph) => Some(graph),
        Segment::Boundary(_) => None,
    });
    if graphs().any(|graph| graph.edges.len() > MAX_OPERANDS) {
        return None;
    }
    if graphs().all(|graph| graph.symbols.values().all(|symbol| *symbol == "==")) {
        return None;
    }
    let mut constant_lists = constant_lists.into_iter();
    for segment in &mut segments {
        if let Segment::Graph(graph) = segment {
            link_constants(graph, constant_lists.next().unwrap_or_default());
        }
    }
    Some(segments)
}

/// What an operand of a comparison is for the graph.
enum OperandKind {
    Name(String),
    Number(Number),
    /// Any other expression, with its printed text and whether it holds a
    /// call, `await`, `:=` or `yield` (two of them need not be one value).
    Other(String, bool),
}

/// `None` when an operand is not modelled (floats, booleans, text that
/// cannot be printed as astroid does).
fn operand_kind(ctx: &Context, operand: Node) -> Option<OperandKind> {
    let operand = strip_parens(operand);
    if operand.kind_id() == IDENTIFIER {
        return Some(OperandKind::Name(ctx.text(operand).to_string()));
    }
    match numeric_value(ctx, operand) {
        Numeric::Value(number) => return Some(OperandKind::Number(number)),
        Numeric::Unmodelled => return None,
        Numeric::NotNumeric => {}
    }
    if matches!(operand.kind_id(), TRUE | FALSE) {
        return None;
    }
    let text = as_string(ctx, operand)?;
    let mut impure = false;
    syntax::walk(operand, |child| {
        impure |= matches!(child.kind_id(), CALL | AWAIT | NAMED_EXPRESSION | YIELD);
        !impure
    });
    Some(OperandKind::Other(text, impure))
}

enum Numeric {
    Value(Number),
    /// A value not reproduced exactly (an integer beyond 2**53, a float
    /// literal that is not plain decimal).
    Unmodelled,
    NotNumeric,
}

/// pylint's `_numeric_operand_value`: an int or float literal under any
/// number of unary `-` / `+`.
fn numeric_value(ctx: &Context, node: Node) -> Numeric {
    let node = strip_parens(node);
    match node.kind_id() {
        INTEGER => {
            let text = ctx.text(node).replace('_', "");
            let parsed = if let Some(hex) = text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")) {
                i64::from_str_radix(hex, 16).ok()
            } else if let Some(octal) = text.strip_prefix("0o").or_else(|| text.strip_prefix("0O")) {
                i64::from_str_radix(octal, 8).ok()
            } else if let Some(binary) = text.strip_prefix("0b").or_else(|| text.strip_prefix("0B")) {
                i64::from_str_radix(binary, 2).ok()
            } else {
                text.parse().ok()
            };
            match parsed {
                Some(number) if number.unsigned_abs() <= 1 << 53 => {
                    Numeric::Value(Number { value: number as f64, is_float: false })
                }
                _ => Numeric::Unmodelled,
            }
        }
        FLOAT => {
            let text = ctx.text(node).replace('_', "");
            // `1j` is a complex literal; Rust parses what Python's float() does otherwise.
            match text.parse::<f64>() {
                Ok(value) if !text.ends_with(['j', 'J']) => Numeric::Value(Number { value, is_float: true }),
                _ => Numeric::Unmodelled,
            }
        }
        UNARY_OPERATOR => {
            let operator = node.child_by_field_id(FIELD_OPERATOR).map(|operator| ctx.text(operator));
            let Some(argument) = node.child_by_field_id(FIELD_ARGUMENT) else { return Numeric::NotNumeric };
            match (operator, numeric_value(ctx, argument)) {
                (Some("-"), Numeric::Value(number)) => Numeric::Value(Number { value: -number.value, ..number }),
                (Some("+"), Numeric::Value(number)) => Numeric::Value(number),
                (Some("-" | "+"), Numeric::Unmodelled) => Numeric::Unmodelled,
                _ => Numeric::NotNumeric,
            }
        }
        _ => Numeric::NotNumeric,
    }
}

/// The operands of a comparison, with its operators between them.
fn comparison_parts<'t>(ctx: &Context<'_, 't>, comparison: Node<'t>) -> (Vec<Node<'t>>, Vec<String>) {
    let mut operands = Vec::new();
    let mut operators = Vec::new();
    for child in comparison.children().filter(|child| child.kind_id() != COMMENT) {
        if child.is_named() {
            operands.push(child);
        } else {
            operators.push(ctx.text(child).split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }
    (operands, operators)
}

/// pylint's `_usable_operand_texts`: texts that stand for one value.
/// `None` when an operand is not modelled.
fn usable_operand_texts(ctx: &Context, values: &[Node]) -> Option<BTreeSet<String>> {
    let mut counts: FastHashMap<String, usize> = FastHashMap::default();
    let mut impure_texts: BTreeSet<String> = BTreeSet::new();
    let mut numbers: Vec<Number> = Vec::new();
    for value in values {
        let value = strip_parens(*value);
        if value.kind_id() != COMPARISON_OPERATOR {
            continue;
        }
        for operand in comparison_parts(ctx, value).0 {
            match operand_kind(ctx, operand)? {
                OperandKind::Name(_) => {}
                OperandKind::Number(number) => {
                    if numbers.iter().any(|other| *other == number && other.is_float != number.is_float) {
                        return None;
                    }
                    numbers.push(number);
                }
                OperandKind::Other(text, impure) => {
                    *counts.entry(text.clone()).or_default() += 1;
                    if impure {
                        impure_texts.insert(text);
                    }
                }
            }
        }
    }
    Some(counts.into_iter().filter(|(text, count)| *count == 1 || !impure_texts.contains(text)).map(|(text, _)| text).collect())
}

/// pylint's `_add_compare_to_graph`: folds a comparison into the graph;
/// `Some(false)` leaves it as a boundary.
fn add_compare_to_graph(
    ctx: &Context,
    value: Node,
    graph: &mut Graph,
    constants: &mut Vec<Number>,
    usable: &BTreeSet<String>,
) -> Option<bool> {
    let value = strip_parens(value);
    if value.kind_id() != COMPARISON_OPERATOR {
        return Some(false);
    }
    let (operand_nodes, operators) = comparison_parts(ctx, value);
    let mut pending_constants = Vec::new();
    let mut operands = Vec::new();
    for (index, operand) in operand_nodes.iter().enumerate() {
        if index > 0 && !matches!(operators.get(index - 1).map(String::as_str), Some("<" | ">" | "==" | "<=" | ">=")) {
            return Some(false);
        }
        let operand = match operand_kind(ctx, *operand)? {
            OperandKind::Name(name) => Operand::Text(name),
            OperandKind::Number(number) => {
                pending_constants.push(number);
                Operand::Number(number)
            }
            OperandKind::Other(text, _) => {
                if !usable.contains(&text) || is_identifier(&text) {
                    return Some(false);
                }
                Operand::Text(text)
            }
        };
        operands.push(operand);
    }
    if operands.windows(2).any(|pair| pair[0] == pair[1]) {
        return Some(false);
    }
    constants.extend(pending_constants);
    for (index, operator) in operators.iter().enumerate() {
        let (mut left, mut right) = (operands[index].clone(), operands[index + 1].clone());
        let symbol: &'static str = match operator.as_str() {
            "<" => {
                std::mem::swap(&mut left, &mut right);
                ">"
            }
            "<=" => {
                std::mem::swap(&mut left, &mut right);
                ">="
            }
            ">" => ">",
            ">=" => ">=",
            _ => "==",
        };
        graph.edges.entry(left.clone()).or_default().insert(right.clone());
        graph.edges.entry(right.clone()).or_default();
        graph.symbols.insert((left.clone(), right.clone()), symbol);
        graph.indegree.entry(left.clone()).or_default();
        *graph.indegree.entry(right.clone()).or_default() += 1;
        *graph.frequency.entry((left, right)).or_default() += 1;
    }
    graph.source_count += 1;
    Some(true)
}

/// Python's `str.isidentifier` for the texts printed here (`None`, ...).
fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|first| first.is_alphabetic() || first == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_')
}

/// pylint's `_render_boundary`: a part kept as written, parenthesized when
/// it binds more loosely than `and`.
fn render_boundary(ctx: &Context, value: Node) -> Option<String> {
    let text = as_string(ctx, value)?;
    let needs_parentheses = match strip_parens(value).kind_id() {
        CONDITIONAL_EXPRESSION | LAMBDA | YIELD => true,
        BOOLEAN_OPERATOR => operator_text(ctx, strip_parens(value)) == Some("or"),
        _ => false,
    };
    Some(if needs_parentheses { format!("({text})") } else { text })
}

/// Operands compared with one another, whichever way the edges point.
fn components(graph: &Graph) -> FastHashMap<Operand, usize> {
    let mut neighbors: FastHashMap<&Operand, Vec<&Operand>> = FastHashMap::default();
    for (left, rights) in &graph.edges {
        for right in rights {
            neighbors.entry(left).or_default().push(right);
            neighbors.entry(right).or_default().push(left);
        }
    }
    let mut components: FastHashMap<Operand, usize> = FastHashMap::default();
    for (index, start) in graph.edges.keys().enumerate() {
        let mut to_visit = vec![start];
        while let Some(operand) = to_visit.pop() {
            if components.contains_key(operand) {
                continue;
            }
            components.insert(operand.clone(), index);
            to_visit.extend(neighbors.get(operand).into_iter().flatten().copied());
        }
    }
    components
}

/// pylint's `_link_constants`: `>` edges between the constants of one component.
fn link_constants(graph: &mut Graph, constants: Vec<Number>) {
    let components = components(graph);
    let mut sorted = constants;
    sorted.sort();
    while let Some(largest) = sorted.pop() {
        let smaller_values: BTreeSet<Number> = sorted.iter().copied().collect();
        for smaller in smaller_values {
            if smaller >= largest {
                continue;
            }
            let (large, small) = (Operand::Number(largest), Operand::Number(smaller));
            if components.get(&large) != components.get(&small) {
                continue;
            }
            graph.symbols.insert((large.clone(), small.clone()), ">");
            *graph.indegree.entry(small.clone()).or_default() += 1;
            *graph.frequency.entry((large.clone(), small.clone())).or_default() += 1;
            let texts: Vec<Operand> =
                graph.edges.get(&small).into_iter().flatten().filter(|adjacent| adjacent.is_text()).cloned().collect();
            let edges = graph.edges.entry(large).or_default();
            edges.insert(small);
            for text in texts {
                edges.remove(&text);
            }
        }
    }
}

fn has_cycle(graph: &Graph) -> bool {
    // Depth-first search with colors: a back edge is a cycle.
    fn visit<'g>(graph: &'g Graph, node: &'g Operand, state: &mut FastHashMap<&'g Operand, bool>) -> bool {
        match state.get(node) {
            Some(true) => return true,
            Some(false) => return false,
            None => {}
        }
        state.insert(node, true);
        for next in graph.edges.get(node).into_iter().flatten() {
            if visit(graph, next, state) {
                return true;
            }
        }
        state.insert(node, false);
        false
    }
    let mut state = FastHashMap::default();
    graph.edges.keys().any(|node| visit(graph, node, &mut state))
}

/// pylint's `get_paths`: the fewest paths that cover every edge.
fn paths(graph: &mut Graph) -> Vec<Vec<Operand>> {
    let mut to_visit: BTreeSet<Operand> =
        graph.indegree.iter().filter(|(_, degree)| **degree == 0).map(|(node, _)| node.clone()).collect();
    let mut paths: BTreeSet<Vec<Operand>> = BTreeSet::new();
    while !to_visit.is_empty() {
        let mut longest: FastHashMap<Operand, (usize, usize)> = FastHashMap::default();
        for root in &to_visit {
            count_nodes(graph, root, &mut longest);
        }
        let Some(root) = longest_path_item(to_visit.iter(), &longest) else { break };
        to_visit.remove(&root);
        let mut path = Vec::new();
        get_path(graph, root, &mut to_visit, &longest, &mut path);
        for (index, item) in path.iter().enumerate() {
            for before in &path[..index] {
                let frequency = graph.frequency.entry((before.clone(), item.clone())).or_default();
                *frequency = frequency.saturating_sub(1);
            }
        }
        let path = strip_path(path);
        if path.len() > 1 {
            paths.insert(path);
        }
    }
    paths.into_iter().collect()
}

fn frequency(graph: &Graph, from: &Operand, to: &Operand) -> usize {
    graph.frequency.get(&(from.clone(), to.clone())).copied().unwrap_or(0)
}

/// The longest reachable path from `node`: (names and texts on it, nodes on it).
fn count_nodes(graph: &Graph, node: &Operand, longest: &mut FastHashMap<Operand, (usize, usize)>) -> (usize, usize) {
    if let Some(known) = longest.get(node) {
        return *known;
    }
    let own = usize::from(node.is_text());
    let adjacent: Vec<Operand> =
        graph.edges.get(node).into_iter().flatten().filter(|next| frequency(graph, node, next) != 0).cloned().collect();
    let counted = if adjacent.is_empty() {
        (own, 1)
    } else {
        let maxima: Vec<(usize, usize)> = adjacent.iter().map(|next| count_nodes(graph, next, longest)).collect();
        let symbols = maxima.iter().map(|(symbols, _)| *symbols).max().unwrap_or(0) + own;
        let nodes = maxima.iter().map(|(_, nodes)| *nodes).max().unwrap_or(0) + 1;
        (symbols, nodes)
    };
    longest.insert(node.clone(), counted);
    counted
}

/// The item rooting the longest path: most names, then most nodes, then
/// the greatest `str()`.
fn longest_path_item<'a>(
    items: impl Iterator<Item = &'a Operand>,
    longest: &FastHashMap<Operand, (usize, usize)>,
) -> Option<Operand> {
    items
        .max_by_key(|item| {
            let (symbols, nodes) = longest.get(*item).copied().unwrap_or((0, 0));
            (symbols, nodes, item.to_string())
        })
        .cloned()
}

fn get_path(
    graph: &Graph,
    node: Operand,
    to_visit: &mut BTreeSet<Operand>,
    longest: &FastHashMap<Operand, (usize, usize)>,
    path: &mut Vec<Operand>,
) {
    path.push(node.clone());
    let adjacent: Vec<&Operand> =
        graph.edges.get(&node).into_iter().flatten().filter(|next| frequency(graph, &node, next) != 0).collect();
    let Some(next) = longest_path_item(adjacent.iter().copied(), longest) else { return };
    get_path(graph, next.clone(), to_visit, longest, path);
    if adjacent.len() >= 2 || frequency(graph, &node, &next) >= 2 {
        to_visit.insert(node);
    }
}

/// pylint's `_strip_path`: drops constant-to-constant links at the ends.
fn strip_path(path: Vec<Operand>) -> Vec<Operand> {
    let is_number = |operand: &Operand| !operand.is_text();
    if path.is_empty() {
        return path;
    }
    let mut low = 0;
    let mut high = path.len() - 1;
    if is_number(&path[0]) {
        while low < path.len() - 1 && is_number(&path[low]) && is_number(&path[low + 1]) {
            low += 1;
        }
    }
    if is_number(&path[path.len() - 1]) {
        while high > 0 && high > low && is_number(&path[high]) && is_number(&path[high - 1]) {
            high -= 1;
        }
    }
    path[low..=high].to_vec()
}

/// pylint's `_split_at_literal_equalities`.
fn split_at_literal_equalities(path: &[Operand], symbols: &FastHashMap<Edge, &'static str>) -> Vec<Vec<Operand>> {
    let symbol = |from: &Operand, to: &Operand| symbols.get(&(from.clone(), to.clone())).copied().unwrap_or("");
    let mut pieces = Vec::new();
    let mut start = 0;
    for index in 1..path.len().saturating_sub(1) {
        if path[index].is_text() {
            continue;
        }
        if symbol(&path[index - 1], &path[index]) != "==" && symbol(&path[index], &path[index + 1]) != "==" {
            continue;
        }
        pieces.push(path[start..=index].to_vec());
        start = index;
    }
    pieces.push(path[start..].to_vec());
    pieces
}

/// pylint's `_render_path`: smallest first, unless the chain is all `==`
/// or a lone name heads it.
fn render_path(path: &[Operand], symbols: &FastHashMap<Edge, &'static str>) -> String {
    let symbol = |from: &Operand, to: &Operand| symbols.get(&(from.clone(), to.clone())).copied().unwrap_or("");
    let edge_symbols: Vec<&str> = path.windows(2).map(|pair| symbol(&pair[0], &pair[1])).collect();
    let lone_name_first = path[0].is_text() && !path[1..].iter().any(Operand::is_text);
    if lone_name_first || edge_symbols.iter().all(|symbol| *symbol == "==") {
        let mut rendered = path[0].to_string();
        for (index, symbol) in edge_symbols.iter().enumerate() {
            rendered.push_str(&format!(" {symbol} {}", path[index + 1]));
        }
        return rendered;
    }
    let mut rendered = path[path.len() - 1].to_string();
    for index in (1..path.len()).rev() {
        let reversed = match symbol(&path[index - 1], &path[index]) {
            ">" => "<",
            ">=" => "<=",
            other => other,
        };
        rendered.push_str(&format!(" {reversed} {}", path[index - 1]));
    }
    rendered
}

/// pylint's `_join_suggestion`: parts joined with `and`, cut with `...`
/// once long enough.
fn join_suggestion(parts: &[String]) -> String {
    let mut kept: Vec<&str> = Vec::new();
    for part in parts {
        if !kept.is_empty() && kept.join(" and ").chars().count() >= MAX_SUGGESTION_LENGTH {
            kept.push("...");
            return kept.join(" and ");
        }
        kept.push(part);
    }
    kept.join(" and ")
}
