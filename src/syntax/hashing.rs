//! Hash maps keyed by node ids and short names.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

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
        // Node ids are small dense indices: spread them with a Fibonacci multiply.
        self.0 = (value as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

pub type NodeMap<V> = HashMap<usize, V, BuildHasherDefault<IdHasher>>;
pub type FastHashMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;
pub type FastHashSet<K> = std::collections::HashSet<K, BuildHasherDefault<IdHasher>>;
