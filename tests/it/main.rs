//! The command line as a user runs it, one test binary: exit codes and
//! messages of every command, `batch` on folders of plans, and the CO's
//! vote.

mod architecture;
mod batch;
mod cli;
mod vote;
