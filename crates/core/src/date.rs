//! A calendar date, enough for instalment calendars and a report's date.

/// A calendar date, enough for instalment calendars.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// The year.
    pub year: i32,
    /// 1-12.
    pub month: u32,
    /// 1-31.
    pub day: u32,
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl Date {
    /// Reads `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Date> {
        let mut it = s.trim().split('-');
        let (y, m, d) = (
            it.next()?.parse().ok()?,
            it.next()?.parse().ok()?,
            it.next()?.parse().ok()?,
        );
        if it.next().is_some() || !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
            return None;
        }
        Some(Date {
            year: y,
            month: m,
            day: d,
        })
    }

    /// Today's date (UTC), from the system clock.
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
        let z = (secs / 86_400) as i64 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// The date `n` months later, the day clipped to the month's length.
    pub fn add_months(self, n: u32) -> Date {
        let total = self.year * 12 + (self.month as i32 - 1) + n as i32;
        let (year, month) = (total.div_euclid(12), total.rem_euclid(12) as u32 + 1);
        Date {
            year,
            month,
            day: self.day.min(days_in_month(year, month)),
        }
    }

    /// The date `n` days later.
    pub fn add_days(self, n: u32) -> Date {
        let mut d = self;
        let mut left = n;
        while left > 0 {
            let room = days_in_month(d.year, d.month) - d.day;
            if left <= room {
                d.day += left;
                left = 0;
            } else {
                left -= room + 1;
                d = Date {
                    day: 1,
                    ..d.add_months(1)
                };
                d.day = 1;
            }
        }
        d
    }

    /// "5 Mar 2027".
    pub fn long(self) -> String {
        format!(
            "{} {} {}",
            self.day,
            MONTHS[(self.month - 1) as usize],
            self.year
        )
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 31,
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
    }
}
