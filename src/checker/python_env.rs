//! What the checker asks the local `python3` once per environment: its
//! `sys.path` (where imported modules are), and the names of its compiled
//! standard-library modules (built into the interpreter or in lib-dynload).
//!
//! astroid imports such modules and builds them from what `dir()` lists, so
//! pylint knows what `from _socket import *` binds or whether `_signal`
//! has a name. There is no source to read for them, hence the question.
//! Third-party extension modules are not asked about: astroid does not
//! load them either.

use crate::semantic::summary::CompiledClass;
use std::collections::HashMap;
use std::io::Read;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// An interpreter that has not answered by then is stopped; the run goes
/// on without its answer.
const PYTHON_TIMEOUT: Duration = Duration::from_secs(20);

/// The answer of the local `python3` (empty when there is none).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PythonEnvironment {
    /// The directories of `sys.path`.
    pub sys_path: Vec<PathBuf>,
    /// Compiled standard-library module name → `dir(module)`.
    pub compiled: HashMap<String, Vec<String>>,
    /// Compiled module name → the classes it defines itself (whose
    /// `__module__` is that module), by name. A required field: an answer
    /// cached before it existed does not parse, and `python3` is asked again.
    pub compiled_classes: HashMap<String, HashMap<String, CompiledClass>>,
}

/// Prints the environment as JSON. Each compiled module is imported with its
/// output swallowed; one that fails to import is left out (astroid cannot
/// build it either). CPython's test and example extensions are skipped.
///
/// For each class a compiled module defines, what astroid's raw builder
/// makes of it: the base names it writes (`__bases__`' names, inferred
/// later in the module's scope), and the class's `locals`, which are
/// everything `dir(cls)` lists, routines (built as methods) apart from the
/// rest. What `object` itself has is left out of both lists. A class whose
/// `__module__` names another module is an import to astroid (`_io` aside,
/// which astroid always builds in place); those are not listed.
pub(super) const QUERY: &str = r#"
import contextlib, inspect, io, json, os, sys
common = set(dir(object))
def describe(cls, module_name):
    attributes, methods = [], []
    for name in dir(cls):
        if name in common or not isinstance(name, str):
            continue
        try:
            member = getattr(cls, name)
        except BaseException:
            attributes.append(name)
            continue
        if inspect.ismethod(member):
            member = member.__func__
        if inspect.isfunction(member):
            routine = True
        elif inspect.isbuiltin(member):
            # astroid's `imported_member`: a builtin of another module (or
            # of none) is an import or a placeholder, not a method.
            owner = getattr(member, "__module__", None)
            routine = owner is not None and (owner == module_name or owner == "_io")
        elif inspect.isclass(member):
            routine = False
        elif inspect.ismethoddescriptor(member):
            routine = True
        elif inspect.isdatadescriptor(member):
            routine = False
        else:
            routine = inspect.isroutine(member)
        (methods if routine else attributes).append(name)
    return {"bases": [base.__name__ for base in cls.__bases__], "attributes": attributes, "methods": methods}
names = set(sys.builtin_module_names)
# lib-dynload is on sys.path, in a virtual environment too (where the
# standard library's paths of sysconfig point into the environment).
for dynload in [p for p in sys.path if os.path.basename(p) in ("lib-dynload", "DLLs") and os.path.isdir(p)]:
    names.update(f.split(".")[0] for f in os.listdir(dynload) if f.endswith((".so", ".pyd")))
compiled, classes = {}, {}
for name in sorted(names):
    if name.startswith(("_test", "xx", "_xx", "_ctypes_test")):
        continue
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            module = __import__(name)
        compiled[name] = [attribute for attribute in dir(module) if isinstance(attribute, str)]
    except BaseException:
        continue
    own = {}
    for attribute in compiled[name]:
        try:
            member = getattr(module, attribute)
            if inspect.isclass(member) and (getattr(member, "__module__", None) == name or name == "_io"):
                own[attribute] = describe(member, name)
        except BaseException:
            pass
    if own:
        classes[name] = own
json.dump({"sys_path": [p for p in sys.path if p], "compiled": compiled, "compiled_classes": classes}, sys.stdout)
"#;

/// Asks the local `python3`, in isolated mode (no user site, no PYTHON*
/// variables). Directories of `sys.path` that do not exist are dropped.
pub fn ask_python() -> PythonEnvironment {
    let Some(output) = run_with_timeout("python3", &["-I", "-c", QUERY]) else { return PythonEnvironment::default() };
    let mut environment: PythonEnvironment = serde_json::from_slice(&output).unwrap_or_default();
    environment.sys_path.retain(|path| path.is_dir());
    environment
}

/// The standard output of a command that exits successfully within
/// [`PYTHON_TIMEOUT`].
fn run_with_timeout(program: &str, arguments: &[&str]) -> Option<Vec<u8>> {
    let mut child = std::process::Command::new(program)
        .args(arguments)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .ok()?;
    // Read on another thread: a full pipe would block the child forever.
    let mut stdout = child.stdout.take()?;
    let reader = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        stdout.read_to_end(&mut bytes).map(|_| bytes)
    });
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() < PYTHON_TIMEOUT => std::thread::sleep(Duration::from_millis(2)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
        }
    };
    let bytes = reader.join().ok()?.ok()?;
    status.success().then_some(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_command_that_fails_or_is_missing_gives_nothing() {
        assert_eq!(run_with_timeout("sh", &["-c", "echo partial; exit 3"]), None);
        assert_eq!(run_with_timeout("/no/such/program", &[]), None);
        assert_eq!(run_with_timeout("sh", &["-c", "echo ok"]), Some(b"ok\n".to_vec()));
    }

    #[test]
    fn lists_the_names_of_compiled_modules() {
        // CI and development machines have a python3; where there is none the
        // environment is empty and there is nothing to check.
        let environment = ask_python();
        if environment.sys_path.is_empty() {
            return;
        }
        let sys_names = environment.compiled.get("sys").expect("sys is built into every CPython");
        assert!(sys_names.iter().any(|name| name == "path"));
        assert!(!environment.compiled.contains_key("os"), "os has Python source");
        let profiler = &environment.compiled_classes["_lsprof"]["Profiler"];
        assert_eq!(profiler.bases, ["object"]);
        assert!(profiler.methods.iter().any(|method| method == "enable"), "{profiler:?}");
        assert!(!profiler.methods.iter().any(|method| method == "__init__"), "object's own names are left out");
        // `_ctypes` is missing from Pythons built without libffi.
        if let Some(structure) = environment.compiled_classes.get("_ctypes").and_then(|classes| classes.get("Structure")) {
            assert_eq!(structure.bases, ["_CData"], "astroid looks the base up by name");
        }
        assert!(!environment.compiled_classes.get("_collections").is_some_and(|classes| classes.contains_key("defaultdict")),
            "a class whose __module__ is another module is an import to astroid");
    }
}
