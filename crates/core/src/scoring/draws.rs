//! How often each MFI comes first in a kind of draw (over the weights, the
//! unknown facts, or both): what the stability and the unknowns report.

use serde::{Deserialize, Serialize};

/// How often each MFI comes first in one kind of draw.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draws {
    /// How many draws.
    pub draws: u32,
    /// Per MFI, the share of draws in which it comes first, most often first.
    pub acceptability: Vec<Acceptability>,
    /// The share of draws in which no MFI serves any member (none first).
    pub none_share: f64,
}

impl Draws {
    /// The draws of `names` from how many times each came first
    /// (`firsts`, in the same order, then the draws in which none did).
    pub fn of(names: &[String], firsts: &[u32], draws: u32) -> Draws {
        let none = firsts.get(names.len()).copied().unwrap_or(0) as f64 / draws.max(1) as f64;
        Draws {
            draws,
            acceptability: Acceptability::of(names, firsts, draws),
            none_share: none,
        }
    }

    /// The share of draws in which `mfi` comes first.
    pub fn share(&self, mfi: &str) -> f64 {
        self.acceptability
            .iter()
            .find(|a| a.mfi == mfi)
            .map_or(0.0, |a| a.first_share)
    }
}

/// How often an MFI comes first in the draws.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Acceptability {
    /// The MFI.
    pub mfi: String,
    /// The share of draws in which it comes first, 0-1.
    pub first_share: f64,
}

impl Acceptability {
    /// Each MFI of `names` with the share of `draws` it came first in
    /// (`firsts`, in the same order), most often first.
    pub fn of(names: &[String], firsts: &[u32], draws: u32) -> Vec<Acceptability> {
        let d = draws.max(1) as f64;
        let mut out: Vec<Acceptability> = names
            .iter()
            .zip(firsts)
            .map(|(n, &k)| Acceptability {
                mfi: n.clone(),
                first_share: k as f64 / d,
            })
            .collect();
        out.sort_by(|a, b| b.first_share.total_cmp(&a.first_share));
        out
    }
}
