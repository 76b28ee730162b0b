//! The command line: `pyqual check`, `serve`, `tokenize` (and later `generate`, ...).
//! Only this module prints, exits, or chooses files.

mod check;
mod generate;
mod tokenize;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "pyqual", version, about = "A fast pylint-compatible analyzer for Python")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Lint Python files and directories and compute pylint's score.
    Check(check::CheckArgs),
    /// Run the language server on stdin/stdout (settings come from the editor).
    Serve(ServeArgs),
    /// Print the token ids of files, as a model's tokenizer encodes them.
    Tokenize(tokenize::TokenizeArgs),
    /// Complete Python code with a local model and score each completion.
    Generate(generate::GenerateArgs),
}

#[derive(clap::Args)]
struct ServeArgs {
    /// Accepted for editors that pass it; stdio is the only transport.
    #[arg(long)]
    stdio: bool,
}

/// Runs the command line; returns the process exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            // pylint's usage-error bit; --help/--version are not errors.
            return if error.use_stderr() { ExitCode::from(32) } else { ExitCode::SUCCESS };
        }
    };
    let result = match cli.command {
        Command::Check(args) => check::run(args),
        Command::Serve(_) => crate::server::run_stdio(crate::server::Options::default()).map(|()| 0),
        Command::Tokenize(args) => tokenize::run(args),
        Command::Generate(args) => generate::run(args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            eprintln!("pyqual: error: {error:#}");
            ExitCode::from(32)
        }
    }
}
