//! Parent lookups in O(1).
//!
//! tree-sitter nodes have no parent pointer: `Node::parent` descends from the
//! root again, costing O(depth × siblings) per call. Rules that look upwards
//! from many nodes use this map, built by one cursor walk on first use.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use tree_sitter::Node;

/// A fast hasher for node ids (addresses) and short names; no DoS concern
/// since keys come from one file being analysed.
#[derive(Default)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // FNV-1a, for the short string keys (names) of the semantic model.
        let mut hash = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &byte in bytes {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = hash;
    }

    fn write_usize(&mut self, value: usize) {
        // Tree nodes are at least 8-byte aligned; mix the high bits down.
        self.0 = (value as u64 >> 3).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

pub type NodeMap<V> = HashMap<usize, V, BuildHasherDefault<IdHasher>>;
pub type FastHashMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;
pub type FastHashSet<K> = std::collections::HashSet<K, BuildHasherDefault<IdHasher>>;

/// The parent of every named node of a tree.
pub struct ParentMap<'t> {
    parents: NodeMap<Node<'t>>,
}

impl<'t> ParentMap<'t> {
    pub fn build(root: Node<'t>) -> ParentMap<'t> {
        let mut parents = NodeMap::with_capacity_and_hasher(root.descendant_count() / 2, Default::default());
        let mut cursor = root.walk();
        let mut stack: Vec<Node<'t>> = Vec::new();
        loop {
            let node = cursor.node();
            if let Some(parent) = stack.last() {
                if node.is_named() {
                    parents.insert(node.id(), *parent);
                }
            }
            if cursor.goto_first_child() {
                stack.push(node);
                continue;
            }
            loop {
                if cursor.goto_next_sibling() {
                    break;
                }
                if !cursor.goto_parent() {
                    return ParentMap { parents };
                }
                stack.pop();
            }
        }
    }

    /// The parent of `node` (anonymous tokens fall back to tree-sitter's lookup).
    pub fn parent(&self, node: Node<'t>) -> Option<Node<'t>> {
        match self.parents.get(&node.id()) {
            Some(parent) => Some(*parent),
            None if node.is_named() => None,
            None => node.parent(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::ParsedModule;

    #[test]
    fn agrees_with_tree_sitter() {
        let module = ParsedModule::parse("def f(a):\n    if a:\n        return [x for x in a]\n".into(), None);
        let parents = ParentMap::build(module.root());
        crate::syntax::walk(module.root(), |node| {
            assert_eq!(parents.parent(node), node.parent(), "{}", node.kind());
            true
        });
    }
}
