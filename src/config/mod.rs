//! Settings from profiles and pylint configuration files.
//!
//! pyqual reads pylint's own formats so a project keeps one configuration:
//! `pylintrc` / `.pylintrc` (INI, any section) and `[tool.pylint.*]` in
//! `pyproject.toml`. A profile gives the base (`paper` by default); a project
//! file found next to the checked files, or given with `--rcfile`, refines it.

use crate::rules::{self, Settings};
use anyhow::{bail, Context as _, Result};
use regex::Regex;
use std::path::{Path, PathBuf};

/// Built-in starting points.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Profile {
    /// The paper's exclusions (whitespace, newlines, naming, imports, docstrings, line length).
    #[default]
    Paper,
    /// The paper's literal exclusions only (docstrings and line length stay on).
    PaperStrict,
    /// pylint's own defaults.
    Pylint,
}

impl Profile {
    /// `paper`, `paper-strict` or `pylint` (as on the command line).
    pub fn from_name(name: &str) -> Option<Profile> {
        <Profile as clap::ValueEnum>::from_str(name, true).ok()
    }

    pub fn rcfile_text(self) -> &'static str {
        match self {
            Profile::Paper => include_str!("profiles/paper.pylintrc"),
            Profile::PaperStrict => include_str!("profiles/paper_strict.pylintrc"),
            Profile::Pylint => "",
        }
    }

    pub fn settings(self) -> Settings {
        let mut settings = Settings::default();
        apply_options(&mut settings, &parse_ini(self.rcfile_text()))
            .expect("built-in profiles are valid");
        settings
    }
}

/// `key = value` pairs of a configuration, in file order.
pub type Options = Vec<(String, String)>;

/// The profile's settings refined by `config_file` if given.
pub fn load(profile: Profile, config_file: Option<&Path>) -> Result<Settings> {
    let mut settings = profile.settings();
    if let Some(path) = config_file {
        let options = read_config_file(path)?;
        apply_options(&mut settings, &options).with_context(|| format!("in {}", path.display()))?;
    }
    Ok(settings)
}

/// The pylint configuration that applies in `directory`: the nearest
/// `pylintrc`, `.pylintrc` or `pyproject.toml` with a `[tool.pylint]` table,
/// looking upwards.
pub fn discover(directory: &Path) -> Option<PathBuf> {
    for dir in directory.ancestors() {
        for name in ["pylintrc", ".pylintrc"] {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
        let pyproject = dir.join("pyproject.toml");
        if pyproject.is_file()
            && std::fs::read_to_string(&pyproject).is_ok_and(|text| text.contains("[tool.pylint"))
        {
            return Some(pyproject);
        }
    }
    None
}

pub fn read_config_file(path: &Path) -> Result<Options> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    if path.file_name().is_some_and(|name| name == "pyproject.toml") {
        parse_pyproject(&text).with_context(|| format!("in {}", path.display()))
    } else {
        Ok(parse_ini(&text))
    }
}

/// INI as pylint reads it: sections are irrelevant, `#`/`;` start comments,
/// indented lines continue the previous value.
pub fn parse_ini(text: &str) -> Options {
    let mut options: Options = Vec::new();
    for raw in text.lines() {
        let line = strip_ini_comment(raw);
        if line.trim().is_empty() || line.trim_start().starts_with('[') {
            continue;
        }
        let continuation = raw.starts_with([' ', '\t']);
        if continuation {
            if let Some((_, value)) = options.last_mut() {
                value.push('\n');
                value.push_str(line.trim());
                continue;
            }
        }
        if let Some((key, value)) = line.split_once(['=', ':']) {
            options.push((key.trim().to_ascii_lowercase(), value.trim().to_string()));
        }
    }
    options
}

fn strip_ini_comment(line: &str) -> &str {
    let trimmed = line.trim_start();
    if trimmed.starts_with('#') || trimmed.starts_with(';') {
        return "";
    }
    // Inline comments need whitespace before them (configparser's rule).
    let bytes = line.as_bytes();
    for (index, &byte) in bytes.iter().enumerate() {
        if (byte == b'#' || byte == b';') && index > 0 && bytes[index - 1].is_ascii_whitespace() {
            return &line[..index];
        }
    }
    line
}

fn parse_pyproject(text: &str) -> Result<Options> {
    let document: toml::Table = text.parse()?;
    let mut options = Vec::new();
    let Some(pylint) = document.get("tool").and_then(|tool| tool.get("pylint")) else {
        return Ok(options);
    };
    let mut tables = vec![pylint];
    while let Some(table) = tables.pop() {
        let Some(table) = table.as_table() else { continue };
        for (key, value) in table {
            let text = match value {
                toml::Value::Table(_) => {
                    tables.push(value);
                    continue;
                }
                toml::Value::Array(items) => items
                    .iter()
                    .map(|item| item.as_str().map(str::to_string).unwrap_or_else(|| item.to_string()))
                    .collect::<Vec<_>>()
                    .join(","),
                toml::Value::String(text) => text.clone(),
                other => other.to_string(),
            };
            options.push((key.to_ascii_lowercase(), text));
        }
    }
    Ok(options)
}

/// Applies options onto settings. `disable` is applied before `enable`, as
/// pylint does within one file.
pub fn apply_options(settings: &mut Settings, options: &Options) -> Result<()> {
    for phase in ["disable", "enable"] {
        for (key, value) in options.iter().filter(|(key, _)| key == phase) {
            let _ = key;
            for name in split_list(value) {
                set_by_name(settings, &name, phase == "enable");
            }
        }
    }
    for (key, value) in options {
        let number = || -> Result<usize> {
            value.trim().parse().with_context(|| format!("`{key}` expects a number, got `{value}`"))
        };
        let regex = || -> Result<Regex> {
            // pylint applies these with `re.match`: anchored at the start.
            Regex::new(&format!("^(?:{})", value.trim()))
                .with_context(|| format!("`{key}` is not a valid regular expression"))
        };
        match key.as_str() {
            "max-args" => settings.max_args = number()?,
            "max-positional-arguments" => settings.max_positional_arguments = number()?,
            "max-branches" => settings.max_branches = number()?,
            "max-returns" => settings.max_returns = number()?,
            "max-locals" => settings.max_locals = number()?,
            "max-statements" => settings.max_statements = number()?,
            "max-attributes" => settings.max_attributes = number()?,
            "max-bool-expr" => settings.max_bool_expr = number()?,
            "max-nested-blocks" => settings.max_nested_blocks = number()?,
            "max-parents" => settings.max_parents = number()?,
            "min-public-methods" => settings.min_public_methods = number()?,
            "max-public-methods" => settings.max_public_methods = number()?,
            "max-line-length" => settings.max_line_length = number()?,
            "max-module-lines" => settings.max_module_lines = number()?,
            "dummy-variables-rgx" => settings.dummy_variables = regex()?,
            "ignored-argument-names" => settings.ignored_argument_names = regex()?,
            "notes" => settings.notes = split_list(value),
            "callbacks" => settings.callbacks = split_list(value),
            "allowed-redefined-builtins" => settings.allowed_redefined_builtins = split_list(value),
            "redefining-builtins-modules" => settings.redefining_builtins_modules = split_list(value),
            "valid-classmethod-first-arg" => settings.valid_classmethod_first_arg = split_list(value),
            "valid-metaclass-classmethod-first-arg" => settings.valid_metaclass_classmethod_first_arg = split_list(value),
            _ => {}
        }
    }
    Ok(())
}

/// Enables or disables by message id, symbol, checker name, category letter or `all`.
/// Names of messages pyqual does not implement are accepted and ignored.
pub fn set_by_name(settings: &mut Settings, name: &str, enabled: bool) {
    let name = name.trim();
    for rule in rules::ALL {
        let matches = name.eq_ignore_ascii_case("all")
            || rule.is_named(name)
            || rule.checker.eq_ignore_ascii_case(name)
            || (name.len() == 1 && rule.code.starts_with(&name.to_ascii_uppercase()));
        if matches {
            settings.set_enabled(rule, enabled);
        }
    }
}

fn split_list(value: &str) -> Vec<String> {
    value
        .split([',', '\n'])
        .map(|item| item.trim().to_string())
        .filter(|item| !item.is_empty())
        .collect()
}

/// Parses `--enable`/`--disable` style lists from the command line.
pub fn apply_cli_lists(settings: &mut Settings, disable: &[String], enable: &[String]) -> Result<()> {
    for (names, enabled) in [(disable, false), (enable, true)] {
        for name in names.iter().flat_map(|list| split_list(list)) {
            if !name.eq_ignore_ascii_case("all")
                && rules::find(&name).is_none()
                && !rules::ALL.iter().any(|rule| rule.checker.eq_ignore_ascii_case(&name))
                && name.len() != 1
            {
                bail!("unknown message or checker `{name}` (see `pyqual check --list-rules`)");
            }
            set_by_name(settings, &name, enabled);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paper_profile_disables_what_the_paper_excludes() {
        let settings = Profile::Paper.settings();
        let multiple = rules::find("C0321").unwrap();
        assert!(settings.is_enabled(multiple));
        let ini = parse_ini("[MESSAGES CONTROL]\ndisable=\n    multiple-statements,  # C0321\n    W\n");
        let mut custom = Settings::default();
        apply_options(&mut custom, &ini).unwrap();
        assert!(!custom.is_enabled(multiple));
    }

    #[test]
    fn profiles_match_the_shared_oracle_files_when_present() {
        let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/oracle");
        for (file, profile) in [("paper.pylintrc", Profile::Paper), ("paper_strict.pylintrc", Profile::PaperStrict)] {
            if let Ok(text) = std::fs::read_to_string(shared.join(file)) {
                assert_eq!(text, profile.rcfile_text(), "{file} drifted from ../shared/oracle");
            }
        }
    }

    #[test]
    fn pyproject_tables_and_numbers() {
        let options = parse_pyproject(
            "[tool.pylint.design]\nmax-args = 3\n[tool.pylint.'messages control']\ndisable = [\"C0321\"]\n",
        )
        .unwrap();
        let mut settings = Settings::default();
        apply_options(&mut settings, &options).unwrap();
        assert_eq!(settings.max_args, 3);
        assert!(!settings.is_enabled(rules::find("multiple-statements").unwrap()));
        let bad = vec![("max-args".to_string(), "many".to_string())];
        assert!(apply_options(&mut settings, &bad).is_err());
    }
}
