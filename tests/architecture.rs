//! The module dependency edges of docs/architecture.md hold: each module of
//! the library only uses the modules listed for it.

use std::collections::BTreeMap;
use std::path::Path;

const ALLOWED: &[(&str, &[&str])] = &[
    ("syntax", &[]),
    ("semantic", &["syntax"]),
    ("rules", &["syntax", "semantic"]),
    ("score", &["rules"]),
    ("checker", &["syntax", "semantic", "rules", "score"]),
    ("config", &["rules"]),
    ("model", &[]),
    ("generate", &["model"]),
    ("harvest", &[]),
    ("server", &["syntax", "rules", "score", "checker", "config", "harvest", "generate", "model"]),
    ("cli", &["syntax", "semantic", "rules", "score", "checker", "config", "server", "generate", "model"]),
];

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn modules_only_depend_downwards() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let allowed: BTreeMap<_, _> = ALLOWED.iter().copied().collect();
    let mut violations = Vec::new();
    for (module, permitted) in &allowed {
        let dir = src.join(module);
        let mut files = Vec::new();
        if dir.is_dir() {
            rust_files(&dir, &mut files);
        } else {
            files.push(src.join(format!("{module}.rs")));
        }
        assert!(!files.is_empty() && files[0].exists(), "module {module} listed in the code map is missing");
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            for used in allowed.keys().filter(|other| *other != module) {
                let pattern = format!("crate::{used}");
                if text.contains(&pattern) && !permitted.contains(used) {
                    violations.push(format!("{} uses {pattern}", file.display()));
                }
            }
        }
    }
    assert!(violations.is_empty(), "dependency edges broken:\n{}", violations.join("\n"));
}

#[test]
fn code_map_names_existing_paths() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = std::fs::read_to_string(root.join("docs/architecture.md")).unwrap();
    for path in doc.split('`').filter(|s| s.starts_with("src/") || s.starts_with("grammars/")) {
        assert!(root.join(path).exists(), "docs/architecture.md names {path}, which does not exist");
    }
}
