//! The one-page quick start for CO facilitators (what the app shows a
//! member, and the meeting), to print in English or Urdu. Its text is the
//! guide's own page (`docs/quick-start.md`, `docs/quick-start-ur.md`): the
//! part between `<!-- print -->` and `<!-- /print -->` is read here into the
//! lines of one page, so the printed page and the guide cannot say different
//! things.
//!
//! The page's Markdown is kept to what a facilitator's page needs: `#` and
//! `##` headings, numbered items (`1. ...`), paragraphs, `**bold**` and
//! `` `code` `` marks (dropped on paper), links (their text kept), HTML
//! lines (skipped: the guide's `<div dir="rtl">`), and a paragraph in
//! `*italics*`, printed as a small line in English (the note that the Urdu
//! awaits a native speaker's review).

use super::{PageLine, Piece};
use crate::i18n::Lang;

/// The English page of the guide.
pub const ENGLISH: &str = include_str!("../../../../docs/quick-start.md");
/// The Urdu page of the guide.
pub const URDU: &str = include_str!("../../../../docs/quick-start-ur.md");

/// The quick start in one language: its lines, first read first.
#[derive(Debug, Clone, PartialEq)]
pub struct QuickStart {
    /// The language of the page.
    pub lang: Lang,
    /// Its title (the first heading), for the page's header.
    pub title: String,
    /// The lines, top to bottom.
    pub lines: Vec<PageLine>,
}

/// Size of the title, the sections' headings, the text, and the note.
const TITLE: f32 = 16.0;
const HEADING: f32 = 12.5;
const TEXT: f32 = 10.5;
const NOTE: f32 = 8.5;

/// The quick start in `lang`, from the guide's page.
pub fn quick_start(lang: Lang) -> QuickStart {
    let source = match lang {
        Lang::En => ENGLISH,
        Lang::Ur => URDU,
    };
    from_markdown(source, lang)
}

/// The printed part of a guide's page, as the lines of a page in `lang`.
pub fn from_markdown(source: &str, lang: Lang) -> QuickStart {
    let mut title = String::new();
    let mut lines = Vec::new();
    for block in blocks(printed(source)) {
        let (kind, text) = block;
        match kind {
            Block::Title => {
                if title.is_empty() {
                    title = plain(&text);
                }
                lines.push(line(lang, None, &text, TITLE, true));
                lines.push(spacer(TEXT * 0.6));
            }
            Block::Heading => {
                lines.push(spacer(TEXT * 0.5));
                lines.push(line(lang, None, &text, HEADING, true));
            }
            Block::Item(n) => lines.push(line(lang, Some(n), &text, TEXT, false)),
            Block::Note => {
                let mut l = line(Lang::En, None, text.trim_matches('*'), NOTE, false);
                l.ltr = true;
                lines.push(l);
            }
            Block::Paragraph => {
                lines.push(spacer(TEXT * 0.3));
                lines.push(line(lang, None, &text, TEXT, false));
            }
        }
    }
    QuickStart { lang, title, lines }
}

/// What a block of the page is.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Block {
    Title,
    Heading,
    Item(u32),
    Note,
    Paragraph,
}

/// The part of the page between the print marks (all of it without them).
fn printed(source: &str) -> &str {
    match (
        source.find("<!-- print -->"),
        source.find("<!-- /print -->"),
    ) {
        (Some(a), Some(b)) if a < b => &source[a + "<!-- print -->".len()..b],
        _ => source,
    }
}

/// The page's blocks: headings, numbered items and paragraphs, each with its
/// text on one line (a block's lines joined).
fn blocks(text: &str) -> Vec<(Block, String)> {
    let mut out: Vec<(Block, String)> = Vec::new();
    let mut open = false;
    for raw in text.lines() {
        let l = raw.trim();
        if l.is_empty() || l.starts_with('<') {
            open = false;
            continue;
        }
        let item = l
            .split_once(". ")
            .and_then(|(n, rest)| Some((n.parse::<u32>().ok()?, rest)));
        let (kind, rest) = if let Some(t) = l.strip_prefix("## ") {
            (Some(Block::Heading), t)
        } else if let Some(t) = l.strip_prefix("# ") {
            (Some(Block::Title), t)
        } else if let Some((n, t)) = item {
            (Some(Block::Item(n)), t)
        } else {
            (None, l)
        };
        match (kind, out.last_mut()) {
            (None, Some((_, text))) if open => {
                text.push(' ');
                text.push_str(rest);
            }
            _ => {
                let kind = kind.unwrap_or(if l.starts_with('*') && !l.starts_with("**") {
                    Block::Note
                } else {
                    Block::Paragraph
                });
                out.push((kind, rest.to_string()));
                open = !matches!(kind, Block::Title | Block::Heading);
            }
        }
    }
    out
}

/// The text without its Markdown marks: bold and code marks dropped, a
/// link's text kept.
fn plain(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('[') {
        let Some(close) = rest[i..].find("](").map(|c| i + c) else {
            break;
        };
        let Some(end) = rest[close..].find(')').map(|e| close + e) else {
            break;
        };
        out.push_str(&rest[..i]);
        out.push_str(&rest[i + 1..close]);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out.replace("**", "").replace('`', "")
}

/// A line of the page: a numbered item's number first, then its text cut
/// into pieces read in the page's direction.
fn line(lang: Lang, number: Option<u32>, text: &str, size: f32, bold: bool) -> PageLine {
    let mut pieces = Vec::new();
    if let Some(n) = number {
        let n = format!("{n}.");
        pieces.push(Piece::Ltr(match lang {
            Lang::En => n,
            Lang::Ur => urdu_digits(&n),
        }));
    }
    let text = plain(text);
    match lang {
        Lang::En => pieces.push(Piece::Words(text)),
        Lang::Ur => pieces.extend(runs(&text)),
    }
    PageLine {
        pieces,
        size,
        bold,
        ltr: lang == Lang::En,
        picture: None,
    }
}

/// An empty line, `size` points tall.
fn spacer(size: f32) -> PageLine {
    PageLine {
        pieces: Vec::new(),
        size,
        bold: false,
        ltr: false,
        picture: None,
    }
}

/// Western digits written as Urdu ones.
fn urdu_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => char::from_u32(0x06F0 + d).unwrap_or(c),
            None => c,
        })
        .collect()
}

/// The direction a character asks for: right to left (Arabic script's
/// letters and punctuation), left to right (Latin letters, numbers in any
/// digits with their separators: a number reads left to right in Urdu too;
/// and the marks only the Latin font has), or either (spaces, full stops,
/// commas and colons, which go with their neighbours).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Dir {
    Rtl,
    Ltr,
    Either,
}

fn dir(c: char) -> Dir {
    match c {
        '\u{06F0}'..='\u{06F9}' | '\u{0660}'..='\u{066C}' => Dir::Ltr,
        '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{FB50}'..='\u{FDFF}' => Dir::Rtl,
        '\u{FE70}'..='\u{FEFF}' => Dir::Rtl,
        c if c.is_alphanumeric() => Dir::Ltr,
        // Punctuation the Urdu font has no glyph for (brackets, quotes, a
        // hyphen, a semicolon, a question mark, %) is set in the Latin
        // font, so it goes with what reads left to right; the Urdu text
        // uses its own marks (« » ، ؛ ۔ ٪).
        c if c.is_ascii_punctuation() && !".,:!".contains(c) => Dir::Ltr,
        _ => Dir::Either,
    }
}

/// An Urdu line cut into runs: Urdu words (laid out right to left) and
/// what reads left to right among them (names in Latin letters, the app's
/// buttons, numbers). Spaces and punctuation stay with the run they touch,
/// the one before them first; a run is trimmed of its spaces.
fn runs(text: &str) -> Vec<Piece> {
    let mut out: Vec<(Dir, String)> = Vec::new();
    for c in text.chars() {
        let d = dir(c);
        match out.last_mut() {
            Some((last, s)) if d == Dir::Either || *last == d || *last == Dir::Either => {
                if *last == Dir::Either {
                    *last = d;
                }
                s.push(c);
            }
            _ => out.push((d, c.to_string())),
        }
    }
    let mut pieces = Vec::new();
    for (d, s) in out {
        let t = s.trim();
        if t.is_empty() {
            continue;
        }
        match d {
            Dir::Ltr => {
                // A full stop, comma or colon after Latin words belongs to
                // the Urdu sentence: it stands on their left, as the Urdu
                // that follows does.
                let words = t.trim_end_matches(|c: char| ".,:!".contains(c));
                pieces.push(Piece::Ltr(words.to_string()));
                if words.len() < t.len() {
                    pieces.push(Piece::Words(t[words.len()..].to_string()));
                }
            }
            Dir::Rtl | Dir::Either => pieces.push(Piece::Words(t.to_string())),
        }
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(l: &PageLine) -> String {
        l.pieces
            .iter()
            .map(|p| match p {
                Piece::Words(t) | Piece::Ltr(t) => t.as_str(),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn the_english_page_is_the_guides_printed_part() {
        let q = quick_start(Lang::En);
        assert_eq!(q.title, "Quick start for CO facilitators");
        let all: Vec<String> = q.lines.iter().map(text).collect();
        assert!(all.iter().any(|l| l == "What the app shows a member"));
        assert!(all.iter().any(|l| l.starts_with("1. Open the app.")));
        assert!(
            all.iter()
                .any(|l| l.starts_with("6. Print the resolution."))
        );
        assert!(
            all.iter()
                .any(|l| l.starts_with("The study recommends; the CO decides."))
        );
        // Marks gone; what is only for the guide's reader is not printed.
        assert!(all.iter().all(|l| !l.contains("**") && !l.contains('`')));
        assert!(all.iter().all(|l| !l.contains("printed as it stands")));
    }

    #[test]
    fn the_urdu_page_reads_right_to_left_with_names_and_numbers_left_to_right() {
        let q = quick_start(Lang::Ur);
        assert_eq!(q.title, "کمیونٹی تنظیم کے سہولت کاروں کے لیے فوری رہنمائی");
        // The note for staff, in English, left to right.
        let note = q.lines.iter().find(|l| l.ltr).expect("the review note");
        assert!(text(note).contains("To be reviewed by a native speaker"));
        // An item: its number in Urdu digits, the app's button in Latin
        // letters as one run, the Urdu around it.
        let stones = q
            .lines
            .iter()
            .find(|l| text(l).contains("Keep her stones, next member"))
            .expect("the stones");
        assert_eq!(stones.pieces[0], Piece::Ltr("۱.".into()));
        assert!(
            stones
                .pieces
                .contains(&Piece::Ltr("Keep her stones, next member".into()))
        );
        assert!(stones.pieces.contains(&Piece::Ltr("۱۰".into())));
        assert!(
            stones
                .pieces
                .iter()
                .any(|p| matches!(p, Piece::Words(w) if w.starts_with("کارڈوں پر پتھر")))
        );
        // The threshold with its percent sign, one number.
        assert!(
            q.lines
                .iter()
                .any(|l| l.pieces.contains(&Piece::Ltr("۷۰٪".into())))
        );
        // No Latin letter inside an Urdu run, no Urdu letter inside a Latin one.
        for l in q.lines.iter().filter(|l| !l.ltr) {
            for p in &l.pieces {
                match p {
                    Piece::Words(w) => assert!(
                        !w.chars()
                            .any(|c| c.is_ascii_alphanumeric() || "()\"[]-;?%".contains(c)),
                        "{w}"
                    ),
                    Piece::Ltr(t) => assert!(!t.chars().any(|c| dir(c) == Dir::Rtl), "{t}"),
                }
            }
        }
    }

    #[test]
    fn blocks_join_their_lines_and_links_keep_their_text() {
        let q = from_markdown(
            "<!-- print -->\n# A title\n\n1. one\n   more\n2. [two](x.md) `code`\n\nA paragraph\nover two lines.\n<!-- /print -->\nnot printed\n",
            Lang::En,
        );
        let all: Vec<String> = q.lines.iter().map(text).filter(|t| !t.is_empty()).collect();
        assert_eq!(
            all,
            [
                "A title",
                "1. one more",
                "2. two code",
                "A paragraph over two lines."
            ]
        );
    }
}
