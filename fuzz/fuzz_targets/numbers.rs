//! The command line's number parsers, and pricing with what they accept:
//! an error or a finite price, never a panic or NaN.
#![no_main]
use libfuzzer_sys::fuzz_target;
use mfi_core::money::{parse_amount, parse_charge, parse_percent};
use mfi_core::pricing::{Basis, Frequency, LoanTerms, price};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.splitn(4, '|');
    let (a, r, c, m) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""), parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let _ = mfi_core::date::Date::parse(&text);
    let (Ok(amount), Ok(rate), Ok(fee)) = (parse_amount(a), parse_percent(r), parse_charge(c)) else { return };
    let months = m.trim().parse::<u32>().unwrap_or(12);
    for basis in [Basis::Flat, Basis::Declining, Basis::Murabaha, Basis::Qard] {
        for frequency in [Frequency::Monthly, Frequency::Weekly, Frequency::Bullet] {
            let t = LoanTerms { basis, frequency, fee, ..LoanTerms::flat(amount, rate, months) };
            if let Ok(p) = price(&t) {
                assert!(p.apr_percent.is_finite() && p.eir_percent.is_finite());
                assert_eq!(p.schedule.last().map(|r| r.balance), Some(rust_decimal::Decimal::ZERO));
            }
        }
    }
});
