//! pylint's evaluation: `max(0, 0 if fatal else 10 − (5E + W + R + C) / S · 10)`.
//!
//! Like pylint's json2 reporter, a file without statements divides by 1, so
//! an empty or docstring-only file scores 10.0 and a syntax error scores 0.

use crate::rules::Category;
use serde::{Deserialize, Serialize};

/// Messages per category.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    #[serde(rename = "E")]
    pub error: usize,
    #[serde(rename = "W")]
    pub warning: usize,
    #[serde(rename = "R")]
    pub refactor: usize,
    #[serde(rename = "C")]
    pub convention: usize,
    #[serde(rename = "F")]
    pub fatal: usize,
}

impl Counts {
    pub fn add(&mut self, category: Category) {
        match category {
            Category::Error => self.error += 1,
            Category::Warning => self.warning += 1,
            Category::Refactor => self.refactor += 1,
            Category::Convention => self.convention += 1,
            Category::Fatal => self.fatal += 1,
        }
    }

    pub fn merge(&mut self, other: &Counts) {
        self.error += other.error;
        self.warning += other.warning;
        self.refactor += other.refactor;
        self.convention += other.convention;
        self.fatal += other.fatal;
    }
}

/// The 0–10 score of `counts` over `statements`.
pub fn score(counts: &Counts, statements: usize) -> f64 {
    if counts.fatal > 0 {
        return 0.0;
    }
    let penalty = (5 * counts.error + counts.warning + counts.refactor + counts.convention) as f64;
    (10.0 - penalty / statements.max(1) as f64 * 10.0).max(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_weigh_five_times() {
        let counts = Counts { error: 1, warning: 1, ..Counts::default() };
        assert!((score(&counts, 20) - 7.0).abs() < 1e-9);
    }

    #[test]
    fn floors_at_zero_and_fatal_is_zero() {
        assert_eq!(score(&Counts { convention: 50, ..Counts::default() }, 3), 0.0);
        assert_eq!(score(&Counts { fatal: 1, ..Counts::default() }, 100), 0.0);
    }

    #[test]
    fn no_statements_divides_by_one() {
        assert_eq!(score(&Counts::default(), 0), 10.0);
        assert_eq!(score(&Counts { error: 1, ..Counts::default() }, 0), 0.0);
    }
}
