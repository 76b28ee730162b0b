//! When a completion ends: stop sequences, and Python-aware stops — a new line
//! that dedents out of the block the cursor is in, or starts a new top-level
//! `def`/`class` after module-level code.

/// Where to cut a completion (byte offset), if a stop condition is met.
pub trait Stop {
    fn cut(&self, completion: &str) -> Option<usize>;
    /// How many trailing bytes may still turn into a stop and must not be
    /// streamed yet.
    fn holdback(&self, completion: &str) -> usize;
}

/// Literal stop strings; the completion ends before the first one.
#[derive(Clone, Debug, Default)]
pub struct StopSequences(pub Vec<String>);

impl Stop for StopSequences {
    fn cut(&self, completion: &str) -> Option<usize> {
        self.0.iter().filter(|s| !s.is_empty()).filter_map(|s| completion.find(s.as_str())).min()
    }

    fn holdback(&self, completion: &str) -> usize {
        let mut longest = 0;
        for stop in &self.0 {
            for len in (1..stop.len()).rev() {
                if len > longest && stop.is_char_boundary(len) && completion.ends_with(&stop[..len]) {
                    longest = len;
                    break;
                }
            }
        }
        longest
    }
}

/// Python block structure. The cursor line is the text before the cursor on
/// its line followed by the completion's first line; its indentation is the
/// base. A later non-blank line ends the completion (cut at its start) when
/// - it is indented less than the base (it left the cursor's block), or
/// - the cursor line opens a block (ends with `:`) and it is indented no more
///   than the base (that block is finished), or
/// - the base is 0 and it starts a new top-level `def`, `class` or decorator.
///
/// Lines starting with a closing bracket are never a stop. Bracket and string
/// contents are not tracked: a dedented line inside a triple-quoted string
/// ends the completion too.
#[derive(Clone, Debug)]
pub struct PythonStop {
    line_before_cursor: String,
}

impl PythonStop {
    /// `before_cursor`: the file's text before the cursor.
    pub fn new(before_cursor: &str) -> Self {
        let line = before_cursor.rsplit('\n').next().unwrap_or("");
        Self { line_before_cursor: line.to_owned() }
    }
}

fn indentation(line: &str) -> usize {
    line.chars().take_while(|c| *c == ' ' || *c == '\t').map(|c| if c == '\t' { 8 } else { 1 }).sum()
}

impl Stop for PythonStop {
    fn cut(&self, completion: &str) -> Option<usize> {
        let mut lines = completion.split_inclusive('\n');
        let first = lines.next()?;
        let mut offset = first.len();
        let cursor_line = format!("{}{}", self.line_before_cursor, first.trim_end_matches('\n'));
        let mut seen_first = !cursor_line.trim().is_empty();
        let mut base = indentation(&cursor_line);
        let mut opens_block = cursor_line.trim_end().ends_with(':');
        for line in lines {
            let start = offset;
            offset += line.len();
            let complete = line.ends_with('\n');
            let content = line.trim_start_matches([' ', '\t']);
            let text = content.trim_end();
            if text.is_empty() {
                // Blank so far: undecided until it has content or ends.
                continue;
            }
            if !seen_first {
                // The cursor was on a blank line: the first code line sets the base.
                base = indentation(line);
                opens_block = text.ends_with(':');
                seen_first = true;
                continue;
            }
            if text.starts_with([')', ']', '}']) {
                continue;
            }
            let indent = indentation(line);
            let top_level_def = indent == 0
                && ["def ", "class ", "async def ", "@"].iter().any(|k| text.starts_with(k))
                && (complete || text.len() >= 4);
            if indent < base || (opens_block && indent <= base) || (base == 0 && top_level_def) {
                return Some(start);
            }
        }
        None
    }

    fn holdback(&self, completion: &str) -> usize {
        // An unfinished line whose indentation is still unknown may yet dedent.
        let last = completion.rsplit('\n').next().unwrap_or("");
        if completion.contains('\n') && (last.trim().is_empty() || last.trim().len() < 6) {
            last.len()
        } else {
            0
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_sequences_cut_and_hold_back_partial_matches() {
        let stops = StopSequences(vec!["<|im_end|>".into(), "\n\n\n".into()]);
        assert_eq!(stops.cut("x = 1<|im_end|>junk"), Some(5));
        assert_eq!(stops.holdback("x = 1<|im_"), 5);
        assert_eq!(stops.holdback("x = 1"), 0);
    }

    #[test]
    fn dedent_out_of_the_cursor_block_stops() {
        let stop = PythonStop::new("def f(x):\n    y = ");
        let completion = "x + 1\n    return y\n\n\ndef g():\n    pass\n";
        assert_eq!(stop.cut(completion), Some(completion.find("def g").unwrap()));
    }

    #[test]
    fn a_block_opened_at_the_cursor_ends_at_its_own_indentation() {
        let stop = PythonStop::new("class A:\n    def ");
        let completion = "m(self):\n        return 1\n\n    def n(self):\n        pass\n";
        assert_eq!(stop.cut(completion), Some(completion.find("    def n").unwrap()));
    }

    #[test]
    fn nested_blocks_and_brackets_continue_until_the_opened_block_ends() {
        let stop = PythonStop::new("def f(x):\n    ");
        let completion = "if x:\n        return g(\n            x,\n    )\n    return 0\n";
        assert_eq!(stop.cut(completion), Some(completion.find("    return 0").unwrap()));
        let stop = PythonStop::new("def f(x):\n    y = ");
        assert_eq!(stop.cut("g(\n        x,\n    )\n    return y\n"), None);
    }

    #[test]
    fn module_level_code_stops_at_a_new_top_level_def() {
        let stop = PythonStop::new("import os\n");
        let completion = "x = os.getcwd()\nprint(x)\ndef main():\n";
        assert_eq!(stop.cut(completion), Some(completion.find("def main").unwrap()));
    }

    #[test]
    fn blank_cursor_line_takes_the_first_code_line_as_base() {
        let stop = PythonStop::new("def f():\n");
        let completion = "    a = 1\n    return a\nx = f()\n";
        assert_eq!(stop.cut(completion), Some(completion.find("x = f()").unwrap()));
    }
}
