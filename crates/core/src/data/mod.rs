//! The study's data and its formats: the parameter matrix, the members'
//! plans, the criteria's weights, the settings, the study file, the
//! built-in Kasur 2010 study, the CO's vote, and the CSV reading and
//! writing they share.
//! Every loader reports every problem of a file at once, each naming the
//! file, the line and the column; past a loader, the types hold only valid
//! values.

pub mod builtin;
pub mod cells;
pub mod criteria;
pub mod files;
pub mod limits;
pub mod matrix;
pub mod months;
pub mod names;
pub mod plans;
pub mod priorities;
pub mod read;
pub mod settings;
pub mod study;
pub mod table;
pub mod votes;
pub mod workbook;
