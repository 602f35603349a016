//! Undo and redo of every change to the study. Each step keeps the part of
//! the study that the change replaced (the matrix, the plans, one member's
//! plan, the weights, the settings, the priorities or the vote); undoing swaps it back in, and the
//! part it swaps out becomes the step to redo.

use mfi_core::data::matrix::Matrix;
use mfi_core::data::plans::{MicroInvestmentPlan, Plans};
use mfi_core::data::priorities::Priorities;
use mfi_core::data::settings::Settings;
use mfi_core::data::study::StudyDoc;
use mfi_core::data::votes::Votes;
use mfi_core::scoring::Weights;
use std::time::Duration;
use web_time::Instant;

/// A part of the study as it was.
#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    /// The whole matrix.
    Matrix(Matrix),
    /// All the plans (when members were added or removed).
    Plans(Plans),
    /// One member's plan.
    Member(usize, Box<MicroInvestmentPlan>),
    /// The weights and scales.
    Weights(Box<Weights>),
    /// The settings.
    Settings(Box<Settings>),
    /// What the members said.
    Priorities(Box<Priorities>),
    /// The CO's vote.
    Votes(Box<Votes>),
}

impl Part {
    /// Puts this part into the study and returns what it replaced, or
    /// `None` (and changes nothing) when it no longer fits (a member that is
    /// not there).
    fn swap_into(self, study: &mut StudyDoc) -> Option<Part> {
        Some(match self {
            Part::Matrix(m) => Part::Matrix(std::mem::replace(&mut study.matrix, m)),
            Part::Plans(p) => Part::Plans(std::mem::replace(&mut study.plans, p)),
            Part::Member(k, p) => {
                let slot = study.plans.members.get_mut(k)?;
                Part::Member(k, Box::new(std::mem::replace(slot, *p)))
            }
            Part::Weights(w) => Part::Weights(Box::new(std::mem::replace(&mut study.weights, *w))),
            Part::Settings(s) => {
                Part::Settings(Box::new(std::mem::replace(&mut study.settings, *s)))
            }
            Part::Priorities(p) => {
                Part::Priorities(Box::new(std::mem::replace(&mut study.priorities, *p)))
            }
            Part::Votes(v) => Part::Votes(Box::new(std::mem::replace(&mut study.votes, *v))),
        })
    }

    /// Which part of the study this is.
    pub fn touched(&self) -> Touched {
        match self {
            Part::Matrix(_) => Touched::Matrix,
            Part::Plans(_) => Touched::Plans,
            Part::Member(k, _) => Touched::Member(*k),
            Part::Weights(_) => Touched::Weights,
            Part::Settings(_) => Touched::Settings,
            Part::Priorities(_) => Touched::Priorities,
            Part::Votes(_) => Touched::Votes,
        }
    }

    /// Two steps of the same kind in a row merge (a slider dragged).
    fn same_kind(&self, other: &Part) -> bool {
        match (self, other) {
            (Part::Weights(_), Part::Weights(_)) => true,
            // The vote's rule dragged: one step (the labels must match too).
            (Part::Settings(_), Part::Settings(_)) => true,
            (Part::Member(a, _), Part::Member(b, _)) => a == b,
            _ => false,
        }
    }
}

/// Which part of the study a change touched, and so what must be
/// evaluated again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Touched {
    /// The matrix.
    Matrix,
    /// The plans as a whole.
    Plans,
    /// One member's plan.
    Member(usize),
    /// The weights and scales.
    Weights,
    /// The settings.
    Settings,
    /// The members' priorities.
    Priorities,
    /// The CO's vote.
    Votes,
}

/// One change, undoable.
#[derive(Debug, Clone)]
struct Step {
    label: String,
    part: Part,
    at: Instant,
}

/// The changes made, last first, and those undone.
#[derive(Debug, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
}

/// The most steps kept.
const MAX_STEPS: usize = 200;

/// Changes of the same kind closer together than this are one step (a
/// slider dragged across its track is one change, not sixty).
const MERGE_WITHIN: Duration = Duration::from_millis(800);

impl History {
    /// Records a change: `before` is the part as it was. Whatever was
    /// undone can no longer be redone.
    pub fn record(&mut self, label: String, before: Part) {
        self.redo.clear();
        let now = Instant::now();
        if let Some(last) = self.undo.last_mut()
            && last.part.same_kind(&before)
            && label == last.label
            && now.duration_since(last.at) < MERGE_WITHIN
        {
            // The older "before" stays: undo goes back past the whole drag.
            last.at = now;
            return;
        }
        self.undo.push(Step {
            label,
            part: before,
            at: now,
        });
        if self.undo.len() > MAX_STEPS {
            self.undo.remove(0);
        }
    }

    /// Undoes the last change; its label and what it touched.
    pub fn undo(&mut self, study: &mut StudyDoc) -> Option<(String, Touched)> {
        Self::step(&mut self.undo, &mut self.redo, study)
    }

    /// Redoes the last change undone.
    pub fn redo(&mut self, study: &mut StudyDoc) -> Option<(String, Touched)> {
        Self::step(&mut self.redo, &mut self.undo, study)
    }

    /// Takes the last step of `from` back into the study; the part it swaps
    /// out goes onto `to`, so that the step can be taken back again.
    fn step(
        from: &mut Vec<Step>,
        to: &mut Vec<Step>,
        study: &mut StudyDoc,
    ) -> Option<(String, Touched)> {
        let step = from.pop()?;
        let touched = step.part.touched();
        let Some(now) = step.part.swap_into(study) else {
            from.clear();
            return None;
        };
        to.push(Step {
            label: step.label.clone(),
            part: now,
            at: Instant::now(),
        });
        Some((step.label, touched))
    }

    /// What the next undo would undo.
    pub fn next_undo(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    /// What the next redo would redo.
    pub fn next_redo(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    /// Forgets everything (another study was opened).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}
