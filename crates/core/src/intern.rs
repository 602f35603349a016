//! Names the core keeps as `&'static str` (a criterion's key, the kind of
//! an unknown fact), read back from a serialized result: each distinct name
//! is kept once for the life of the program, so reading many results keeps
//! no more than the few names there are.

use serde::{Deserialize, Deserializer};
use std::collections::BTreeSet;
use std::sync::Mutex;

/// A name kept for the life of the program. (An alias, so that serde's
/// derive does not take the field for text borrowed from its input.)
pub type Name = &'static str;

static NAMES: Mutex<BTreeSet<&'static str>> = Mutex::new(BTreeSet::new());

/// The name as a `&'static str`, the same one every time.
pub fn intern(s: &str) -> &'static str {
    let mut names = NAMES.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(&n) = names.get(s) {
        return n;
    }
    let n: &'static str = Box::leak(s.to_owned().into_boxed_str());
    names.insert(n);
    n
}

/// For `#[serde(deserialize_with = "crate::intern::deserialize")]`.
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
    let s = String::deserialize(d)?;
    Ok(intern(&s))
}

#[cfg(test)]
mod tests {
    use super::intern;

    #[test]
    fn one_name_is_kept_once() {
        let a = intern(&String::from("total_cost"));
        let b = intern(&String::from("total_cost"));
        assert!(std::ptr::eq(a, b));
        assert_eq!(a, "total_cost");
    }
}
