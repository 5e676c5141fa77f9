//! Money as integer minor units with an ISO 4217 currency, and salary bands.

use serde::{Deserialize, Serialize};

use crate::enums::string_enum;

/// An ISO 4217 currency code: three upper-case ASCII letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Currency([u8; 3]);

impl Currency {
    /// US dollars, the currency of the seed guides' salary data.
    pub const USD: Currency = Currency(*b"USD");

    /// Parses a code such as `usd` or `EUR`.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let code = raw.trim().to_ascii_uppercase();
        match code.as_bytes() {
            [a, b, c] if [a, b, c].iter().all(|x| x.is_ascii_uppercase()) => Ok(Self([*a, *b, *c])),
            _ => Err("must be a three-letter ISO 4217 code such as USD or EUR".into()),
        }
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("XXX")
    }
}

impl std::fmt::Display for Currency {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl TryFrom<String> for Currency {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Currency> for String {
    fn from(c: Currency) -> Self {
        c.as_str().to_owned()
    }
}

/// An amount of money in minor units (cents) of a currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Money {
    /// Minor units, e.g. cents.
    pub minor: i64,
    /// The currency.
    pub currency: Currency,
}

string_enum! {
    /// The period a salary figure is quoted for.
    pub enum PayPeriod {
        Year => ("year", "per year"),
        Month => ("month", "per month"),
        Hour => ("hour", "per hour"),
    }
}

/// A salary range for a role, in minor units of one currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SalaryBand {
    /// Lower end, minor units.
    pub min_minor: i64,
    /// Upper end, minor units.
    pub max_minor: i64,
    /// Currency of both ends.
    pub currency: Currency,
    /// What period the figures are for.
    pub period: PayPeriod,
}

impl SalaryBand {
    /// A band, checked to be non-negative with `min <= max`.
    pub fn new(min_minor: i64, max_minor: i64, currency: Currency, period: PayPeriod) -> Result<Self, String> {
        if min_minor < 0 || max_minor < 0 {
            return Err("salary cannot be negative".into());
        }
        if min_minor > max_minor {
            return Err("the minimum must not exceed the maximum".into());
        }
        Ok(Self { min_minor, max_minor, currency, period })
    }

    /// A whole-unit annual band, as the seed guides quote them.
    pub fn yearly_usd(min: i64, max: i64) -> Self {
        Self { min_minor: min * 100, max_minor: max * 100, currency: Currency::USD, period: PayPeriod::Year }
    }

    /// `"USD 95,000 – 130,000 per year"`.
    pub fn display(&self) -> String {
        format!(
            "{} {} – {} {}",
            self.currency,
            group_thousands(self.min_minor / 100),
            group_thousands(self.max_minor / 100),
            self.period.label()
        )
    }
}

/// Formats whole units with thousands separators: `130000` → `130,000`.
pub fn group_thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// Parses a whole-unit amount typed by a person (`"95,000"`, `"95000"`) into minor units.
pub fn parse_whole_units(raw: &str) -> Result<i64, String> {
    let cleaned: String = raw.trim().chars().filter(|c| *c != ',' && *c != '_' && *c != ' ').collect();
    let whole: i64 = cleaned.parse().map_err(|_| "must be a whole number such as 95000".to_string())?;
    if whole < 0 {
        return Err("cannot be negative".into());
    }
    whole.checked_mul(100).ok_or_else(|| "is too large".to_string())
}

/// Largest salary expectation taken, in whole units.
const MAX_EXPECTATION: i64 = 1_000_000_000;

/// What an applicant expects to earn, from the amount and currency they typed; in the band's
/// currency when they name none. `Ok(None)` when they left it empty; the error names the field
/// to fix and how.
pub fn salary_expectation(
    amount: &str,
    currency: &str,
    band: Option<&SalaryBand>,
) -> Result<Option<Money>, (&'static str, String)> {
    if amount.trim().is_empty() {
        return Ok(None);
    }
    let minor = parse_whole_units(amount).map_err(|e| ("salary_expectation", e))?;
    if minor > MAX_EXPECTATION * 100 {
        return Err(("salary_expectation", format!("is too large: at most {}", group_thousands(MAX_EXPECTATION))));
    }
    let currency = match (currency.trim(), band) {
        ("", Some(band)) => band.currency,
        ("", None) => {
            return Err((
                "salary_currency",
                "is needed with a salary expectation when the role has no salary band: give a code such as EUR".into(),
            ));
        }
        (code, _) => Currency::parse(code).map_err(|e| ("salary_currency", e))?,
    };
    Ok(Some(Money { minor, currency }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_salary_expectation_is_read_in_the_bands_currency_unless_another_is_named() {
        let band = SalaryBand::new(6_000_000, 8_000_000, Currency::parse("EUR").unwrap(), PayPeriod::Year).unwrap();
        let eur = Currency::parse("EUR").unwrap();
        assert_eq!(salary_expectation("", "", Some(&band)), Ok(None));
        assert_eq!(salary_expectation("72,000", "", Some(&band)), Ok(Some(Money { minor: 7_200_000, currency: eur })));
        let usd = salary_expectation("90000", "usd", None).unwrap().unwrap();
        assert_eq!(usd.currency, Currency::USD);
        assert_eq!(salary_expectation("lots", "", Some(&band)).unwrap_err().0, "salary_expectation");
        assert_eq!(salary_expectation("-5", "", Some(&band)).unwrap_err().0, "salary_expectation");
        assert!(salary_expectation("99999999999", "", Some(&band)).unwrap_err().1.contains("too large"));
        assert_eq!(salary_expectation("90000", "", None).unwrap_err().0, "salary_currency");
        assert_eq!(salary_expectation("90000", "euro", Some(&band)).unwrap_err().0, "salary_currency");
    }

    #[test]
    fn currency_codes_are_three_letters() {
        assert_eq!(Currency::parse("eur").unwrap().as_str(), "EUR");
        assert!(Currency::parse("EURO").is_err());
        assert!(Currency::parse("E1R").is_err());
    }

    #[test]
    fn band_rejects_inverted_range() {
        assert!(SalaryBand::new(10, 5, Currency::USD, PayPeriod::Year).is_err());
        assert_eq!(SalaryBand::yearly_usd(95_000, 130_000).display(), "USD 95,000 – 130,000 per year");
    }

    #[test]
    fn whole_units_accept_separators() {
        assert_eq!(parse_whole_units("95,000"), Ok(9_500_000));
        assert!(parse_whole_units("abc").is_err());
        assert!(parse_whole_units("-5").is_err());
        assert!(parse_whole_units("99999999999999999").is_err());
    }
}
