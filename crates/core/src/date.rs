//! A calendar date, for instalment calendars and a report's date: a thin
//! wrapper over `jiff`'s civil date, which does the calendar's arithmetic
//! (month lengths, leap years, a day clipped to the end of a shorter month).

use jiff::ToSpan;

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(jiff::civil::Date);

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl Date {
    /// Reads `YYYY-MM-DD` (a real date: 2027-02-30 is refused), in Urdu
    /// digits too (`۲۰۲۶-۰۱-۱۵`).
    pub fn parse(s: &str) -> Option<Date> {
        let western = crate::money::western_digits(s);
        let s = western.trim();
        // jiff reads more forms than this; staff write only this one.
        let shape = s.len() == 10
            && s.char_indices().all(|(i, c)| {
                if i == 4 || i == 7 {
                    c == '-'
                } else {
                    c.is_ascii_digit()
                }
            });
        if !shape {
            return None;
        }
        s.parse::<jiff::civil::Date>().ok().map(Date)
    }

    /// A date from its year, month (1-12) and day, if it exists.
    pub fn new(year: i16, month: i8, day: i8) -> Option<Date> {
        jiff::civil::Date::new(year, month, day).ok().map(Date)
    }

    /// Today's date where the computer is (UTC when its time zone is unknown).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn today() -> Date {
        Date(jiff::ZonedDateTime::now().date())
    }

    /// Today's date where the browser is: its clock in its own time zone
    /// (the web app carries no time zone database).
    #[cfg(target_arch = "wasm32")]
    pub fn today() -> Date {
        let now = js_sys::Date::new_0();
        let part = |x: u32| i8::try_from(x).ok();
        let local = i16::try_from(now.get_full_year())
            .ok()
            .and_then(|y| Date::new(y, part(now.get_month() + 1)?, part(now.get_date())?));
        // The browser's clock in UTC, should its calendar be out of range.
        local.unwrap_or_else(|| {
            let utc = jiff::Timestamp::from_millisecond(now.get_time() as i64)
                .unwrap_or(jiff::Timestamp::UNIX_EPOCH);
            Date(utc.to_zoned_datetime(jiff::tz::TimeZone::UTC).date())
        })
    }

    /// The year.
    pub fn year(self) -> i32 {
        i32::from(self.0.year())
    }

    /// The month, 1-12.
    pub fn month(self) -> u32 {
        u32::try_from(self.0.month()).unwrap_or(1)
    }

    /// The day of the month, 1-31.
    pub fn day(self) -> u32 {
        u32::try_from(self.0.day()).unwrap_or(1)
    }

    /// The date `n` months later, the day clipped to the month's length
    /// (31 January + 1 month = 28 or 29 February). Far beyond any loan's
    /// term, the last date the calendar holds.
    pub fn add_months(self, n: u32) -> Date {
        // A span holds at most 239,976 months: past that, the calendar's end.
        let span = jiff::Span::new().try_months(i64::from(n));
        Date(
            span.and_then(|s| self.0.checked_add(s))
                .unwrap_or(jiff::civil::Date::MAX),
        )
    }

    /// The date `n` months later, or `None` beyond the calendar's last day
    /// (31 December 9999).
    pub fn checked_add_months(self, n: u32) -> Option<Date> {
        self.0.checked_add(i64::from(n).months()).ok().map(Date)
    }

    /// The date `n` months later (earlier when `n` is negative), the day
    /// clipped to the month's length; `None` beyond the calendar.
    pub fn checked_add_months_signed(self, n: i64) -> Option<Date> {
        self.0.checked_add(n.months()).ok().map(Date)
    }

    /// The date `n` days later, or `None` beyond the calendar's last day.
    pub fn checked_add_days(self, n: u32) -> Option<Date> {
        self.0.checked_add(i64::from(n).days()).ok().map(Date)
    }

    /// The date `n` days later.
    pub fn add_days(self, n: u32) -> Date {
        // A span holds at most 7,304,484 days: past that, the calendar's end.
        let span = jiff::Span::new().try_days(i64::from(n));
        Date(
            span.and_then(|s| self.0.checked_add(s))
                .unwrap_or(jiff::civil::Date::MAX),
        )
    }

    /// The days from `self` to `later` (negative if `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        self.0
            .until((jiff::Unit::Day, later.0))
            .map(|s| i64::from(s.get_days()))
            .unwrap_or(0)
    }

    /// "5 Mar 2027".
    pub fn long(self) -> String {
        format!(
            "{} {} {}",
            self.day(),
            MONTHS[(self.month() as usize).clamp(1, 12) - 1],
            self.year()
        )
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse(&s).ok_or_else(|| {
            serde::de::Error::custom(format!("expected a date like 2026-11-22, found \"{s}\""))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_add_up() {
        let d = Date::parse("2027-01-31").unwrap();
        assert_eq!(d.add_months(1).to_string(), "2027-02-28");
        assert_eq!(d.add_months(13).to_string(), "2028-02-29");
        assert_eq!(d.add_days(1).to_string(), "2027-02-01");
        assert_eq!(
            Date::parse("2027-12-25").unwrap().add_days(14).to_string(),
            "2028-01-08"
        );
        assert_eq!(d.long(), "31 Jan 2027");
        assert!(Date::parse("2027-02-30").is_none());
        assert!(Date::parse("27-2").is_none());
        assert!(Date::parse("2027-2-3").is_none());
        assert_eq!(d.days_until(Date::parse("2027-03-03").unwrap()), 31);
        assert_eq!(Date::new(2026, 11, 25).unwrap().to_string(), "2026-11-25");
        assert_eq!(Date::parse("۲۰۲۶-۰۱-۱۵").unwrap().to_string(), "2026-01-15");
        let last = Date::parse("9999-12-31").unwrap();
        assert_eq!(last.checked_add_months(1), None);
        assert_eq!(last.checked_add_days(1), None);
        assert_eq!(d.checked_add_months(1), Some(d.add_months(1)));
    }
}
