fn main() -> std::process::ExitCode {
    pyqual::cli::main()
}
