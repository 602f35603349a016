//! Integration tests of the core, one binary for speed of building: the data
//! formats and their errors, the pricing engine against independent figures,
//! scoring and stability on hand-built and generated studies, the CO's vote.

mod cards;
mod data;
mod entries;
mod months;
mod negotiate;
mod pricing;
mod scoring;
mod terms;
mod unknowns;
mod votes;
