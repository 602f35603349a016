//! Charges and compulsory savings: what a loan costs besides its markup, the
//! way a key facts statement lists it, and the way staff write it.
//!
//! A charge has a name; an amount (rupees, or a percentage of the loan with
//! an optional minimum and maximum, or bands by loan size, or a percentage of
//! the balance each instalment); when it is paid (deducted at disbursement,
//! with each instalment, or financed: added to what she owes); a tax on it;
//! and who receives it. Written in a matrix cell or on the command line:
//!
//! ```text
//! Rs 480
//! 1%
//! 2.5% min Rs 2,500 +16% tax
//! 2.5% or Rs 2,500, whichever is higher
//! 1% max Rs 5,000
//! Rs 200 up to 30,000; Rs 400 up to 60,000; Rs 800 above
//! Rs 50 per instalment to insurer
//! 0.1% of balance per instalment
//! processing fee: 3% + stamp duty: Rs 100 to third party
//! Rs 1,000-2,000
//! 0-2% min Rs 1,000
//! processing fee: 2% + FED: 16%
//! ```
//!
//! A range (`Rs 200-800`, `0-2% min Rs 1,000`) is a charge quoted as lying
//! somewhere within it: it is priced at both ends, like an unknown term. A
//! tax named as a charge of its own (`FED: 16%`, `sales tax: 16%`) is a tax
//! on the lender's other charges written with it, never a charge on the
//! loan. Urdu and Arabic-Indic digits and `٪` are read as `0-9` and `%`.
//!
//! Compulsory savings: `Rs 100 per instalment`, `10% upfront`, `10%`
//! (upfront), optionally `+5% interest`.
//!
//! The types are here; `read.rs` reads them as staff write them, `write.rs`
//! writes them back.

mod read;
mod write;

pub use read::{
    CHARGE_EXAMPLES, SAVINGS_EXAMPLES, is_tax_name, parse_charges, parse_savings, tax_alone,
    tax_of_its_own,
};
pub use write::format_charges;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Who receives a charge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Payee {
    /// The lender (fees).
    Lender,
    /// An insurance company (premiums).
    Insurer,
    /// Someone else: stamp duty, a government fee, a bank's charge.
    ThirdParty,
}

impl Payee {
    /// The word in files and JSON: `lender`, `insurer`, `third_party`.
    pub fn key(self) -> &'static str {
        match self {
            Payee::Lender => "lender",
            Payee::Insurer => "insurer",
            Payee::ThirdParty => "third_party",
        }
    }

    /// In words: "the lender".
    pub fn words(self) -> &'static str {
        match self {
            Payee::Lender => "the lender",
            Payee::Insurer => "an insurer",
            Payee::ThirdParty => "a third party",
        }
    }

    /// As written after a charge: "to lender".
    fn written(self) -> &'static str {
        match self {
            Payee::Lender => "to lender",
            Payee::Insurer => "to insurer",
            Payee::ThirdParty => "to third party",
        }
    }
}

/// When a charge is paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Timing {
    /// Deducted from what she receives at disbursement.
    Upfront,
    /// Paid with each instalment.
    PerInstalment,
    /// Added to what she owes, and so repaid (with markup) in the instalments.
    Financed,
}

impl Timing {
    /// The word in JSON: `upfront`, `per_instalment`, `financed`.
    pub fn key(self) -> &'static str {
        match self {
            Timing::Upfront => "upfront",
            Timing::PerInstalment => "per_instalment",
            Timing::Financed => "financed",
        }
    }

    /// In words: "deducted at disbursement".
    pub fn words(self) -> &'static str {
        match self {
            Timing::Upfront => "deducted at disbursement",
            Timing::PerInstalment => "with each instalment",
            Timing::Financed => "added to the loan",
        }
    }
}

/// How much a charge is, before tax.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Amount {
    /// A fixed amount in rupees.
    Rupees(Decimal),
    /// A percentage of the loan, with an optional floor and cap in rupees.
    Percent {
        /// 2.5 means 2.5%.
        percent: Decimal,
        /// At least this many rupees.
        min: Option<Decimal>,
        /// At most this many rupees.
        max: Option<Decimal>,
    },
    /// A percentage of what is still owed, with each instalment.
    OfBalance(Decimal),
    /// By loan size: the first band whose limit the loan does not exceed;
    /// the last band has no limit.
    Bands(Vec<Band>),
    /// Quoted as a range (`Rs 200-800`, `0-2% min Rs 1,000`): somewhere
    /// between its two ends, each rupees or a percentage (with the same
    /// floor and cap). Priced at both ends ([`Amount::at`]); where one
    /// figure is needed, the high end.
    Range(Box<Amount>, Box<Amount>),
}

/// One band of an amount by loan size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Band {
    /// The largest loan the band applies to; `None` for the last band.
    pub up_to: Option<Decimal>,
    /// The amount in this band: rupees or a percentage.
    pub amount: Amount,
}

impl Amount {
    /// No charge.
    pub const NONE: Amount = Amount::Rupees(Decimal::ZERO);

    /// A plain percentage of the loan.
    pub fn percent(p: Decimal) -> Amount {
        Amount::Percent {
            percent: p,
            min: None,
            max: None,
        }
    }

    /// The amount in rupees, before rounding, for a loan of `loan` with
    /// `balance` still owed (for a percentage of the balance).
    pub fn on(&self, loan: Decimal, balance: Decimal) -> Decimal {
        match self {
            Amount::Rupees(r) => *r,
            Amount::Percent { percent, min, max } => {
                let mut x = super::units::percent(loan * *percent);
                if let Some(m) = min {
                    x = x.max(*m);
                }
                if let Some(m) = max {
                    x = x.min(*m);
                }
                x
            }
            Amount::OfBalance(p) => super::units::percent(balance * *p),
            Amount::Bands(bands) => bands
                .iter()
                .find(|b| b.up_to.is_none_or(|u| loan <= u))
                .or(bands.last())
                .map(|b| b.amount.on(loan, balance))
                .unwrap_or_default(),
            Amount::Range(_, high) => high.on(loan, balance),
        }
    }

    /// One end of a range (`high`: its high end); any other amount as it is.
    pub fn at(&self, high: bool) -> Amount {
        match self {
            Amount::Range(low, hi) => {
                if high {
                    (**hi).clone()
                } else {
                    (**low).clone()
                }
            }
            other => other.clone(),
        }
    }

    /// Whether it is quoted as a range.
    pub fn is_range(&self) -> bool {
        matches!(self, Amount::Range(..))
    }

    /// Whether any figure in it is negative.
    fn negative(&self) -> bool {
        let neg = |d: &Decimal| d.is_sign_negative() && !d.is_zero();
        match self {
            Amount::Rupees(r) | Amount::OfBalance(r) => neg(r),
            Amount::Percent { percent, min, max } => {
                neg(percent) || min.as_ref().is_some_and(neg) || max.as_ref().is_some_and(neg)
            }
            Amount::Bands(b) => b.iter().any(|b| b.amount.negative()),
            Amount::Range(lo, hi) => lo.negative() || hi.negative(),
        }
    }

    /// Whether it is zero whatever the loan.
    pub fn is_zero(&self) -> bool {
        match self {
            Amount::Rupees(r) | Amount::OfBalance(r) => r.is_zero(),
            Amount::Percent { percent, min, .. } => {
                percent.is_zero() && min.is_none_or(|m| m.is_zero())
            }
            Amount::Bands(b) => b.iter().all(|b| b.amount.is_zero()),
            Amount::Range(lo, hi) => lo.is_zero() && hi.is_zero(),
        }
    }
}

/// One charge of a loan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Charge {
    /// Its name: "documentation charges", "life insurance", "stamp duty"
    /// (shared: every loan priced with it names it without a copy).
    pub name: std::sync::Arc<str>,
    /// How much, before tax.
    pub amount: Amount,
    /// When it is paid.
    pub timing: Timing,
    /// The tax on it in percent (federal excise duty or provincial sales
    /// tax), when it is taxed.
    pub tax_percent: Option<Decimal>,
    /// Who receives it.
    pub payee: Payee,
}

impl Charge {
    /// A fee deducted at disbursement, received by the lender, untaxed.
    pub fn fee(name: &str, amount: Amount) -> Charge {
        Charge {
            name: name.into(),
            amount,
            timing: Timing::Upfront,
            tax_percent: None,
            payee: Payee::Lender,
        }
    }

    /// An insurance premium deducted at disbursement, received by an insurer.
    pub fn insurance(name: &str, amount: Amount) -> Charge {
        Charge {
            payee: Payee::Insurer,
            ..Charge::fee(name, amount)
        }
    }

    /// The same charge paid with each instalment.
    pub fn per_instalment(self) -> Charge {
        Charge {
            timing: Timing::PerInstalment,
            ..self
        }
    }

    /// The same charge with a tax on it.
    pub fn taxed(self, percent: Decimal) -> Charge {
        Charge {
            tax_percent: Some(percent),
            ..self
        }
    }

    /// The charge at one end of its range (`high`: the high end); a charge
    /// that is not a range as it is.
    pub fn at(&self, high: bool) -> Charge {
        if self.amount.is_range() {
            Charge {
                amount: self.amount.at(high),
                ..self.clone()
            }
        } else {
            self.clone()
        }
    }

    /// Whether any figure in it is negative.
    pub fn negative(&self) -> bool {
        self.amount.negative()
            || self
                .tax_percent
                .is_some_and(|t| t.is_sign_negative() && !t.is_zero())
    }
}

/// When compulsory savings are collected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SavingsTiming {
    /// Withheld from what she receives at disbursement.
    Upfront,
    /// Collected with each instalment.
    PerInstalment,
}

/// Compulsory savings: collected, held, and refunded with any interest at
/// the end of the loan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Savings {
    /// How much: rupees or a percentage of the loan (each time, when
    /// collected with each instalment).
    pub amount: Amount,
    /// When it is collected.
    pub timing: SavingsTiming,
    /// The interest the savings earn, percent a year (simple), paid with
    /// the refund.
    pub interest_percent: Decimal,
}

impl Savings {
    /// A deposit withheld at disbursement and refunded without interest.
    pub fn deposit(amount: Amount) -> Savings {
        Savings {
            amount,
            timing: SavingsTiming::Upfront,
            interest_percent: Decimal::ZERO,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    fn one(s: &str) -> Charge {
        let mut v = parse_charges(s, "fee", Payee::Lender).unwrap();
        assert_eq!(v.len(), 1, "{s}");
        v.remove(0)
    }

    #[test]
    fn charges_read_as_key_facts_statements_write_them() {
        let c = one("2.5% min Rs 2,500 +16% tax");
        assert_eq!(
            c.amount,
            Amount::Percent {
                percent: dec!(2.5),
                min: Some(dec!(2500)),
                max: None
            }
        );
        assert_eq!(c.tax_percent, Some(dec!(16)));
        assert_eq!(c.amount.on(dec!(50000), dec!(0)), dec!(2500));
        assert_eq!(c.amount.on(dec!(200000), dec!(0)), dec!(5000));
        assert_eq!(
            one("2.5% or Rs 2,500, whichever is higher").amount,
            c.amount
        );
        let cap = one("1% max Rs 5,000");
        assert_eq!(cap.amount.on(dec!(1000000), dec!(0)), dec!(5000));
        let bands = one("Rs 200 up to 30,000; Rs 400 up to 60,000; Rs 800 above");
        assert_eq!(bands.amount.on(dec!(30000), dec!(0)), dec!(200));
        assert_eq!(bands.amount.on(dec!(30001), dec!(0)), dec!(400));
        assert_eq!(bands.amount.on(dec!(90000), dec!(0)), dec!(800));
        let ins = one("Rs 50 per instalment to insurer");
        assert_eq!(
            (ins.timing, ins.payee),
            (Timing::PerInstalment, Payee::Insurer)
        );
        let bal = one("0.1% of balance per instalment");
        assert_eq!(bal.amount, Amount::OfBalance(dec!(0.1)));
        assert_eq!(one("Rs 1,000 financed").timing, Timing::Financed);
        let two = parse_charges("3% + 2%", "fee", Payee::Lender).unwrap();
        assert_eq!(two.len(), 2);
        assert_eq!((&*two[0].name, &*two[1].name), ("fee 1", "fee 2"));
        let named = parse_charges(
            "processing fee: 3% +16% tax + stamp duty: Rs 100 to third party",
            "fee",
            Payee::Lender,
        )
        .unwrap();
        assert_eq!(&*named[0].name, "processing fee");
        assert_eq!(named[0].tax_percent, Some(dec!(16)));
        assert_eq!(named[1].payee, Payee::ThirdParty);
        assert_eq!(named[1].tax_percent, None);
    }

    #[test]
    fn charges_write_back_as_they_read() {
        for s in [
            "Rs 480",
            "1%",
            "2.5% min Rs 2,500 +16% tax",
            "1% max Rs 5,000",
            "Rs 200 up to 30,000; Rs 400 up to 60,000; Rs 800 above",
            "Rs 50 per instalment to insurer",
            "0.1% of balance per instalment",
            "Rs 1,000 financed",
            "3% + 2%",
            "processing fee: 3% +16% tax + stamp duty: Rs 100 to third party",
        ] {
            let a = parse_charges(s, "fee", Payee::Lender).unwrap();
            let text = format_charges(&a, "fee", Payee::Lender);
            let b = parse_charges(&text, "fee", Payee::Lender).unwrap();
            assert_eq!(a, b, "{s} -> {text}");
        }
    }

    #[test]
    fn bad_charges_say_what_a_charge_looks_like_and_quote_the_value_whole() {
        for s in [
            "abc",
            "2.5% min",
            "Rs 400 up to 60,000; Rs 200 up to 30,000; Rs 800 above",
            "+16% tax",
            "5% per instalment financed",
        ] {
            let e = parse_charges(s, "fee", Payee::Lender).unwrap_err();
            assert!(e.starts_with("expected a charge like"), "{e}");
            assert!(e.contains(&format!("found \"{s}\"")), "{e}");
        }
    }

    #[test]
    fn savings_read_and_write_back() {
        let s = parse_savings("Rs 100 per instalment +5% interest").unwrap();
        assert_eq!(s.timing, SavingsTiming::PerInstalment);
        assert_eq!(s.interest_percent, dec!(5));
        assert_eq!(parse_savings(&s.to_string()).unwrap(), s);
        let d = parse_savings("10%").unwrap();
        assert_eq!(d, Savings::deposit(Amount::percent(dec!(10))));
        assert!(
            parse_savings("ten")
                .unwrap_err()
                .starts_with("expected savings like")
        );
    }

    #[test]
    fn none_is_known_to_be_nothing() {
        assert_eq!(parse_charges("none", "fee", Payee::Lender), Ok(Vec::new()));
        assert_eq!(format_charges(&[], "fee", Payee::Lender), "none");
        let s = parse_savings("None").unwrap();
        assert_eq!(s.to_string(), "none");
        assert_eq!(parse_savings(&s.to_string()), Ok(s));
    }

    #[test]
    fn urdu_digits_and_the_arabic_percent_sign_are_read_in_charges() {
        assert_eq!(one("۲٪").amount, Amount::percent(dec!(2)));
        assert_eq!(one("٢٪").amount, Amount::percent(dec!(2)));
        assert_eq!(
            one("2٪ min Rs ۱٬۰۰۰").amount,
            Amount::Percent {
                percent: dec!(2),
                min: Some(dec!(1000)),
                max: None
            }
        );
        assert_eq!(one("Rs ۴۸۰ +۱۶٪ FED").tax_percent, Some(dec!(16)));
        let s = parse_savings("Rs ۱۰۰ per instalment").unwrap();
        assert_eq!(s.amount, Amount::Rupees(dec!(100)));
    }

    #[test]
    fn a_tax_named_as_a_charge_taxes_the_lenders_other_charges() {
        // As staff type it: the fee, then the tax as a charge of its own.
        let c = parse_charges("processing fee: 2% + FED: 16%", "fee", Payee::Lender).unwrap();
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!(c[0].tax_percent, Some(dec!(16)));
        assert_eq!(c[0].amount, Amount::percent(dec!(2)));
        // Before the charges too; the stamp duty (to a third party) is not taxed.
        let c = parse_charges(
            "sales tax: 16% + processing fee: 2% + stamp duty: Rs 100 to third party",
            "fee",
            Payee::Lender,
        )
        .unwrap();
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].tax_percent, Some(dec!(16)));
        assert_eq!(c[1].tax_percent, None);
        // Alone, it is refused with the right spelling, never priced as a fee.
        for s in [
            "FED: 16%",
            "tax: 16%",
            "GST: 17%",
            "PST: 16%",
            "withholding tax: 16%",
            "Sales Tax: 16%",
        ] {
            let e = parse_charges(s, "other charge", Payee::Lender).unwrap_err();
            assert!(
                e.contains("is a tax on charges, not a charge on the loan"),
                "{s}: {e}"
            );
            assert!(e.contains("tax_on_charges"), "{e}");
        }
        // A tax in rupees is what she pays: a charge like any other.
        assert_eq!(one("FED: Rs 77").amount, Amount::Rupees(dec!(77)));
        // The other way round: "FED 16%".
        assert_eq!(one("Rs 480 + FED 16%").tax_percent, Some(dec!(16)));
        assert!(is_tax_name("Federal excise duty"));
        assert!(!is_tax_name("stamp duty"));
    }

    #[test]
    fn a_tax_out_of_its_place_is_answered_with_where_it_goes() {
        let e = parse_charges("2% +16% FED min Rs 1,000", "fee", Payee::Lender).unwrap_err();
        assert!(e.contains("write \"2% min Rs 1,000 +16% FED\""), "{e}");
        let e = parse_charges("2% min Rs 1,000 16% FED", "fee", Payee::Lender).unwrap_err();
        assert!(e.contains("write \"2% min Rs 1,000 +16% FED\""), "{e}");
        let e = parse_charges(
            "Rs 480 + 2% +16% sales tax max Rs 500",
            "fee",
            Payee::Lender,
        )
        .unwrap_err();
        assert!(
            e.contains("write \"Rs 480 + 2% max Rs 500 +16% sales tax\""),
            "{e}"
        );
        // Where it belongs, it is read.
        let c = one("2% min Rs 1,000 +16% FED");
        assert_eq!(c.tax_percent, Some(dec!(16)));
    }

    #[test]
    fn ranges_of_fees_and_premiums_as_mfis_publish_them() {
        let r = one("Rs 1,000-2,000");
        assert_eq!(
            r.amount,
            Amount::Range(
                Box::new(Amount::Rupees(dec!(1000))),
                Box::new(Amount::Rupees(dec!(2000)))
            )
        );
        assert_eq!(r.at(false).amount, Amount::Rupees(dec!(1000)));
        assert_eq!(r.at(true).amount, Amount::Rupees(dec!(2000)));
        let p = one("0-2% min Rs 1,000");
        assert_eq!(p.at(false).amount.on(dec!(100000), dec!(0)), dec!(1000));
        assert_eq!(p.at(true).amount.on(dec!(100000), dec!(0)), dec!(2000));
        let ins = parse_charges("Rs 200-800", "insurance", Payee::Insurer).unwrap();
        assert_eq!(ins[0].at(true).amount, Amount::Rupees(dec!(800)));
        assert_eq!(one("Rs 200 to Rs 800").amount, ins[0].amount);
        assert_eq!(one("1%-2%").at(false).amount, Amount::percent(dec!(1)));
        // Written back as read.
        for s in [
            "Rs 1,000-2,000",
            "0-2% min Rs 1,000",
            "Rs 200-800 to insurer",
            "1-2% max Rs 5,000 +16% tax",
        ] {
            let a = parse_charges(s, "fee", Payee::Lender).unwrap();
            let text = format_charges(&a, "fee", Payee::Lender);
            assert_eq!(
                parse_charges(&text, "fee", Payee::Lender).unwrap(),
                a,
                "{s} -> {text}"
            );
        }
        // A range the wrong way round, or with a floor on rupees, says why.
        let e = parse_charges("Rs 2,000-1,000", "fee", Payee::Lender).unwrap_err();
        assert!(e.contains("write the smaller first"), "{e}");
        let e = parse_charges("Rs 200-800 min Rs 300", "fee", Payee::Lender).unwrap_err();
        assert!(
            e.contains("a minimum or maximum goes with a percentage"),
            "{e}"
        );
        // Rs 40,000/- is one amount, not a range.
        assert_eq!(one("Rs 40,000/-").amount, Amount::Rupees(dec!(40000)));
    }
}
