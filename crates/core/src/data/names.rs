//! Names compared as a person reads them. "Kausar Karim", "KAUSAR KARIM",
//! " Kausar  Karim", the same name with a zero-width joiner inside or typed
//! with full-width letters look the same on paper and at a meeting, so they
//! are one name: two rows with such names are a duplicate, not two members
//! (or two MFIs). A name of invisible characters only is an empty name.
//!
//! The names themselves are kept as typed; only comparisons use [`key`].

use unicode_normalization::UnicodeNormalization;

/// Whether a character is invisible where it stands: zero-width spaces and
/// joiners, direction marks, the byte order mark, the soft hyphen, variation
/// selectors and the other characters Unicode says to ignore when showing
/// text (Default_Ignorable_Code_Point), and control characters other than
/// white space.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'..='\u{1160}'
            | '\u{17B4}'..='\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFF8}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
    ) || (c.is_control() && !c.is_whitespace())
}

/// A name as a person reads it, for comparing: Unicode compatibility
/// normalisation (NFKC: full-width letters, ligatures and composed accents
/// as their plain forms), invisible characters removed, runs of spaces as
/// one, no spaces at the ends, lower case.
pub fn key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut space = false;
    for c in name.nfkc().filter(|c| !is_invisible(*c)) {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// Whether a name is empty as a person reads it (nothing, spaces, or
/// invisible characters only).
pub fn is_blank(name: &str) -> bool {
    !name.chars().any(|c| !c.is_whitespace() && !is_invisible(c))
}

/// Whether two names read the same.
pub fn same(a: &str, b: &str) -> bool {
    a == b || key(a) == key(b)
}

/// What a message adds when a name was written another way before it:
/// nothing when both are written alike.
pub fn written_as(earlier: &str, now: &str) -> String {
    if earlier.trim() == now.trim() {
        return String::new();
    }
    let invisible = if now.chars().any(is_invisible) {
        "; this one holds invisible characters"
    } else {
        ""
    };
    format!(
        " as \"{}\" (names are compared as they read: ignoring case, extra spaces and invisible characters{invisible})",
        crate::data::table::clip(earlier)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_compare_as_they_read() {
        assert_eq!(key("  Kausar   Karim "), "kausar karim");
        assert!(same("KAUSAR KARIM", "Kausar Karim"));
        assert!(same("Kausar\u{200D}Karim", "KausarKarim"));
        assert!(same("\u{FEFF}Asasah", "Asasah"));
        assert!(same("ＫＡＳＨＦ", "Kashf"));
        assert!(same("KASHF ", "Kashf"));
        assert!(!same("Kashf", "Kashif"));
        // Urdu: the same letters, with and without a zero-width non-joiner.
        assert!(same("سلمیٰ", "سلمی\u{200C}ٰ"));
        assert!(is_blank("\u{200B}\u{200D} \u{FEFF}"));
        assert!(is_blank(""));
        assert!(!is_blank("A"));
        assert_eq!(key("\u{200B}\u{200D}"), "");
    }
}
