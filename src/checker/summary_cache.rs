//! An on-disk cache of imported modules' summaries.
//!
//! Following imports the way astroid does means summarizing hundreds of
//! modules (the standard library's among them) that do not change between
//! runs; parsing them again costs as much as linting the project. Each
//! summary is stored as one JSON file, keyed by the module's path and checked
//! against its size and modification time (as ruff and mypy do), under a
//! directory named after a fingerprint of the code that builds summaries, so
//! a different build never reads another's entries.
//!
//! It also keeps the local `python3`'s `sys.path` per environment, which
//! saves starting an interpreter (tens of milliseconds) on every run.
//!
//! The cache is best effort: an entry that cannot be read or parsed is a miss
//! (and gets rewritten), a failed write is reported once and otherwise ignored.
//! Entries are written to a temporary file and renamed into place, so a killed
//! process or a concurrent writer never leaves half an entry.

use super::python_env::PythonEnvironment;
use crate::semantic::summary::ModuleSummary;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Changes whenever src/semantic, src/syntax, grammars/ or Cargo.lock change (build.rs).
const FINGERPRINT: &str = env!("PYQUAL_SUMMARY_FINGERPRINT");

/// A stored `sys.path` is asked again after this long (installing a
/// package does not change it; the environment's identity is in its key).
const SYS_PATH_LIFETIME: Duration = Duration::from_secs(24 * 3600);

/// Directories of other fingerprints are removed once they are this old.
const STALE_AFTER: Duration = Duration::from_secs(7 * 24 * 3600);

/// What identifies one version of a file without reading it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FileStamp {
    pub size: u64,
    /// Nanoseconds since the Unix epoch.
    pub modified: u64,
}

impl FileStamp {
    pub fn of(metadata: &std::fs::Metadata) -> Option<FileStamp> {
        let modified = metadata.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
        Some(FileStamp { size: metadata.len(), modified: u64::try_from(modified.as_nanos()).ok()? })
    }
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Entry<S> {
    path: PathBuf,
    stamp: FileStamp,
    summary: S,
}

pub struct SummaryCache {
    directory: PathBuf,
    prepared: OnceLock<bool>,
    write_failure_reported: AtomicBool,
    temporary_names: AtomicU64,
}

impl SummaryCache {
    /// `$PYQUAL_CACHE_DIR`, else `$XDG_CACHE_HOME/pyqual`, else `~/.cache/pyqual`
    /// (`%LOCALAPPDATA%\pyqual` on Windows); `None` when none of them is set.
    pub fn at_default_location() -> Option<SummaryCache> {
        let variable = |name: &str| std::env::var_os(name).filter(|value| !value.is_empty()).map(PathBuf::from);
        let root = variable("PYQUAL_CACHE_DIR")
            .or_else(|| variable("XDG_CACHE_HOME").map(|cache| cache.join("pyqual")))
            .or_else(|| variable("HOME").map(|home| home.join(".cache").join("pyqual")))
            .or_else(|| variable("LOCALAPPDATA").map(|local| local.join("pyqual")))?;
        Some(SummaryCache::in_directory(&root))
    }

    /// A cache whose entries live under `root` (one subdirectory per fingerprint).
    pub fn in_directory(root: &Path) -> SummaryCache {
        SummaryCache {
            directory: root.join(format!("summaries-{FINGERPRINT}")),
            prepared: OnceLock::new(),
            write_failure_reported: AtomicBool::new(false),
            temporary_names: AtomicU64::new(0),
        }
    }

    pub fn directory(&self) -> &Path {
        &self.directory
    }

    /// The stored summary of `path` if it was stored for this very `stamp`.
    pub fn get(&self, path: &Path, stamp: FileStamp) -> Option<ModuleSummary> {
        let bytes = std::fs::read(self.entry_path(path)).ok()?;
        let entry: Entry<ModuleSummary> = serde_json::from_slice(&bytes).ok()?;
        (entry.path == path && entry.stamp == stamp).then_some(entry.summary)
    }

    pub fn put(&self, path: &Path, stamp: FileStamp, summary: &ModuleSummary) {
        if !*self.prepared.get_or_init(|| self.prepare()) {
            return;
        }
        let entry = Entry { path: path.to_path_buf(), stamp, summary };
        let result = serde_json::to_vec(&entry).map_err(std::io::Error::other).and_then(|bytes| {
            let target = self.entry_path(path);
            let temporary = target.with_extension(format!(
                "{}-{}.tmp",
                std::process::id(),
                self.temporary_names.fetch_add(1, Ordering::Relaxed)
            ));
            std::fs::write(&temporary, bytes)?;
            std::fs::rename(&temporary, &target).inspect_err(|_| {
                let _ = std::fs::remove_file(&temporary);
            })
        });
        if let Err(error) = result {
            self.report_write_failure(&error);
        }
    }

    /// Creates this fingerprint's directory and removes stale ones of other
    /// builds. False when the directory cannot be created.
    fn prepare(&self) -> bool {
        if let Err(error) = std::fs::create_dir_all(&self.directory) {
            self.report_write_failure(&error);
            return false;
        }
        if let Some(root) = self.directory.parent() {
            for entry in std::fs::read_dir(root).into_iter().flatten().flatten() {
                let path = entry.path();
                let is_other_build = path != self.directory
                    && entry.file_name().to_string_lossy().starts_with("summaries-");
                let age = entry.metadata().and_then(|metadata| metadata.modified()).ok().and_then(|modified| {
                    SystemTime::now().duration_since(modified).ok()
                });
                if is_other_build && age.is_some_and(|age| age > STALE_AFTER) {
                    let _ = std::fs::remove_dir_all(path);
                }
            }
        }
        true
    }

    /// What `python3` answered for the current environment, if it is less
    /// than a day old and every directory of its `sys.path` still exists.
    pub fn python_environment(&self) -> Option<PythonEnvironment> {
        let file = self.environment_file();
        let age = SystemTime::now().duration_since(std::fs::metadata(&file).ok()?.modified().ok()?).ok()?;
        if age > SYS_PATH_LIFETIME {
            return None;
        }
        let environment: PythonEnvironment = serde_json::from_slice(&std::fs::read(file).ok()?).ok()?;
        environment.sys_path.iter().all(|directory| directory.is_dir()).then_some(environment)
    }

    pub fn put_python_environment(&self, environment: &PythonEnvironment) {
        if !*self.prepared.get_or_init(|| self.prepare()) {
            return;
        }
        let file = self.environment_file();
        let temporary = file.with_extension(format!("{}.tmp", std::process::id()));
        let result = serde_json::to_vec(environment)
            .map_err(std::io::Error::other)
            .and_then(|bytes| std::fs::write(&temporary, bytes))
            .and_then(|()| std::fs::rename(&temporary, &file));
        if let Err(error) = result {
            let _ = std::fs::remove_file(&temporary);
            self.report_write_failure(&error);
        }
    }

    /// One file per Python environment: what decides which `python3` runs
    /// and what its `sys.path` is (PATH and the variables of virtualenv,
    /// conda and pyenv, the directory, pyenv's version files, the
    /// interpreter found on PATH).
    fn environment_file(&self) -> PathBuf {
        // A changed question is a different answer.
        let mut key = super::python_env::QUERY.as_bytes().to_vec();
        for variable in ["PATH", "VIRTUAL_ENV", "CONDA_PREFIX", "PYENV_VERSION", "PYENV_ROOT", "PYTHONHOME"] {
            key.extend(std::env::var_os(variable).unwrap_or_default().as_encoded_bytes());
            key.push(0);
        }
        let directory = std::env::current_dir().unwrap_or_default();
        key.extend(directory.as_os_str().as_encoded_bytes());
        if let Some(version_file) = directory.ancestors().map(|dir| dir.join(".python-version")).find(|file| file.is_file()) {
            key.extend(std::fs::read(version_file).unwrap_or_default());
        }
        let pyenv_root = std::env::var_os("PYENV_ROOT")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".pyenv")));
        if let Some(root) = pyenv_root {
            key.extend(std::fs::read(root.join("version")).unwrap_or_default());
        }
        let interpreter = std::env::var_os("PATH")
            .into_iter()
            .flat_map(|path| std::env::split_paths(&path).collect::<Vec<_>>())
            .map(|directory| directory.join("python3"))
            .find_map(|candidate| std::fs::metadata(&candidate).ok().map(|metadata| (candidate, metadata)));
        if let Some((candidate, metadata)) = interpreter {
            key.extend(candidate.as_os_str().as_encoded_bytes());
            if let Some(stamp) = FileStamp::of(&metadata) {
                key.extend(stamp.size.to_le_bytes());
                key.extend(stamp.modified.to_le_bytes());
            }
        }
        self.directory.join(format!("python-{:016x}.json", fnv1a(&key)))
    }

    fn report_write_failure(&self, error: &std::io::Error) {
        if !self.write_failure_reported.swap(true, Ordering::Relaxed) {
            eprintln!(
                "pyqual: cannot write the module summary cache in {}: {error} (continuing without it)",
                self.directory.display()
            );
        }
    }

    fn entry_path(&self, path: &Path) -> PathBuf {
        // A collision only costs a miss: the entry records its path.
        self.directory.join(format!("{:016x}.json", fnv1a(path.as_os_str().as_encoded_bytes())))
    }
}

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in bytes {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::ParsedModule;

    fn summary_of(source: &str) -> ModuleSummary {
        let module = ParsedModule::parse(source.to_string(), None);
        ModuleSummary::build(&module.source, module.root())
    }

    #[test]
    fn returns_what_was_stored_for_the_same_stamp_only() {
        let root = std::env::temp_dir().join(format!("pyqual-cache-test-{}", std::process::id()));
        let cache = SummaryCache::in_directory(&root);
        let path = Path::new("/somewhere/module.py");
        let summary = summary_of("import os\nclass Base(os.PathLike):\n    def run(self, job):\n        self.job = job\n__all__ = ['Base']\n");
        let stamp = FileStamp { size: 10, modified: 20 };
        assert_eq!(cache.get(path, stamp), None);
        cache.put(path, stamp, &summary);
        assert_eq!(cache.get(path, stamp).as_ref(), Some(&summary));
        assert_eq!(cache.get(path, FileStamp { size: 10, modified: 21 }), None, "a newer file is a miss");
        assert_eq!(cache.get(Path::new("/elsewhere/module.py"), stamp), None);

        // A corrupt entry (a killed writer of an older version, a full disk) is a miss, then rewritten.
        std::fs::write(cache.entry_path(path), b"{\"path\": \"/somewhere/mod").unwrap();
        assert_eq!(cache.get(path, stamp), None);
        cache.put(path, stamp, &summary);
        assert_eq!(cache.get(path, stamp).as_ref(), Some(&summary));
        let _ = std::fs::remove_dir_all(root);
    }

    #[test]
    fn keeps_the_python_environment_while_its_directories_exist() {
        let root = std::env::temp_dir().join(format!("pyqual-cache-sys-path-{}", std::process::id()));
        let cache = SummaryCache::in_directory(&root);
        assert_eq!(cache.python_environment(), None);
        let existing = PythonEnvironment {
            sys_path: vec![std::env::temp_dir()],
            compiled: [("_signal".to_string(), vec!["SIGINT".to_string()])].into_iter().collect(),
            ..PythonEnvironment::default()
        };
        cache.put_python_environment(&existing);
        assert_eq!(cache.python_environment(), Some(existing));
        let gone = PythonEnvironment { sys_path: vec![root.join("no-such-directory")], ..PythonEnvironment::default() };
        cache.put_python_environment(&gone);
        assert_eq!(cache.python_environment(), None, "a directory that is gone means the environment changed");
        let _ = std::fs::remove_dir_all(root);
    }

    #[test]
    fn an_unwritable_directory_is_reported_and_skipped() {
        let file = std::env::temp_dir().join(format!("pyqual-cache-file-{}", std::process::id()));
        std::fs::write(&file, b"not a directory").unwrap();
        let cache = SummaryCache::in_directory(&file);
        let stamp = FileStamp { size: 1, modified: 1 };
        cache.put(Path::new("/m.py"), stamp, &ModuleSummary::default());
        assert!(cache.write_failure_reported.load(Ordering::Relaxed));
        assert_eq!(cache.get(Path::new("/m.py"), stamp), None);
        let _ = std::fs::remove_file(file);
    }
}
