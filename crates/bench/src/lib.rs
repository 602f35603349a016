//! Benchmarks only: see `benches/` (`cargo bench -p mfi-bench`) and
//! BENCHMARKS.md for the figures and the machine.
