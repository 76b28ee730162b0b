//! Numeric tree-sitter-python node kind ids, generated from
//! `grammars/python/node-kinds.txt` by build.rs.

include!(concat!(env!("OUT_DIR"), "/node_kinds.rs"));
