//! The options rules read, with pylint's defaults and names.

use super::{Rule, ALL};
use regex::Regex;

/// Which rules run and with which limits. Built by `config`.
#[derive(Clone, Debug)]
pub struct Settings {
    enabled: Vec<bool>,
    pub max_args: usize,
    pub max_positional_arguments: usize,
    pub max_branches: usize,
    pub max_returns: usize,
    pub max_locals: usize,
    pub max_statements: usize,
    pub max_attributes: usize,
    pub max_bool_expr: usize,
    pub max_nested_blocks: usize,
    pub max_parents: usize,
    pub min_public_methods: usize,
    pub max_public_methods: usize,
    pub max_line_length: usize,
    pub max_module_lines: usize,
    /// `dummy-variables-rgx`: names that may stay unused.
    pub dummy_variables: Regex,
    /// `ignored-argument-names`: arguments that may stay unused.
    pub ignored_argument_names: Regex,
    /// `notes`: the tags `fixme` looks for.
    pub notes: Vec<String>,
    /// `callbacks`: prefixes/suffixes of callback functions whose arguments may stay unused.
    pub callbacks: Vec<String>,
    /// `redefining-builtins-modules`.
    pub redefining_builtins_modules: Vec<String>,
    /// `allowed-redefined-builtins`.
    pub allowed_redefined_builtins: Vec<String>,
    /// `valid-classmethod-first-arg`: names a classmethod's first parameter may have.
    pub valid_classmethod_first_arg: Vec<String>,
    /// `valid-metaclass-classmethod-first-arg`: names a metaclass
    /// classmethod's first parameter may have.
    pub valid_metaclass_classmethod_first_arg: Vec<String>,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            enabled: ALL.iter().map(|_| true).collect(),
            max_args: 5,
            max_positional_arguments: 5,
            max_branches: 12,
            max_returns: 6,
            max_locals: 15,
            max_statements: 50,
            max_attributes: 7,
            max_bool_expr: 5,
            max_nested_blocks: 5,
            max_parents: 7,
            min_public_methods: 2,
            max_public_methods: 20,
            max_line_length: 100,
            max_module_lines: 1000,
            dummy_variables: Regex::new(r"^(?:_+$|(_[a-zA-Z0-9_]*[a-zA-Z0-9]+?$)|dummy|^ignored_|^unused_)")
                .expect("valid default regex"),
            ignored_argument_names: Regex::new(r"^(?:_.*|^ignored_|^unused_)").expect("valid default regex"),
            notes: vec!["FIXME".into(), "XXX".into(), "TODO".into()],
            callbacks: vec!["cb_".into(), "_cb".into()],
            redefining_builtins_modules: ["six.moves", "past.builtins", "future.builtins", "builtins", "io"]
                .map(String::from)
                .to_vec(),
            allowed_redefined_builtins: Vec::new(),
            valid_classmethod_first_arg: vec!["cls".into()],
            valid_metaclass_classmethod_first_arg: vec!["mcs".into()],
        }
    }
}

impl Settings {
    pub fn is_enabled(&self, rule: &Rule) -> bool {
        self.enabled[super::index_of(rule)]
    }

    pub fn set_enabled(&mut self, rule: &Rule, enabled: bool) {
        self.enabled[super::index_of(rule)] = enabled;
    }

    /// The enabled rules, in registry order.
    pub fn enabled_rules(&self) -> impl Iterator<Item = &'static Rule> + '_ {
        ALL.iter().copied().filter(|rule| self.is_enabled(rule))
    }
}
