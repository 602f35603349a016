//! Integration tests, one binary for speed of building: the data formats and
//! their errors, the pricing engine against independent figures, and the
//! command line's exit codes and messages.

mod batch;
mod cli;
mod data;
mod pricing;
mod scoring;
