//! `schedule`: the repayment schedule of one loan, row by row.

use crate::args::ScheduleArgs;
use crate::failure::Failure;
use mfi_core::output::price::{schedule_csv, schedule_json, write_schedule_text};
use std::io::Write;

/// Runs `schedule`.
pub fn run(a: &ScheduleArgs, out: &mut dyn Write) -> Result<(), Failure> {
    let p = super::price::priced(&a.loan)?;
    if a.json {
        writeln!(out, "{}", schedule_json(&p))?;
    } else if a.csv {
        out.write_all(&schedule_csv(&p))?;
    } else {
        write_schedule_text(out, &p)?;
    }
    Ok(())
}
