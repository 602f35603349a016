//! The members' voice: what the CO's members say matters to them, how it
//! becomes the CO's weights, and how the CO's choice is voted and counted.
//! The pieces follow a meeting's order:
//!
//! 1. **Each member's priorities.** She places counters on the picture
//!    cards, one card per criterion, and they are kept as her priorities
//!    ([`crate::data::priorities`]); or she answers questions in pairs
//!    ([`pairwise`]): this study's swings from its worst MFI to its best,
//!    ranked by binary search and turned into counters out of 100, kept as
//!    her priorities too.
//! 2. **The group's combined weights** ([`group`]): the members' shares
//!    combined by the mean or the median, how much they agree, and which
//!    MFI each member's own weights would recommend. Adopted, they become
//!    the study's weights.
//! 3. **The CO's vote on the record** ([`tally`]): each member's vote
//!    ([`crate::data::votes`]) counted under the CO's rule, carried or not;
//!    the resolution prints it.
//!
//! What the members said (their priorities and votes, with their files) is
//! the study's data: the study file holds it, so it is kept in
//! [`crate::data`], below scoring. This module is what it is turned into,
//! above [`crate::scoring`]: the swings and each member's own
//! recommendation are read from the evaluation.

pub mod group;
pub mod pairwise;
pub mod tally;
