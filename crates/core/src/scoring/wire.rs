//! A stability as it crosses between the web page and its worker: JSON, the
//! facts to ask first beside it (the report's JSON writes them elsewhere).

use super::stability::Stability;
use super::unknowns::AskFirst;

/// A stability as it crosses between a web page and its worker (JSON; the
/// facts to ask first, which the report's JSON writes elsewhere, beside it).
pub fn to_wire(st: &Stability) -> String {
    serde_json::to_string(&(st, &st.ask_first)).unwrap_or_default()
}

/// Reads [`to_wire`]'s text.
pub fn from_wire(text: &str) -> Result<Stability, String> {
    let (mut st, ask): (Stability, Vec<AskFirst>) =
        serde_json::from_str(text).map_err(|e| e.to_string())?;
    st.ask_first = ask;
    Ok(st)
}
