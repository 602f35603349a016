//! The command line as a user runs it, one test binary: exit codes and
//! messages of every command, and `batch` on folders of plans.

mod architecture;
mod batch;
mod cli;
