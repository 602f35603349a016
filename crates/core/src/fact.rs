//! A value that may be unknown, with where it came from and how sure it is.
//! Unknown is its own state: it is never read as "no" or zero.

use serde::{Deserialize, Serialize};
use std::fmt;

/// How sure the study is of a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Confidence {
    /// Read clearly from a source.
    High,
    /// Read from a source with some doubt.
    Medium,
    /// A guess from a damaged or ambiguous source.
    Low,
    /// Not in any source: assumed so the study can run; the note says why.
    Assumed,
}

impl Confidence {
    /// The word used in files.
    pub fn as_str(&self) -> &'static str {
        match self {
            Confidence::High => "high",
            Confidence::Medium => "medium",
            Confidence::Low => "low",
            Confidence::Assumed => "assumed",
        }
    }

    /// Reads the word used in files.
    pub fn parse(s: &str) -> Option<Confidence> {
        match s.trim().to_ascii_lowercase().as_str() {
            "high" => Some(Confidence::High),
            "medium" => Some(Confidence::Medium),
            "low" => Some(Confidence::Low),
            "assumed" => Some(Confidence::Assumed),
            _ => None,
        }
    }
}

impl fmt::Display for Confidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a value came from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    /// The source, e.g. "Annex IV", "report text s.6", "phone call 2026-03-02".
    pub source: String,
    /// How sure; `None` when the file does not say.
    pub confidence: Option<Confidence>,
    /// Anything else: why it was assumed, what the source printed.
    pub note: String,
}

impl Provenance {
    /// Whether the value was assumed rather than read from a source.
    pub fn is_assumed(&self) -> bool {
        self.confidence == Some(Confidence::Assumed)
    }

    /// One line for a tooltip or a footnote.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if !self.source.is_empty() {
            parts.push(self.source.clone());
        }
        if let Some(c) = self.confidence {
            parts.push(format!("confidence {c}"));
        }
        if !self.note.is_empty() {
            parts.push(self.note.clone());
        }
        if parts.is_empty() {
            "no source given".to_string()
        } else {
            parts.join("; ")
        }
    }
}

/// A value of type `T`, or unknown, with its provenance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fact<T> {
    /// The value; `None` means unknown.
    pub value: Option<T>,
    /// Where it came from.
    pub provenance: Provenance,
}

impl<T> Default for Fact<T> {
    fn default() -> Self {
        Fact {
            value: None,
            provenance: Provenance::default(),
        }
    }
}

impl<T> Fact<T> {
    /// A known value with a source.
    pub fn known(value: T, provenance: Provenance) -> Self {
        Fact {
            value: Some(value),
            provenance,
        }
    }

    /// Whether the value is unknown.
    pub fn is_unknown(&self) -> bool {
        self.value.is_none()
    }
}
