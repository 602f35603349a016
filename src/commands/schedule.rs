//! `schedule`: the repayment schedule of one loan, row by row.

use crate::args::loan::ScheduleArgs;
use crate::failure::Failure;
use mfi_core::output::price::{schedule_csv, schedule_json, write_schedule_text};
use std::io::Write;

/// Runs `schedule`. A charge quoted as a range gives two schedules; the one
/// shown is at the high end, and the output says so: the text above the
/// table and the low end's rupees and rates below it, the JSON and
/// CSV (rows only) a note on standard error.
pub fn run(a: &ScheduleArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), Failure> {
    let (p, low, ranges) = super::price::priced_ends(&a.loan)?;
    let note = format!(
        "Quoted as ranges: {}. This schedule is at the high end.",
        ranges.join(", ")
    );
    if a.json || a.csv {
        if low.is_some() {
            writeln!(err, "{note} `price --json` gives both ends.")?;
        }
        if a.json {
            writeln!(out, "{}", schedule_json(&p))?;
        } else {
            out.write_all(&schedule_csv(&p))?;
        }
    } else {
        if low.is_some() {
            writeln!(out, "{note}")?;
        }
        write_schedule_text(out, &p)?;
        if let Some(low) = &low {
            super::price::write_low_end(out, low)?;
        }
    }
    Ok(())
}
