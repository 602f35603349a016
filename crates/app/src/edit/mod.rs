//! Every change staff make to a study, in one place. The views never change
//! the study: they show it, keep what is being typed in [`Drafts`], and ask
//! for changes ([`Field`] text to read, or an [`Edit`]); the app applies them
//! here at the end of the frame, records each for undo, and evaluates again.
//!
//! A field shows exactly what was typed while it is being edited: the text
//! is read only when the field loses focus or on Enter, then shown in its
//! standard form. An entry that cannot be read stays as typed, red, with its
//! message, and the study keeps its last confirmed value.

mod changes;
mod drafts;
mod field;
mod month_box;
mod payout_date;

pub use changes::{Applied, Edit};
pub use drafts::{Draft, Drafts, Look};
pub use field::{Field, PlanPart, SettingPart};
