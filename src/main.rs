//! The `tralign` binary: flags and glue only; the work is in the library.

mod cli;

fn main() {
    std::process::exit(cli::main());
}
