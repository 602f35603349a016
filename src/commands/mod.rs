//! One file per command. Each reads its arguments, calls the core, and
//! writes what the core's `output` module formats; every write is checked.

pub mod batch;
pub mod card;
pub mod check;
pub mod forms;
pub mod generate;
pub mod price;
pub mod report;
pub mod schedule;
pub mod score;
