//! Finding imported modules on disk for the rules that follow base classes
//! into other modules (as astroid does): relative imports from the importing
//! file's package, absolute ones from its package root and the local Python's
//! `sys.path`. Each file is parsed and summarized once per run.

use crate::semantic::summary::{ModuleIndex, ModuleRef, ModuleSummary};
use crate::syntax::ParsedModule;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

/// Modules larger than this are not summarized (generated tables, data).
const MAX_MODULE_BYTES: u64 = 4 * 1024 * 1024;

#[derive(Default)]
pub struct FileModuleIndex {
    /// Extra absolute-import roots; `None` until `python3`'s `sys.path` is asked for.
    python_path: OnceLock<Vec<PathBuf>>,
    summaries: Mutex<HashMap<PathBuf, Option<Arc<ModuleSummary>>>>,
}

impl FileModuleIndex {
    pub fn new() -> FileModuleIndex {
        FileModuleIndex::default()
    }

    /// With an explicit search path instead of the local Python's.
    pub fn with_search_path(path: Vec<PathBuf>) -> FileModuleIndex {
        let index = FileModuleIndex::default();
        let _ = index.python_path.set(path);
        index
    }

    fn python_path(&self) -> &[PathBuf] {
        self.python_path.get_or_init(|| {
            // The interpreter the project runs with knows where its modules
            // are; asking it once is cheaper than guessing installations.
            let output = std::process::Command::new("python3")
                .args(["-I", "-c", "import sys; print('\\n'.join(p for p in sys.path if p))"])
                .output();
            match output {
                Ok(output) if output.status.success() => String::from_utf8_lossy(&output.stdout)
                    .lines()
                    .map(PathBuf::from)
                    .filter(|path| path.is_dir())
                    .collect(),
                _ => Vec::new(),
            }
        })
    }

    fn load(&self, path: &Path) -> Option<Arc<ModuleSummary>> {
        if let Some(cached) = self.summaries.lock().ok()?.get(path) {
            return cached.clone();
        }
        let summary = std::fs::metadata(path)
            .ok()
            .filter(|metadata| metadata.len() <= MAX_MODULE_BYTES)
            .and_then(|_| std::fs::read(path).ok())
            .and_then(|bytes| super::decode(&bytes).ok())
            .map(|source| {
                let module = ParsedModule::parse(source, None);
                Arc::new(ModuleSummary::build(&module.source, module.root()))
            });
        self.summaries.lock().ok()?.insert(path.to_path_buf(), summary.clone());
        summary
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

impl ModuleIndex for FileModuleIndex {
    fn import(&self, importer: &Path, level: usize, module: &str) -> Option<ModuleRef> {
        let directory = importer.parent()?;
        if level > 0 {
            let mut base = directory.to_path_buf();
            for _ in 1..level {
                base = base.parent()?.to_path_buf();
            }
            return self.find_in(&base, module);
        }
        // The directory above the importer's top-level package, then the
        // importer's own directory (a script's), then sys.path.
        let mut package_root = directory;
        while package_root.join("__init__.py").is_file() {
            match package_root.parent() {
                Some(parent) => package_root = parent,
                None => break,
            }
        }
        let mut roots = vec![package_root.to_path_buf(), directory.to_path_buf()];
        roots.extend(self.python_path().iter().cloned());
        roots.iter().find_map(|root| self.find_in(root, module))
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
        let _ = std::fs::remove_dir_all(dir);
    }
}
