//! `models/<name>/model.toml`: which file holds the weights, its size and
//! sha256, the special tokens and the prompt templates; and the resolution of
//! `--model NAME|PATH`.

use anyhow::{bail, Context, Result};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The default completion model.
pub const DEFAULT_MODEL: &str = "qwen2.5-coder-0.5b-instruct";

#[derive(Clone, Debug, Deserialize)]
pub struct Manifest {
    pub name: String,
    pub architecture: String,
    #[serde(default)]
    pub default: bool,
    pub files: Vec<ModelFile>,
    #[serde(default)]
    pub tokens: Tokens,
    #[serde(default)]
    pub templates: Templates,
    /// The directory the manifest was read from.
    #[serde(skip)]
    pub dir: PathBuf,
}

#[derive(Clone, Debug, Deserialize)]
pub struct ModelFile {
    pub name: String,
    pub size: u64,
    pub sha256: String,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct Tokens {
    pub eos: Option<String>,
    #[serde(default)]
    pub stop: Vec<String>,
    pub fim_prefix: Option<String>,
    pub fim_suffix: Option<String>,
    pub fim_middle: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Templates {
    /// `{prefix}` → the text before the cursor.
    #[serde(default = "plain_completion")]
    pub completion: String,
    /// `{prefix}`, `{suffix}`: fill-in-the-middle, where the model has FIM tokens.
    pub fim: Option<String>,
    /// `{prompt}`: an instruction.
    pub chat: Option<String>,
}

fn plain_completion() -> String {
    "{prefix}".into()
}

impl Default for Templates {
    fn default() -> Self {
        Self { completion: plain_completion(), fim: None, chat: None }
    }
}

/// A model chosen on the command line: its weights file and, when known, its manifest.
#[derive(Clone, Debug)]
pub struct ResolvedModel {
    pub path: PathBuf,
    pub manifest: Option<Manifest>,
}

impl Manifest {
    /// Reads `dir/model.toml`.
    pub fn read(dir: &Path) -> Result<Self> {
        let path = dir.join("model.toml");
        let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read model manifest {}", path.display()))?;
        let mut manifest: Self = toml::from_str(&text).with_context(|| format!("{} is not a valid model manifest", path.display()))?;
        if manifest.files.is_empty() {
            bail!("{} lists no files", path.display());
        }
        manifest.dir = dir.to_owned();
        Ok(manifest)
    }

    /// The weights file (the first listed).
    pub fn weights_path(&self) -> PathBuf {
        self.dir.join(&self.files[0].name)
    }

    pub fn sha256(&self) -> &str {
        &self.files[0].sha256
    }

    /// The weights file must exist with the listed size and sha256. The hash
    /// is computed once per (size, modification time) and remembered in a
    /// stamp file beside the weights.
    pub fn verify(&self) -> Result<()> {
        let file = &self.files[0];
        let path = self.weights_path();
        let meta = std::fs::metadata(&path)
            .with_context(|| format!("model file {} is missing: run `models/fetch` to rebuild it", path.display()))?;
        if meta.len() != file.size {
            bail!(
                "model file {} has {} bytes, the manifest says {}: run `models/fetch` to rebuild it",
                path.display(),
                meta.len(),
                file.size
            );
        }
        let mtime = meta.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok()).map(|d| d.as_nanos());
        let stamp_path = path.with_extension("sha256-ok");
        let stamp = format!("{} {} {:?}\n", file.sha256, meta.len(), mtime);
        if std::fs::read_to_string(&stamp_path).is_ok_and(|s| s == stamp) {
            return Ok(());
        }
        let actual = sha256_file(&path)?;
        if !actual.eq_ignore_ascii_case(&file.sha256) {
            bail!(
                "model file {} has sha256 {actual}, the manifest says {}: run `models/fetch` to rebuild it",
                path.display(),
                file.sha256
            );
        }
        let _ = std::fs::write(&stamp_path, stamp);
        Ok(())
    }

    /// Whether the model has fill-in-the-middle tokens and a template for them.
    pub fn has_fim(&self) -> bool {
        self.templates.fim.is_some() && self.tokens.fim_prefix.is_some() && self.tokens.fim_middle.is_some()
    }
}

/// The hex sha256 of a file.
pub fn sha256_file(path: &Path) -> Result<String> {
    let mut file = std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1 << 20];
    loop {
        let n = file.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
    }
    Ok(hasher.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// Where named models live: `$PYQUAL_MODELS`, else `./models`, else the
/// source tree's `models/`.
pub fn models_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("PYQUAL_MODELS") {
        return PathBuf::from(dir);
    }
    let local = PathBuf::from("models");
    if local.is_dir() {
        return local;
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("models")
}

/// `--model NAME|PATH`: a weights file, a directory with a `model.toml`, or
/// the name of a directory under [`models_dir`].
pub fn resolve(spec: &str) -> Result<ResolvedModel> {
    let path = Path::new(spec);
    if path.is_file() {
        let manifest = path.parent().filter(|d| d.join("model.toml").is_file()).map(Manifest::read).transpose()?;
        // A manifest beside a different file does not describe this one.
        let manifest = manifest.filter(|m| m.weights_path().file_name() == path.file_name());
        return Ok(ResolvedModel { path: path.to_owned(), manifest });
    }
    let dir = if path.is_dir() { path.to_owned() } else { models_dir().join(spec) };
    if !dir.join("model.toml").is_file() {
        bail!(
            "unknown model {spec:?}: not a file, nor a directory with a model.toml, nor a model under {} \
             (run `models/fetch` to install the models)",
            models_dir().display()
        );
    }
    let manifest = Manifest::read(&dir)?;
    let path = manifest.weights_path();
    if !path.is_file() {
        bail!("model file {} is missing: run `models/fetch` to rebuild it", path.display());
    }
    Ok(ResolvedModel { path, manifest: Some(manifest) })
}
