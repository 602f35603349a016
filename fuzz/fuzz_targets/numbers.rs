//! The command line's number parsers, and pricing with what they accept:
//! an error or a finite price, never a panic or NaN.
#![no_main]
use libfuzzer_sys::fuzz_target;
use mfi_core::money::{parse_amount, parse_percent};
use mfi_core::pricing::charges::{Payee, parse_charges, parse_savings};
use mfi_core::pricing::{Basis, Frequency, GraceMarkup, LoanTerms, Structure, price};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.splitn(5, '|');
    let mut next = || parts.next().unwrap_or("");
    let (a, r, c, s, m) = (next(), next(), next(), next(), next());
    let _ = mfi_core::date::Date::parse(&text);
    let (Ok(amount), Ok(rate), Ok(charges)) =
        (parse_amount(a), parse_percent(r), parse_charges(c, "fee", Payee::Lender))
    else {
        return;
    };
    let savings = parse_savings(s).ok();
    let months = m.trim().parse::<u32>().unwrap_or(12);
    for basis in [Basis::Flat, Basis::Declining, Basis::Murabaha, Basis::Qard] {
        for frequency in [Frequency::Monthly, Frequency::Weekly, Frequency::Quarterly, Frequency::Bullet] {
            for structure in [Structure::Equal, Structure::InterestOnly] {
                for (grace_periods, grace_markup) in [(0, GraceMarkup::Accrued), (2, GraceMarkup::Capitalised), (2, GraceMarkup::Paid)] {
                    let t = LoanTerms {
                        basis,
                        frequency,
                        structure,
                        grace_periods,
                        grace_markup,
                        savings: savings.clone(),
                        ..LoanTerms::flat(amount, rate, months).with_charges(charges.clone())
                    };
                    if let Ok(p) = price(&t) {
                        assert!(p.apr_percent.is_finite() && p.eir_percent.is_finite());
                        assert_eq!(p.schedule.last().map(|r| r.balance), Some(rust_decimal::Decimal::ZERO));
                        let principal: rust_decimal::Decimal = p.schedule.iter().map(|r| r.principal).sum();
                        assert_eq!(principal, p.principal);
                    }
                }
            }
        }
    }
});
