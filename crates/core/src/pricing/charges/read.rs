//! How charges and compulsory savings are read as staff write them (see
//! the forms in [`super`]), with a message that says what was expected.

use super::{Amount, Band, Charge, Payee, Savings, SavingsTiming, Timing};
use crate::money;
use rust_decimal::Decimal;

/// What a charge looks like, for messages.
pub const CHARGE_EXAMPLES: &str = "a charge like \"Rs 480\", \"1%\", \"2.5% min Rs 2,500 +16% tax\", \"Rs 200 up to 30,000; Rs 400 above\" or \"Rs 50 per instalment to insurer\"";

/// What compulsory savings look like, for messages.
pub const SAVINGS_EXAMPLES: &str = "savings like \"Rs 100 per instalment\", \"10% upfront\" or \"Rs 100 per instalment +5% interest\"";

/// Reads one or more charges; several are joined with ` + ` ("3% + 2%",
/// "processing: 3% + stamp duty: Rs 100 to third party"). A charge without
/// a name takes `default_name`; without a payee, `default_payee`. A tax
/// named as a charge of its own (`FED: 16%`) is a tax on the lender's
/// other charges written with it that state none ([`tax_of_its_own`]);
/// with no such charge it is refused, with how to write it.
pub fn parse_charges(
    text: &str,
    default_name: &str,
    default_payee: Payee,
) -> Result<Vec<Charge>, String> {
    let whole = text.trim();
    let bad = |why: &str| expected(CHARGE_EXAMPLES, whole, why);
    if whole.is_empty() {
        return Err(bad(""));
    }
    // "none": known to be nothing (not unknown).
    if is_none_word(whole) {
        return Ok(Vec::new());
    }
    // Urdu digits and the Arabic percent sign read as 0-9 and %.
    let western = money::western_digits(whole);
    let pieces = split_plus(&western);
    let mut out: Vec<Charge> = Vec::new();
    let mut own_taxes: Vec<(String, Decimal)> = Vec::new();
    for (k, piece) in pieces.iter().enumerate() {
        let piece = piece.trim();
        if piece.is_empty() {
            return Err(bad(if out.is_empty() {
                "a + with no charge before it"
            } else {
                "a + with nothing after it"
            }));
        }
        if let Some(place) = misplaced_tax(piece) {
            // The tax comes after all of its charge: "2% min Rs 1,000 +16% FED".
            let mut fixed: Vec<String> = pieces[..k].iter().map(|p| p.trim().to_string()).collect();
            match place {
                // "2% +16% FED min Rs 1,000": the floor belongs to the charge.
                TaxPlace::Middle { clause, rest } => match fixed.last_mut() {
                    Some(last) => {
                        *last = format!("{last} {rest} +{clause}");
                    }
                    None => return Err(bad("a tax with no charge before it")),
                },
                // "2% min Rs 1,000 16% FED": joined to its charge with +.
                TaxPlace::Unjoined { charge, clause } => {
                    fixed.push(format!("{charge} +{clause}"));
                }
            }
            fixed.extend(pieces[k + 1..].iter().map(|p| p.trim().to_string()));
            return Err(bad(&format!(
                "a tax comes last, after the charge it is on and its minimum or maximum, joined with +: write \"{}\"",
                fixed.join(" + ")
            )));
        }
        if let Some(tax) = tax_clause(piece) {
            let tax = tax.map_err(|e| bad(&e))?;
            match out.last_mut() {
                Some(c) if c.tax_percent.is_none() => c.tax_percent = Some(tax),
                Some(_) => return Err(bad("two taxes on one charge")),
                None => return Err(bad("a tax with no charge before it")),
            }
            continue;
        }
        if let Some(tax) = tax_of_its_own(piece) {
            own_taxes.push(tax.map_err(|e| bad(&e))?);
            continue;
        }
        out.push(parse_one(piece, default_name, default_payee).map_err(|e| bad(&e))?);
    }
    for (name, percent) in own_taxes {
        let mut taxed = 0;
        for c in out
            .iter_mut()
            .filter(|c| c.payee == Payee::Lender && c.tax_percent.is_none())
        {
            c.tax_percent = Some(percent);
            taxed += 1;
        }
        if taxed == 0 {
            return Err(bad(&tax_alone(&name, percent)));
        }
    }
    // Two charges with one name would be one line twice in the disclosure.
    if out.len() > 1 {
        let unnamed = out.iter().filter(|c| &*c.name == default_name).count();
        if unnamed > 1 {
            let mut k = 0;
            for c in out.iter_mut().filter(|c| &*c.name == default_name) {
                k += 1;
                c.name = format!("{default_name} {k}").into();
            }
        }
    }
    Ok(out)
}

/// Why a tax named as a charge of its own, with no charge of the lender
/// beside it to be on, is refused: how to write it.
pub fn tax_alone(name: &str, percent: Decimal) -> String {
    let p = percent.normalize();
    format!(
        "{name} is a tax on charges, not a charge on the loan: write it after the charge it is on, as in \"Rs 480 +{p}% {name}\" (in the matrix, a tax on all the lender's charges goes in tax_on_charges: {p}%)"
    )
}

/// Whether a name is a tax's: `FED`, `GST`, `PST`, `sales tax`,
/// `withholding`, `federal excise duty`, `tax`...
pub fn is_tax_name(name: &str) -> bool {
    let n = name.trim().trim_end_matches('.').trim().to_lowercase();
    let n = n.as_str();
    matches!(
        n,
        "fed" | "gst" | "pst" | "sst" | "wht" | "vat" | "tax" | "taxes"
    ) || n.ends_with(" tax")
        || n.contains("excise duty")
        || n.starts_with("withholding")
}

/// A tax named as a charge of its own: `FED: 16%`, `sales tax: 16%`,
/// `withholding tax: 1%`. `None` when the piece is not one (a tax in
/// rupees, `FED: Rs 77`, is a charge like any other: she pays it). Its
/// name and percentage, or why it cannot be read (a tax with a floor or
/// paid with each instalment: write it after its charge).
pub fn tax_of_its_own(piece: &str) -> Option<Result<(String, Decimal), String>> {
    let western = money::western_digits(piece);
    let (name, body) = western.split_once(':')?;
    if !is_tax_name(name) {
        return None;
    }
    let body = body.trim();
    if !body.contains('%') {
        return None;
    }
    let name = name.trim().to_string();
    Some(match money::parse_percent(body) {
        Ok(p) => Ok((name, p)),
        Err(_) => Err(format!(
            "{name} is a tax on charges: write its rate after the charge it is on, as in \"2% min Rs 1,000 +16% {name}\""
        )),
    })
}

/// A tax written where it does not belong in a piece of a charge.
enum TaxPlace {
    /// "16% FED min Rs 1,000": the tax ("16% FED") with more of the charge
    /// before it after it ("min Rs 1,000").
    Middle {
        /// The tax.
        clause: String,
        /// What follows it.
        rest: String,
    },
    /// "2% min Rs 1,000 16% FED": a tax after its charge, not joined with +.
    Unjoined {
        /// The charge.
        charge: String,
        /// The tax.
        clause: String,
    },
}

/// The tax words a rate may be followed by inside a charge.
fn tax_word(w: &str) -> bool {
    matches!(
        w.to_lowercase().as_str(),
        "fed" | "gst" | "pst" | "sst" | "tax"
    )
}

/// Where a piece holds a tax out of its place; `None` when it does not.
fn misplaced_tax(piece: &str) -> Option<TaxPlace> {
    if piece.contains(':') {
        return None;
    }
    let words: Vec<&str> = piece.split_whitespace().collect();
    let n = words.len();
    // The tax's rate and words: "16% FED", "16% sales tax".
    let clause_at = |i: usize| -> Option<usize> {
        if !tax_word(words[i]) {
            return None;
        }
        let mut k = i.checked_sub(1)?;
        if words[i].eq_ignore_ascii_case("tax") && words[k].eq_ignore_ascii_case("sales") {
            k = k.checked_sub(1)?;
        }
        words[k].ends_with('%').then_some(k)
    };
    for i in 1..n.saturating_sub(1) {
        if let Some(k) = clause_at(i)
            && k == 0
        {
            return Some(TaxPlace::Middle {
                clause: words[..=i].join(" "),
                rest: words[i + 1..].join(" "),
            });
        }
    }
    if n >= 3
        && let Some(k) = clause_at(n - 1)
        && k > 0
    {
        return Some(TaxPlace::Unjoined {
            charge: words[..k].join(" "),
            clause: words[k..].join(" "),
        });
    }
    None
}

/// The message for `whole`, which is not what `examples` shows, and why.
fn expected(examples: &str, whole: &str, why: &str) -> String {
    let why = if why.is_empty() {
        String::new()
    } else {
        format!(" ({why})")
    };
    format!("expected {examples}, found \"{whole}\"{why}")
}

/// "none", "no", "nil": a charge or savings known to be nothing.
fn is_none_word(s: &str) -> bool {
    ["none", "no", "nil"]
        .iter()
        .any(|w| s.eq_ignore_ascii_case(w))
}

/// Splits at `+` signs that join charges (not the `+` of a tax, which stays
/// its own piece to be attached to the charge before it).
fn split_plus(s: &str) -> Vec<&str> {
    s.split('+').collect()
}

/// `16% tax`, `16% FED`, `16% sales tax`: the tax's percentage, or `None`
/// when the piece is not a tax.
fn tax_clause(piece: &str) -> Option<Result<Decimal, String>> {
    let lower = piece.to_lowercase();
    let words = ["sales tax", "tax", "fed", "gst", "pst", "sst"];
    // "16% FED", or the other way round: "FED 16%", "GST @ 16%".
    let rest = words
        .iter()
        .find_map(|w| lower.strip_suffix(w))
        .or_else(|| {
            words.iter().find_map(|w| {
                let r = lower.strip_prefix(w)?;
                r.starts_with([' ', '@'])
                    .then(|| r.trim_start_matches([' ', '@']).trim_start_matches("at "))
            })
        })?;
    let rest = rest.trim();
    if !rest.ends_with('%') || rest.split_whitespace().count() > 2 {
        return None;
    }
    Some(money::parse_percent(rest).map_err(|e| format!("the tax: {e}")))
}

/// Takes a phrase out of `s` (any of `phrases`, whole words), if present.
fn take(s: &mut String, phrases: &[&str]) -> bool {
    for p in phrases {
        let lower = s.to_lowercase();
        let mut from = 0;
        while let Some(i) = lower[from..].find(p) {
            let start = from + i;
            let end = start + p.len();
            let before = lower[..start].chars().next_back();
            let after = lower[end..].chars().next();
            let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
            if boundary(before) && boundary(after) {
                s.replace_range(start..end, " ");
                return true;
            }
            from = end;
        }
    }
    false
}

/// Reads one charge: `[NAME:] AMOUNT [min X] [max X] [per instalment |
/// financed | upfront] [to lender | to insurer | to third party]`.
fn parse_one(piece: &str, default_name: &str, default_payee: Payee) -> Result<Charge, String> {
    let (name, body) = match piece.split_once(':') {
        Some((n, b)) if n.chars().any(|c| c.is_alphabetic()) && !n.trim().is_empty() => {
            (n.trim().to_string(), b.to_string())
        }
        _ => (default_name.to_string(), piece.to_string()),
    };
    let mut s = body;
    let payee = if take(&mut s, &["to an insurer", "to insurer", "insurer"]) {
        Payee::Insurer
    } else if take(
        &mut s,
        &[
            "to a third party",
            "to third party",
            "third party",
            "at cost",
        ],
    ) {
        Payee::ThirdParty
    } else if take(&mut s, &["to the lender", "to lender"]) {
        Payee::Lender
    } else {
        default_payee
    };
    let per = take(
        &mut s,
        &[
            "with each instalment",
            "per instalment",
            "each instalment",
            "per installment",
            "each installment",
        ],
    );
    let financed = take(&mut s, &["added to the loan", "financed"]);
    let upfront = take(&mut s, &["upfront", "at disbursement", "deducted"]);
    let of_balance = take(&mut s, &["of the balance", "of balance"]);
    let timing = match (per || of_balance, financed, upfront) {
        (true, false, false) => Timing::PerInstalment,
        (false, true, false) => Timing::Financed,
        (false, false, _) => Timing::Upfront,
        _ => return Err("say one of: upfront, per instalment, financed".into()),
    };
    let amount = parse_amount_spec(s.trim(), of_balance)?;
    if of_balance && timing != Timing::PerInstalment {
        return Err("a percentage of the balance is paid with each instalment".into());
    }
    Ok(Charge {
        name: name.into(),
        amount,
        timing,
        tax_percent: None,
        payee,
    })
}

/// Reads an amount: rupees, a percentage with its floor and cap, or bands.
fn parse_amount_spec(s: &str, of_balance: bool) -> Result<Amount, String> {
    let s = s.trim().trim_end_matches([',', ';']).trim();
    if s.contains(';') || s.to_lowercase().contains("up to") || s.to_lowercase().ends_with("above")
    {
        return parse_bands(s);
    }
    // "2.5% or Rs 2,500, whichever is higher"
    let lower = s.to_lowercase();
    for (phrase, is_min) in [
        ("whichever is higher", true),
        ("whichever is more", true),
        ("whichever is greater", true),
        ("whichever is lower", false),
        ("whichever is less", false),
    ] {
        if let Some(i) = lower.find(phrase) {
            let head = s[..i].trim().trim_end_matches(',').trim();
            let (a, b) = head
                .split_once(" or ")
                .ok_or("write it as \"2.5% or Rs 2,500, whichever is higher\"")?;
            let (pct, rs) = if a.trim().ends_with('%') {
                (a, b)
            } else {
                (b, a)
            };
            let percent = money::parse_percent(pct.trim())?;
            let rupees = money::parse_amount(rs.trim())?;
            return Ok(Amount::Percent {
                percent,
                min: is_min.then_some(rupees),
                max: (!is_min).then_some(rupees),
            });
        }
    }
    let mut words: Vec<String> = s.split_whitespace().map(str::to_string).collect();
    let mut min = None;
    let mut max = None;
    let mut k = 0;
    while k < words.len() {
        let w = words[k].to_lowercase();
        let bound = match w.as_str() {
            "min" | "minimum" | "min." => Some(true),
            "max" | "maximum" | "max." | "cap" | "capped" => Some(false),
            _ => None,
        };
        if let Some(is_min) = bound {
            // The amount after it: "Rs 2,500", "2500", "Rs. 2,500".
            let mut end = k + 1;
            if words.get(end).is_some_and(|x| x.eq_ignore_ascii_case("at")) {
                end += 1;
            }
            let mut text = String::new();
            while let Some(x) = words.get(end) {
                text.push_str(x);
                text.push(' ');
                end += 1;
                if money::parse_amount(text.trim()).is_ok() {
                    break;
                }
            }
            let v = money::parse_amount(text.trim())
                .map_err(|_| format!("after \"{w}\", expected rupees like Rs 2,500"))?;
            if is_min {
                min = Some(v);
            } else {
                max = Some(v);
            }
            words.drain(k..end);
        } else {
            k += 1;
        }
    }
    let base = words.join(" ");
    let base = base.trim();
    if let Some((a, b)) = split_range(base) {
        return range_amount(&a, &b, min, max, of_balance);
    }
    if base.ends_with('%') {
        let percent = money::parse_percent(base)?;
        if of_balance {
            if min.is_some() || max.is_some() {
                return Err("a percentage of the balance takes no minimum or maximum".into());
            }
            return Ok(Amount::OfBalance(percent));
        }
        if let (Some(lo), Some(hi)) = (min, max)
            && lo > hi
        {
            return Err("its minimum is above its maximum".into());
        }
        return Ok(Amount::Percent { percent, min, max });
    }
    if min.is_some() || max.is_some() {
        return Err("a minimum or maximum goes with a percentage".into());
    }
    if of_balance {
        return Err("of the balance goes with a percentage".into());
    }
    money::parse_amount(base).map(Amount::Rupees)
}

/// The two ends of a range, `Rs 1,000-2,000`, `0-2%`, `Rs 200 to Rs 800`,
/// if `s` is one (a leading minus is a negative amount, and the `/-` that
/// closes an amount, `Rs 40,000/-`, no range's dash).
fn split_range(s: &str) -> Option<(String, String)> {
    let bare = s.replace("/-", "");
    let bare = bare.trim();
    let (a, b) = bare
        .split_once(" to ")
        .or_else(|| bare.split_once(['-', '–']))?;
    let (a, b) = (a.trim(), b.trim());
    let digit = |x: &str| x.chars().any(|c| c.is_ascii_digit());
    (digit(a) && digit(b)).then(|| (a.to_string(), b.to_string()))
}

/// A charge quoted as a range: both ends rupees, or both percentages of
/// the loan with the same floor and cap (`0-2% min Rs 1,000`).
fn range_amount(
    a: &str,
    b: &str,
    min: Option<Decimal>,
    max: Option<Decimal>,
    of_balance: bool,
) -> Result<Amount, String> {
    if of_balance {
        return Err("a percentage of the balance is one rate: give the rate, not a range".into());
    }
    let percent = a.ends_with('%') || b.ends_with('%');
    let (lo, hi) = if percent {
        (money::parse_percent(a)?, money::parse_percent(b)?)
    } else {
        if min.is_some() || max.is_some() {
            return Err("a minimum or maximum goes with a percentage".into());
        }
        (money::parse_amount(a)?, money::parse_amount(b)?)
    };
    if lo > hi {
        return Err(format!(
            "the range's low end {a} is above its high end {b}: write the smaller first"
        ));
    }
    if let (Some(lo), Some(hi)) = (min, max)
        && lo > hi
    {
        return Err("its minimum is above its maximum".into());
    }
    let one = |x: Decimal| {
        if percent {
            Amount::Percent {
                percent: x,
                min,
                max,
            }
        } else {
            Amount::Rupees(x)
        }
    };
    Ok(if lo == hi {
        one(lo)
    } else {
        Amount::Range(Box::new(one(lo)), Box::new(one(hi)))
    })
}

/// Reads bands: `Rs 200 up to 30,000; Rs 400 up to 60,000; Rs 800 above`.
fn parse_bands(s: &str) -> Result<Amount, String> {
    let mut bands = Vec::new();
    let parts: Vec<&str> = s
        .split(';')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    for (k, part) in parts.iter().enumerate() {
        let lower = part.to_lowercase();
        let last = k + 1 == parts.len();
        let (amount, up_to) = if let Some(i) = lower.find("up to") {
            let limit = money::parse_amount(part[i + 5..].trim())
                .map_err(|_| format!("band \"{part}\": expected \"AMOUNT up to LOAN SIZE\""))?;
            if last {
                // Else a larger loan would take this band's charge unsaid.
                return Err(format!(
                    "the last band \"{part}\" has a limit: say what applies above it, e.g. \"{} above\"",
                    part[..i].trim()
                ));
            }
            (&part[..i], Some(limit))
        } else if let Some(i) = lower.find("above").or_else(|| lower.find("over")) {
            if !last {
                return Err(format!("band \"{part}\": only the last band is \"above\""));
            }
            (&part[..i], None)
        } else if last {
            (&part[..], None)
        } else {
            return Err(format!(
                "band \"{part}\": expected \"AMOUNT up to LOAN SIZE\""
            ));
        };
        let amount = amount.trim();
        let amount = if amount.ends_with('%') {
            Amount::percent(money::parse_percent(amount)?)
        } else {
            Amount::Rupees(money::parse_amount(amount)?)
        };
        bands.push(Band { up_to, amount });
    }
    if bands.len() < 2 {
        return Err("bands need at least two: \"Rs 200 up to 30,000; Rs 400 above\"".into());
    }
    let limits: Vec<Decimal> = bands.iter().filter_map(|b| b.up_to).collect();
    if limits.windows(2).any(|w| w[0] >= w[1]) {
        return Err("the bands' limits must grow: smallest loans first".into());
    }
    Ok(Amount::Bands(bands))
}

/// Reads compulsory savings: `Rs 100 per instalment`, `10% upfront`, `10%`
/// (upfront), with an optional `+5% interest`.
pub fn parse_savings(text: &str) -> Result<Savings, String> {
    let whole = text.trim();
    let bad = |why: &str| expected(SAVINGS_EXAMPLES, whole, why);
    if is_none_word(whole) {
        return Ok(Savings::deposit(Amount::Rupees(Decimal::ZERO)));
    }
    let western = money::western_digits(whole);
    let (body, interest) = match western.split_once('+') {
        Some((b, i)) => {
            let i = i.trim().to_lowercase();
            let rate = i
                .strip_suffix("interest")
                .map(str::trim)
                .ok_or_else(|| bad("after +, expected an interest rate like 5% interest"))?;
            (b, money::parse_percent(rate).map_err(|e| bad(&e))?)
        }
        None => (&*western, Decimal::ZERO),
    };
    let mut s = body.to_string();
    let per = take(
        &mut s,
        &[
            "with each instalment",
            "per instalment",
            "each instalment",
            "per installment",
        ],
    );
    let upfront = take(&mut s, &["upfront", "at disbursement", "withheld"]);
    if per && upfront {
        return Err(bad("either upfront or per instalment"));
    }
    let t = s.trim();
    let amount = if t.ends_with('%') {
        Amount::percent(money::parse_percent(t).map_err(|e| bad(&e))?)
    } else {
        Amount::Rupees(money::parse_amount(t).map_err(|e| bad(&e))?)
    };
    Ok(Savings {
        amount,
        timing: if per {
            SavingsTiming::PerInstalment
        } else {
            SavingsTiming::Upfront
        },
        interest_percent: interest,
    })
}
