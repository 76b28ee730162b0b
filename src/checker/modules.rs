//! Finding imported modules on disk for the rules that follow base classes
//! into other modules (as astroid does): relative imports from the importing
//! file's package, absolute ones from its package root and the local Python's
//! `sys.path`. Each file is parsed and summarized once per run, or read back
//! from the on-disk summary cache when it has not changed since.

use super::python_env::{ask_python, PythonEnvironment};
use super::summary_cache::{FileStamp, SummaryCache};
use crate::semantic::summary::{ModuleIndex, ModuleRef, ModuleSummary};
use crate::syntax::ParsedModule;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

/// Modules larger than this are not summarized (generated tables, data).
const MAX_MODULE_BYTES: u64 = 4 * 1024 * 1024;

#[derive(Default)]
pub struct FileModuleIndex {
    /// Extra absolute-import roots (`sys.path`) and the compiled modules;
    /// `None` until `python3` is asked.
    environment: OnceLock<PythonEnvironment>,
    environment_query: Mutex<Option<std::thread::JoinHandle<PythonEnvironment>>>,
    /// Summaries of the compiled modules imported so far, by name.
    compiled: Mutex<HashMap<String, Option<ModuleRef>>>,
    /// What (importing directory, level, module) resolved to, by a hash of
    /// the three (rules ask the same question for every method of a class,
    /// so a lookup neither allocates a key nor hashes a path by components).
    resolved: Mutex<crate::syntax::FastHashMap<u64, Vec<ResolvedImport>>>,
    summaries: Mutex<HashMap<PathBuf, Option<Arc<ModuleSummary>>>>,
    cache: Option<SummaryCache>,
    /// `is_missing` answers by (importing directory, top-level module name).
    missing: Mutex<HashMap<(PathBuf, String), bool>>,
    /// The names of the compiled extension modules (`name.*.so`, `.pyd`) of
    /// each directory `is_missing` looked in.
    extension_modules: Mutex<HashMap<PathBuf, Arc<std::collections::HashSet<String>>>>,
    /// Summaries read from `cache` instead of being built.
    cache_hits: AtomicUsize,
    /// Time spent asking `python3` and reading, parsing and summarizing
    /// imported modules, summed over threads (for `--timings`).
    loading_nanos: AtomicU64,
}

impl FileModuleIndex {
    /// Starts asking the local `python3` for its `sys.path` in the background
    /// (spawning an interpreter takes tens of milliseconds, which then overlap
    /// with linting instead of stalling the first file that imports something).
    pub fn new() -> FileModuleIndex {
        FileModuleIndex::with_cache(None)
    }

    /// As `new`, keeping summaries (and `sys.path`) in `cache` between runs.
    pub fn with_cache(cache: Option<SummaryCache>) -> FileModuleIndex {
        let index = FileModuleIndex { cache, ..FileModuleIndex::default() };
        match index.cache.as_ref().and_then(SummaryCache::python_environment) {
            Some(environment) => {
                let _ = index.environment.set(environment);
            }
            None => *index.environment_query.lock().expect("fresh mutex") = Some(std::thread::spawn(ask_python)),
        }
        index
    }

    /// With an explicit search path instead of the local Python's.
    pub fn with_search_path(path: Vec<PathBuf>) -> FileModuleIndex {
        let index = FileModuleIndex::default();
        let _ = index.environment.set(PythonEnvironment { sys_path: path, ..PythonEnvironment::default() });
        index
    }

    /// How many of the loaded summaries came from the on-disk cache.
    pub fn cache_hits(&self) -> usize {
        self.cache_hits.load(Ordering::Relaxed)
    }

    /// Time spent finding `sys.path` and loading imported modules, summed over threads.
    pub fn loading_time(&self) -> Duration {
        Duration::from_nanos(self.loading_nanos.load(Ordering::Relaxed))
    }

    /// The number of imported modules summarized so far.
    pub fn loaded_modules(&self) -> usize {
        self.summaries.lock().map_or(0, |summaries| summaries.values().filter(|summary| summary.is_some()).count())
    }

    fn add_loading_time(&self, started: Instant) {
        self.loading_nanos.fetch_add(started.elapsed().as_nanos() as u64, Ordering::Relaxed);
    }

    fn environment(&self) -> &PythonEnvironment {
        self.environment.get_or_init(|| {
            let started = Instant::now();
            let query = self.environment_query.lock().ok().and_then(|mut query| query.take());
            let environment = query.and_then(|query| query.join().ok()).unwrap_or_else(ask_python);
            if let Some(cache) = &self.cache {
                cache.put_python_environment(&environment);
            }
            self.add_loading_time(started);
            environment
        })
    }

    fn python_path(&self) -> &[PathBuf] {
        &self.environment().sys_path
    }

    /// A compiled standard-library module as astroid builds it: the names
    /// `dir()` lists. `None` for submodules and for modules the local
    /// Python does not have.
    fn compiled_module(&self, module: &str) -> Option<ModuleRef> {
        if let Some(known) = self.compiled.lock().ok()?.get(module) {
            return known.clone();
        }
        let environment = self.environment();
        let found = environment.compiled.get(module).map(|names| {
            let classes = environment.compiled_classes.get(module).map(|classes| classes.clone().into_iter().collect()).unwrap_or_default();
            ModuleRef { path: PathBuf::from(format!("<compiled>/{module}")), summary: Arc::new(ModuleSummary::of_compiled(names, classes)) }
        });
        self.compiled.lock().ok()?.insert(module.to_string(), found.clone());
        found
    }

    fn load(&self, path: &Path) -> Option<Arc<ModuleSummary>> {
        if let Some(cached) = self.summaries.lock().ok()?.get(path) {
            return cached.clone();
        }
        let started = Instant::now();
        let summary = self.read_or_build(path).map(Arc::new);
        self.summaries.lock().ok()?.insert(path.to_path_buf(), summary.clone());
        self.add_loading_time(started);
        summary
    }

    fn read_or_build(&self, path: &Path) -> Option<ModuleSummary> {
        let metadata = std::fs::metadata(path).ok().filter(|metadata| metadata.len() <= MAX_MODULE_BYTES)?;
        let stamp = FileStamp::of(&metadata);
        if let (Some(cache), Some(stamp)) = (&self.cache, stamp) {
            if let Some(summary) = cache.get(path, stamp) {
                self.cache_hits.fetch_add(1, Ordering::Relaxed);
                return Some(summary);
            }
        }
        let source = super::decode(&std::fs::read(path).ok()?).ok()?;
        let module = ParsedModule::parse(source, None);
        let mut summary = ModuleSummary::build(&module.source, module.root());
        summary.extend_with_brain(&crate::semantic::summary::dotted_module_name(path));
        if let (Some(cache), Some(stamp)) = (&self.cache, stamp) {
            cache.put(path, stamp, &summary);
        }
        Some(summary)
    }

    fn find_in(&self, base: &Path, module: &str) -> Option<ModuleRef> {
        let mut path = base.to_path_buf();
        for part in module.split('.').filter(|part| !part.is_empty()) {
            path.push(part);
        }
        let candidates = if module.is_empty() {
            vec![path.join("__init__.py")]
        } else {
            vec![path.with_extension("py"), path.join("__init__.py")]
        };
        candidates.into_iter().find(|candidate| candidate.is_file()).and_then(|file| {
            let summary = self.load(&file)?;
            Some(ModuleRef { path: file, summary })
        })
    }
}

/// CPython's modules that have no Python source anywhere (built in, frozen,
/// or extension modules in lib-dynload; CPython 3.8–3.13 on Linux, macOS and
/// Windows). Nothing can be summarized for them, and looking for them would
/// cost a `python3` process for nothing.
const COMPILED_MODULES: &[&str] = &[
    "_abc", "_ast", "_asyncio", "_bisect", "_blake2", "_bz2", "_codecs", "_codecs_cn", "_codecs_hk",
    "_codecs_iso2022", "_codecs_jp", "_codecs_kr", "_codecs_tw", "_collections", "_contextvars", "_crypt", "_csv",
    "_ctypes", "_curses", "_curses_panel", "_datetime", "_decimal", "_elementtree", "_frozen_importlib",
    "_frozen_importlib_external", "_functools", "_hashlib", "_heapq", "_imp", "_io", "_json", "_locale", "_lsprof",
    "_lzma", "_md5", "_msi", "_multibytecodec", "_multiprocessing", "_opcode", "_operator", "_overlapped", "_pickle",
    "_posixshmem", "_posixsubprocess", "_queue", "_random", "_scproxy", "_sha1", "_sha2", "_sha256", "_sha3",
    "_sha512", "_signal", "_socket", "_sqlite3", "_sre", "_ssl", "_stat", "_statistics", "_string", "_struct",
    "_symtable", "_thread", "_tkinter", "_tokenize", "_tracemalloc", "_typing", "_uuid", "_warnings", "_weakref",
    "_winapi", "_winreg", "_zoneinfo", "array", "atexit", "audioop", "binascii", "builtins", "cmath", "errno",
    "faulthandler", "fcntl", "gc", "grp", "itertools", "marshal", "math", "mmap", "msvcrt", "nis", "nt",
    "ossaudiodev", "posix", "pwd", "pyexpat", "readline", "resource", "select", "spwd", "sys", "syslog", "termios",
    "time", "unicodedata", "winreg", "winsound", "zlib",
];

struct ResolvedImport {
    directory: PathBuf,
    level: usize,
    module: String,
    found: Option<ModuleRef>,
}

fn import_key(directory: &Path, level: usize, module: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let separator = [0, level as u8, 0];
    let bytes = directory.as_os_str().as_encoded_bytes().iter().chain(&separator).chain(module.as_bytes());
    for &byte in bytes {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

impl FileModuleIndex {
    fn extension_modules_in(&self, directory: &Path) -> Arc<std::collections::HashSet<String>> {
        if let Some(known) = self.extension_modules.lock().ok().and_then(|known| known.get(directory).cloned()) {
            return known;
        }
        let names: std::collections::HashSet<String> = std::fs::read_dir(directory)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|entry| {
                let name = entry.file_name().to_string_lossy().into_owned();
                let is_extension = name.ends_with(".so") || name.ends_with(".pyd");
                is_extension.then(|| name.split('.').next().unwrap_or_default().to_string())
            })
            .collect();
        let names = Arc::new(names);
        if let Ok(mut known) = self.extension_modules.lock() {
            known.insert(directory.to_path_buf(), names.clone());
        }
        names
    }
}

impl ModuleIndex for FileModuleIndex {
    fn import(&self, importer: &Path, level: usize, module: &str) -> Option<ModuleRef> {
        let directory = importer.parent()?;
        // Rules ask the same question once per method of a class; finding the
        // answer takes file-system calls.
        let key = import_key(directory, level, module);
        let same = |entry: &&ResolvedImport| entry.level == level && entry.module == module && entry.directory == directory;
        if let Some(entry) = self.resolved.lock().ok()?.get(&key).and_then(|bucket| bucket.iter().find(same)) {
            return entry.found.clone();
        }
        let found = self.resolve(directory, level, module);
        let entry = ResolvedImport { directory: directory.to_path_buf(), level, module: module.to_string(), found: found.clone() };
        self.resolved.lock().ok()?.entry(key).or_default().push(entry);
        found
    }

    fn is_missing(&self, importer: &Path, module: &str) -> bool {
        let Some(directory) = importer.parent() else { return false };
        let top = module.split('.').next().unwrap_or(module);
        if top.is_empty() {
            return false;
        }
        if COMPILED_MODULES.contains(&top) {
            // Compiled on some platform; missing here when the interpreter,
            // which listed its compiled modules, does not have it (`nt` on Linux).
            let compiled = &self.environment().compiled;
            return !compiled.is_empty() && !compiled.contains_key(top);
        }
        // Any file or directory of the top-level name, in the places the
        // import would look, or any compiled extension of it, means present.
        let present_in = |root: &Path| {
            let base = root.join(top);
            base.is_dir() || base.with_extension("py").is_file() || self.extension_modules_in(root).contains(top)
        };
        let key = (directory.to_path_buf(), top.to_string());
        if let Some(&known) = self.missing.lock().ok().as_ref().and_then(|missing| missing.get(&key)) {
            return known;
        }
        let mut package_root = directory;
        while package_root.join("__init__.py").is_file() {
            match package_root.parent() {
                Some(parent) => package_root = parent,
                None => break,
            }
        }
        let missing = !present_in(package_root) && !self.python_path().iter().any(|root| present_in(root));
        if let Ok(mut answers) = self.missing.lock() {
            answers.insert(key, missing);
        }
        missing
    }
}

impl FileModuleIndex {
    fn resolve(&self, directory: &Path, level: usize, module: &str) -> Option<ModuleRef> {
        if level > 0 {
            let mut base = directory.to_path_buf();
            for _ in 1..level {
                base = base.parent()?.to_path_buf();
            }
            return self.find_in(&base, module);
        }
        if COMPILED_MODULES.contains(&module.split('.').next().unwrap_or(module)) || self.environment().compiled.contains_key(module) {
            return self.compiled_module(module);
        }
        // The directory above the importer's top-level package (the
        // importer's own directory when it is a script, not in a package),
        // then sys.path. A package's own directory is not searched: Python 3
        // (and astroid) have no implicit relative imports.
        let mut package_root = directory;
        while package_root.join("__init__.py").is_file() {
            match package_root.parent() {
                Some(parent) => package_root = parent,
                None => break,
            }
        }
        // sys.path last and only when needed: asking python3 costs a process.
        self.find_in(package_root, module)
            .or_else(|| self.python_path().iter().find_map(|root| self.find_in(root, module)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_relative_and_absolute_modules() {
        let dir = std::env::temp_dir().join(format!("pyqual-modules-{}", std::process::id()));
        let package = dir.join("pkg");
        std::fs::create_dir_all(&package).unwrap();
        std::fs::write(package.join("__init__.py"), "").unwrap();
        std::fs::write(package.join("base.py"), "class Base:\n    def run(self, job):\n        pass\n").unwrap();
        std::fs::write(package.join("user.py"), "from .base import Base\n").unwrap();
        let index = FileModuleIndex::with_search_path(Vec::new());
        let importer = package.join("user.py");
        let relative = index.import(&importer, 1, "base").expect("relative import");
        assert!(relative.summary.classes.contains_key("Base"));
        let absolute = index.import(&importer, 0, "pkg.base").expect("absolute import from the package root");
        assert_eq!(absolute.path, relative.path);
        assert!(index.import(&importer, 0, "no_such_module").is_none());
        assert!(index.is_missing(&importer, "no_such_module"), "nothing of that name anywhere");
        assert!(!index.is_missing(&importer, "pkg.base"), "the package is there");
        assert!(!index.is_missing(&importer, "_socket"), "compiled modules are present, only unreadable");
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn compiled_modules_are_their_listed_names() {
        use crate::semantic::summary::StarExports;
        let index = FileModuleIndex::default();
        let names = ["__doc__", "_private", "ENOENT", "errorcode"].map(String::from).to_vec();
        let environment = PythonEnvironment { sys_path: Vec::new(), compiled: [("errno".to_string(), names)].into_iter().collect(), ..PythonEnvironment::default() };
        let _ = index.environment.set(environment);
        let importer = std::env::temp_dir().join("importer.py");
        let errno = index.import(&importer, 0, "errno").expect("a compiled module the interpreter listed");
        assert!(errno.summary.module_names.iter().any(|name| name == "ENOENT"));
        assert_eq!(errno.summary.star_exports, StarExports::Public(vec!["ENOENT".to_string(), "errorcode".to_string()]));
        assert!(index.import(&importer, 0, "errno.sub").is_none(), "compiled modules have no submodules here");
        assert!(index.import(&importer, 0, "_socket").is_none(), "not listed by this interpreter: unknown");
    }
}
