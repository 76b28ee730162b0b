//! The syntax tree every later layer reads: tree-sitter's parse, flattened
//! into one array in preorder.
//!
//! Why not use `tree_sitter::Node` directly? Its navigation is slow for how a
//! linter reads: a node has no parent pointer (`parent()` descends from the
//! root again), `child_by_field_id` and sibling steps re-derive positions from
//! the parent's children each call, and every walk goes through a cursor.
//! Profiling 300 stdlib files showed half of the engine's time inside those
//! cursor routines. One cursor pass copies the visible nodes into
//! [`SyntaxTree`]; after that, parent, children, siblings, fields and
//! "skip this subtree" are array reads.
//!
//! [`Node`] keeps tree-sitter's method names (`kind_id`, `child_by_field_id`,
//! `start_position`, ...) so code reads the same as tree-sitter code.

use std::fmt;
use std::sync::LazyLock;
use tree_sitter::{Language, Point};

/// The grammar, for kind and field names.
static LANGUAGE: LazyLock<Language> = LazyLock::new(|| tree_sitter_python::LANGUAGE.into());

const NONE: u32 = u32::MAX;

const NAMED: u8 = 1;
const EXTRA: u8 = 2;
const MISSING: u8 = 4;
const ERROR: u8 = 8;
const HAS_ERROR: u8 = 16;
/// Some child fills a field: field lookups on nodes without one (a module,
/// a block with thousands of statements) answer at once.
const HAS_FIELD_CHILD: u8 = 32;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct NodeData {
    kind: u16,
    /// Field id of this node in its parent (0: none).
    field: u16,
    flags: u8,
    start_byte: u32,
    end_byte: u32,
    start: (u32, u32),
    end: (u32, u32),
    parent: u32,
    /// Index one past this node's last descendant: the subtree is
    /// `index..subtree_end`, and the next sibling (if any) starts there.
    subtree_end: u32,
    prev_sibling: u32,
}

/// All visible nodes of one parse, in preorder (a node's children follow it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxTree {
    nodes: Vec<NodeData>,
}

impl SyntaxTree {
    /// Copies the visible nodes of `tree` (one cursor walk).
    pub fn new(tree: &tree_sitter::Tree) -> SyntaxTree {
        let root = tree.root_node();
        let mut nodes: Vec<NodeData> = Vec::with_capacity(root.descendant_count());
        let mut cursor = tree.walk();
        // For each open ancestor: its index and the index of its last child so far.
        let mut open: Vec<(u32, u32)> = Vec::new();
        loop {
            let node = cursor.node();
            let index = nodes.len() as u32;
            let (parent, prev_sibling) = open.last().copied().unwrap_or((NONE, NONE));
            if let Some(last) = open.last_mut() {
                last.1 = index;
            }
            let data = read_node(&node, &cursor, parent, prev_sibling, index + 1);
            if data.field != 0 && parent != NONE {
                nodes[parent as usize].flags |= HAS_FIELD_CHILD;
            }
            nodes.push(data);
            if cursor.goto_first_child() {
                open.push((index, NONE));
                continue;
            }
            loop {
                if cursor.goto_next_sibling() {
                    break;
                }
                if !cursor.goto_parent() {
                    return SyntaxTree { nodes };
                }
                let (closed, _) = open.pop().expect("cursor depth matches the open stack");
                nodes[closed as usize].subtree_end = nodes.len() as u32;
            }
        }
    }

    /// The flattened form of `new`, the re-parse of `edited_old` after the
    /// single `edit`, where `self` is the flattened tree from before the edit.
    ///
    /// Flattening walks every node through tree-sitter's cursor, which is most
    /// of a re-lint in the editor. tree-sitter guarantees that outside the
    /// ranges `changed_ranges` reports, the re-parse has the structure of the
    /// old tree, at the old positions shifted by the edit. So when the
    /// changed ranges and the edit fall inside nodes whose structure (kinds,
    /// children, fields) came out the same, only those nodes are read again
    /// and every other node is copied and shifted. Anything else (a node
    /// gained or lost children) falls back to a full flatten.
    pub fn reflatten(&self, edited_old: &tree_sitter::Tree, new: &tree_sitter::Tree, edit: &tree_sitter::InputEdit) -> SyntaxTree {
        self.try_reflatten(edited_old, new, edit).unwrap_or_else(|| SyntaxTree::new(new))
    }

    fn try_reflatten(&self, edited_old: &tree_sitter::Tree, new: &tree_sitter::Tree, edit: &tree_sitter::InputEdit) -> Option<SyntaxTree> {
        if self.nodes.is_empty() || new.root_node().descendant_count() != self.nodes.len() {
            return None;
        }
        // Byte ranges (new coordinates) whose nodes must be read again; the
        // edit's covers what it inserted and, for a deletion, the nodes that
        // started inside the deleted text (not shifted, see `Shift::apply`).
        let mut dirty: Vec<(usize, usize)> = edited_old.changed_ranges(new).map(|range| (range.start_byte, range.end_byte)).collect();
        dirty.push((edit.start_byte, edit.new_end_byte.max(edit.old_end_byte)));
        let shift = Shift::of(edit);
        let mut nodes: Vec<NodeData> = self.nodes.iter().map(|data| shift.apply(*data)).collect();
        let mut cursor = new.walk();
        let touches = |data: &NodeData| {
            dirty.iter().any(|&(start, end)| data.start_byte as usize <= end && start <= data.end_byte as usize)
        };
        // A subtree with an error, before or after, is read again: tree-sitter
        // may re-parse it outside the changed ranges and flag it differently
        // (a statement after a newline inserted into a broken block).
        let has_error = |old: &NodeData, node: tree_sitter::Node| old.flags & HAS_ERROR != 0 || node.has_error();
        // Lockstep walk of the old array and the new tree, entering only
        // nodes that touch a dirty range (every ancestor of one touches it).
        let mut index: u32 = 0;
        loop {
            let old = self.nodes[index as usize];
            let node = cursor.node();
            let fresh = read_node(&node, &cursor, old.parent, old.prev_sibling, old.subtree_end);
            if fresh.kind != old.kind || fresh.field != old.field {
                return None;
            }
            nodes[index as usize] = NodeData { flags: fresh.flags | (old.flags & HAS_FIELD_CHILD), ..fresh };
            // Enter the children, skipping those that touch nothing.
            let mut next = index + 1;
            let mut entered = false;
            if next < old.subtree_end {
                if !cursor.goto_first_child() {
                    return None;
                }
                loop {
                    if touches(&nodes[next as usize]) || has_error(&self.nodes[next as usize], cursor.node()) {
                        entered = true;
                        break;
                    }
                    next = self.nodes[next as usize].subtree_end;
                    let more_old = next < old.subtree_end;
                    let more_new = cursor.goto_next_sibling();
                    if more_old != more_new {
                        return None;
                    }
                    if !more_old {
                        cursor.goto_parent();
                        break;
                    }
                }
            } else if node.child_count() != 0 && has_visible_child(&node) {
                return None;
            }
            if entered {
                index = next;
                continue;
            }
            // Done with `index`'s subtree: move to the next sibling of it or
            // of an ancestor that still has a touching sibling left.
            let mut current = index;
            loop {
                let data = self.nodes[current as usize];
                let parent_end = if data.parent == NONE { return Some(SyntaxTree { nodes }) } else { self.nodes[data.parent as usize].subtree_end };
                let mut sibling = data.subtree_end;
                let mut found = false;
                while sibling < parent_end {
                    if !cursor.goto_next_sibling() {
                        return None;
                    }
                    if touches(&nodes[sibling as usize]) || has_error(&self.nodes[sibling as usize], cursor.node()) {
                        found = true;
                        break;
                    }
                    sibling = self.nodes[sibling as usize].subtree_end;
                }
                if found {
                    index = sibling;
                    break;
                }
                if cursor.goto_next_sibling() || !cursor.goto_parent() {
                    return None;
                }
                current = data.parent;
            }
        }
    }

    pub fn root(&self) -> Node<'_> {
        Node { tree: self, index: 0 }
    }

    /// The number of nodes (named and anonymous).
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }
}

/// One node's own data, read from tree-sitter (the cursor is on `node`).
fn read_node(node: &tree_sitter::Node, cursor: &tree_sitter::TreeCursor, parent: u32, prev_sibling: u32, subtree_end: u32) -> NodeData {
    let start = node.start_position();
    let end = node.end_position();
    let flags = (node.is_named() as u8 * NAMED)
        | (node.is_extra() as u8 * EXTRA)
        | (node.is_missing() as u8 * MISSING)
        | (node.is_error() as u8 * ERROR)
        | (node.has_error() as u8 * HAS_ERROR);
    NodeData {
        kind: node.kind_id(),
        field: cursor.field_id().map_or(0, |field| field.get()),
        flags,
        start_byte: node.start_byte() as u32,
        end_byte: node.end_byte() as u32,
        start: (start.row as u32, start.column as u32),
        end: (end.row as u32, end.column as u32),
        parent,
        subtree_end,
        prev_sibling,
    }
}

/// Whether `node` has a child the cursor would visit.
fn has_visible_child(node: &tree_sitter::Node) -> bool {
    node.walk().goto_first_child()
}

/// How an edit moves the positions of nodes that lie wholly after it (nodes
/// wholly before it keep theirs; nodes touching it are read again).
struct Shift {
    old_end_byte: u32,
    byte_delta: i64,
    old_end: (u32, u32),
    new_end: (u32, u32),
}

impl Shift {
    fn of(edit: &tree_sitter::InputEdit) -> Shift {
        Shift {
            old_end_byte: edit.old_end_byte as u32,
            byte_delta: edit.new_end_byte as i64 - edit.old_end_byte as i64,
            old_end: (edit.old_end_position.row as u32, edit.old_end_position.column as u32),
            new_end: (edit.new_end_position.row as u32, edit.new_end_position.column as u32),
        }
    }

    fn point(&self, (row, column): (u32, u32)) -> (u32, u32) {
        if row == self.old_end.0 {
            (self.new_end.0, column - self.old_end.1 + self.new_end.1)
        } else {
            ((row as i64 + self.new_end.0 as i64 - self.old_end.0 as i64) as u32, column)
        }
    }

    fn apply(&self, data: NodeData) -> NodeData {
        if data.start_byte < self.old_end_byte {
            return data;
        }
        NodeData {
            start_byte: (data.start_byte as i64 + self.byte_delta) as u32,
            end_byte: (data.end_byte as i64 + self.byte_delta) as u32,
            start: self.point(data.start),
            end: self.point(data.end),
            ..data
        }
    }
}

/// A node of a [`SyntaxTree`]: a copyable handle (tree + index).
#[derive(Clone, Copy)]
pub struct Node<'t> {
    tree: &'t SyntaxTree,
    index: u32,
}

impl PartialEq for Node<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.index == other.index && std::ptr::eq(self.tree, other.tree)
    }
}

impl Eq for Node<'_> {}

impl std::hash::Hash for Node<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write_usize(self.index as usize);
    }
}

impl fmt::Debug for Node<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{{Node {} {:?} - {:?}}}", self.kind(), self.start_position(), self.end_position())
    }
}

impl<'t> Node<'t> {
    fn data(&self) -> &'t NodeData {
        &self.tree.nodes[self.index as usize]
    }

    fn at(&self, index: u32) -> Option<Node<'t>> {
        (index != NONE).then_some(Node { tree: self.tree, index })
    }

    /// A number unique to this node within its tree (its preorder index).
    pub fn id(&self) -> usize {
        self.index as usize
    }

    pub fn kind_id(&self) -> u16 {
        self.data().kind
    }

    pub fn kind(&self) -> &'static str {
        LANGUAGE.node_kind_for_id(self.kind_id()).unwrap_or("")
    }

    pub fn is_named(&self) -> bool {
        self.data().flags & NAMED != 0
    }

    pub fn is_extra(&self) -> bool {
        self.data().flags & EXTRA != 0
    }

    pub fn is_missing(&self) -> bool {
        self.data().flags & MISSING != 0
    }

    pub fn is_error(&self) -> bool {
        self.data().flags & ERROR != 0
    }

    pub fn has_error(&self) -> bool {
        self.data().flags & HAS_ERROR != 0
    }

    pub fn start_byte(&self) -> usize {
        self.data().start_byte as usize
    }

    pub fn end_byte(&self) -> usize {
        self.data().end_byte as usize
    }

    pub fn byte_range(&self) -> std::ops::Range<usize> {
        self.start_byte()..self.end_byte()
    }

    /// Row and byte column of the start, both 0-based.
    pub fn start_position(&self) -> Point {
        let (row, column) = self.data().start;
        Point { row: row as usize, column: column as usize }
    }

    pub fn end_position(&self) -> Point {
        let (row, column) = self.data().end;
        Point { row: row as usize, column: column as usize }
    }

    pub fn parent(&self) -> Option<Node<'t>> {
        self.at(self.data().parent)
    }

    /// The id of the field this node fills in its parent, if any.
    pub fn field_id(&self) -> Option<u16> {
        let field = self.data().field;
        (field != 0).then_some(field)
    }

    pub fn next_sibling(&self) -> Option<Node<'t>> {
        let parent = self.parent()?;
        let next = self.data().subtree_end;
        (next < parent.data().subtree_end).then_some(Node { tree: self.tree, index: next })
    }

    pub fn prev_sibling(&self) -> Option<Node<'t>> {
        self.at(self.data().prev_sibling)
    }

    pub fn next_named_sibling(&self) -> Option<Node<'t>> {
        std::iter::successors(self.next_sibling(), Node::next_sibling).find(Node::is_named)
    }

    pub fn prev_named_sibling(&self) -> Option<Node<'t>> {
        std::iter::successors(self.prev_sibling(), Node::prev_sibling).find(Node::is_named)
    }

    /// Children in order, named and anonymous (comments included).
    pub fn children(&self) -> Children<'t> {
        let first = self.index + 1;
        let end = self.data().subtree_end;
        Children { tree: self.tree, next: first, end }
    }

    pub fn named_children(&self) -> impl Iterator<Item = Node<'t>> + 't {
        self.children().filter(Node::is_named)
    }

    pub fn child_count(&self) -> usize {
        self.children().count()
    }

    pub fn named_child_count(&self) -> usize {
        self.named_children().count()
    }

    pub fn child(&self, i: usize) -> Option<Node<'t>> {
        self.children().nth(i)
    }

    pub fn named_child(&self, i: usize) -> Option<Node<'t>> {
        self.named_children().nth(i)
    }

    /// The first child filling `field_id` (a `syntax::kinds::FIELD_*` constant).
    pub fn child_by_field_id(&self, field_id: u16) -> Option<Node<'t>> {
        if self.data().flags & HAS_FIELD_CHILD == 0 {
            return None;
        }
        self.children().find(|child| child.data().field == field_id)
    }

    /// [`Node::child_by_field_id`] for a field named at run time.
    pub fn child_by_field_name(&self, field_name: &str) -> Option<Node<'t>> {
        self.child_by_field_id(LANGUAGE.field_id_for_name(field_name)?.get())
    }

    /// Every child filling `field_id`, in order.
    pub fn children_by_field_id(&self, field_id: u16) -> impl Iterator<Item = Node<'t>> + 't {
        let has_fields = self.data().flags & HAS_FIELD_CHILD != 0;
        self.children().filter(move |child| has_fields && child.data().field == field_id)
    }

    /// The number of nodes in this subtree, itself included.
    pub fn descendant_count(&self) -> usize {
        (self.data().subtree_end - self.index) as usize
    }

    /// Preorder over this subtree, calling `visit` on each node and descending
    /// into its children only when `visit` returns true.
    pub fn walk_preorder(&self, mut visit: impl FnMut(Node<'t>) -> bool) {
        let end = self.data().subtree_end;
        let mut index = self.index;
        while index < end {
            let node = Node { tree: self.tree, index };
            index = if visit(node) { index + 1 } else { node.data().subtree_end };
        }
    }
}

/// The children of a node ([`Node::children`]).
#[derive(Clone)]
pub struct Children<'t> {
    tree: &'t SyntaxTree,
    next: u32,
    end: u32,
}

impl<'t> Iterator for Children<'t> {
    type Item = Node<'t>;

    fn next(&mut self) -> Option<Node<'t>> {
        if self.next >= self.end {
            return None;
        }
        let node = Node { tree: self.tree, index: self.next };
        self.next = node.data().subtree_end;
        Some(node)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(source: &str) -> tree_sitter::Tree {
        let mut parser = tree_sitter::Parser::new();
        parser.set_language(&LANGUAGE).unwrap();
        parser.parse(source, None).unwrap()
    }

    /// Whether `inserted` (a name character) went strictly inside a name that
    /// is not a keyword before or after the insertion.
    fn inside_plain_name(text: &str, start: usize, inserted: &str) -> bool {
        let is_name = |c: char| c.is_ascii_alphanumeric() || c == '_';
        if inserted.is_empty() || !inserted.chars().all(is_name) || start == 0 {
            return false;
        }
        let end = start + inserted.len();
        let (Some(before), Some(after)) = (text[..start].chars().last(), text[end..].chars().next()) else { return false };
        if !is_name(before) || !is_name(after) {
            return false;
        }
        let word_start = text[..start].rfind(|c: char| !is_name(c)).map_or(0, |i| i + 1);
        let word_end = text[end..].find(|c: char| !is_name(c)).map_or(text.len(), |i| end + i);
        let word = &text[word_start..word_end];
        let old_word = format!("{}{}", &text[word_start..start], &text[end..word_end]);
        const KEYWORDS: &[&str] = &["False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
            "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in",
            "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield", "match",
            "case", "type", "print", "exec"];
        !KEYWORDS.contains(&word) && !KEYWORDS.contains(&old_word.as_str()) && !word.starts_with(|c: char| c.is_ascii_digit())
    }

    /// Re-flattening after an edit gives exactly what a full flatten of the
    /// re-parse gives, for random one-edit changes to real Python files.
    #[test]
    fn reflatten_after_random_edits_equals_a_full_flatten() {
        let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules");
        let mut files: Vec<_> = std::fs::read_dir(&fixtures).unwrap().map(|entry| entry.unwrap().path()).collect();
        files.retain(|path| path.extension().is_some_and(|ext| ext == "py"));
        files.sort();
        let insertions = ["a", " ", "(", ")", ":", "\n", "\"", "'", "#", "[", "x = ", "\n    ", "", "", "1", "_", "."];
        let mut seed: u64 = 0x9e3779b97f4a7c15;
        let mut random = |bound: usize| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((seed >> 33) as usize) % bound.max(1)
        };
        let (mut reused, mut total) = (0, 0);
        let mut parser = tree_sitter::Parser::new();
        parser.set_language(&LANGUAGE).unwrap();
        for path in &files {
            let Ok(mut text) = std::fs::read_to_string(path) else { continue };
            let mut tree = parser.parse(&text, None).unwrap();
            let mut flat = SyntaxTree::new(&tree);
            for _ in 0..20 {
                let mut start = random(text.len() + 1);
                while !text.is_char_boundary(start) {
                    start -= 1;
                }
                let inserted = insertions[random(insertions.len())];
                let mut end = start + if inserted.is_empty() { 1 + random(3) } else { random(2) };
                end = end.min(text.len());
                while !text.is_char_boundary(end) {
                    end += 1;
                }
                let point_of = |text: &str, byte: usize| {
                    let before = &text[..byte];
                    let row = before.matches('\n').count();
                    let column = byte - before.rfind('\n').map_or(0, |newline| newline + 1);
                    Point { row, column }
                };
                let start_position = point_of(&text, start);
                let old_end_position = point_of(&text, end);
                text.replace_range(start..end, inserted);
                let edit = tree_sitter::InputEdit {
                    start_byte: start,
                    old_end_byte: end,
                    new_end_byte: start + inserted.len(),
                    start_position,
                    old_end_position,
                    new_end_position: point_of(&text, start + inserted.len()),
                };
                tree.edit(&edit);
                let new_tree = parser.parse(&text, Some(&tree)).unwrap();
                let expected = SyntaxTree::new(&new_tree);
                assert_eq!(expected.len(), new_tree.root_node().descendant_count());
                // Typing a letter inside a name that is not a keyword changes no
                // structure: the fast path must be taken (unless the file is
                // broken around it by earlier random edits).
                if start == end && inside_plain_name(&text, start, inserted) {
                    reused += flat.try_reflatten(&tree, &new_tree, &edit).is_some() as usize;
                    total += 1;
                }
                let actual = flat.reflatten(&tree, &new_tree, &edit);
                assert!(actual == expected, "{}: edit {edit:?} inserting {inserted:?}", path.display());
                flat = actual;
                tree = new_tree;
            }
        }
        assert!(total > 20 && reused * 10 > total * 9, "reflatten reused the old tree for only {reused} of {total} edits");
    }

    /// Every navigation answer equals tree-sitter's own, on every node.
    #[test]
    fn navigation_matches_tree_sitter() {
        let source = "import os\n\nclass A(B, metaclass=M):\n    def f(self, x=1, *a, **k):\n        if x:  # c\n            return [i for i in a if i]\n        elif x > (2):\n            pass\n        else:\n            del self.y[1:2]\n\nf(a)(b)[c] = lambda: (yield)\n";
        let tree = parse(source);
        let flat = SyntaxTree::new(&tree);
        let mut theirs = Vec::new();
        let mut cursor = tree.walk();
        'walk: loop {
            theirs.push(cursor.node());
            if cursor.goto_first_child() {
                continue;
            }
            while !cursor.goto_next_sibling() {
                if !cursor.goto_parent() {
                    break 'walk;
                }
            }
        }
        assert_eq!(flat.len(), theirs.len());
        let ours: Vec<Node> = {
            let mut all = Vec::new();
            flat.root().walk_preorder(|node| {
                all.push(node);
                true
            });
            all
        };
        let index_of = |node: tree_sitter::Node| theirs.iter().position(|other| *other == node).unwrap();
        for (mine, theirs_node) in ours.iter().zip(&theirs) {
            assert_eq!(mine.kind_id(), theirs_node.kind_id());
            assert_eq!(mine.byte_range(), theirs_node.byte_range());
            assert_eq!(mine.start_position(), theirs_node.start_position());
            assert_eq!(mine.end_position(), theirs_node.end_position());
            assert_eq!(mine.is_named(), theirs_node.is_named());
            assert_eq!(mine.parent().map(|p| p.id()), theirs_node.parent().map(index_of));
            assert_eq!(mine.next_sibling().map(|p| p.id()), theirs_node.next_sibling().map(index_of));
            assert_eq!(mine.prev_sibling().map(|p| p.id()), theirs_node.prev_sibling().map(index_of));
            assert_eq!(mine.prev_named_sibling().map(|p| p.id()), theirs_node.prev_named_sibling().map(index_of));
            assert_eq!(mine.child_count(), theirs_node.child_count() as usize);
            assert_eq!(mine.named_child_count(), theirs_node.named_child_count() as usize);
            for field in 1..=LANGUAGE.field_count() as u16 {
                assert_eq!(
                    mine.child_by_field_id(field).map(|c| c.id()),
                    theirs_node.child_by_field_id(field).map(index_of),
                    "field {field} of {}",
                    mine.kind()
                );
            }
        }
    }

    #[test]
    fn walk_skips_subtrees_when_told() {
        let tree = parse("def f():\n    x = 1\ny = 2\n");
        let flat = SyntaxTree::new(&tree);
        let mut kinds = Vec::new();
        flat.root().walk_preorder(|node| {
            kinds.push(node.kind());
            node.kind() != "function_definition"
        });
        assert_eq!(kinds, ["module", "function_definition", "expression_statement", "assignment", "identifier", "=", "integer"]);
    }
}
