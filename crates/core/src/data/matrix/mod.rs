//! The MFI parameter matrix: institutions, their loan products, and every
//! term of both, each value possibly unknown and carrying its provenance.
//!
//! On disk it is one "long" CSV file, one value per row:
//! `institution, product, parameter, value, source, confidence, note`.
//! An empty `product` means the row is about the institution itself.
//! The README explains why this layout was chosen.
//!
//! Here the matrix's types; the parameter table (`params`), a value read
//! and written (`value`), the checks of a product's terms (`checks`),
//! reading the file (`load`) and writing it (`write`) each in a file.

use crate::fact::Fact;
use crate::pricing::charges::{Charge, Savings};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

mod checks;
mod load;
mod params;
mod value;
mod write;

pub use checks::{check_product, term_key, term_param};
pub use load::{MATRIX_COLUMNS, load_matrix};
pub use params::{
    DISBURSED_AS, Kind, LIFE_INSURANCE, Level, PARAMS, PURPOSES, Param, ParamSpec, SERVICES, param,
};
pub use value::{
    MarkupQuote, Value, format_markup, format_value, is_one_amount, is_unknown_word, parse_flag,
    parse_markup, parse_value,
};
pub use write::{matrix_to_csv, save_matrix};

/// The values of one institution or product, by parameter.
pub type Facts = BTreeMap<Param, Fact<Value>>;

/// A loan product of an institution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Product {
    /// The product's name, unique within its institution.
    pub name: String,
    /// Its parameters.
    pub facts: Facts,
}

/// A microfinance institution and its products.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Institution {
    /// The institution's name, unique in the matrix.
    pub name: String,
    /// Its institution-level parameters.
    pub facts: Facts,
    /// Its loan products.
    pub products: Vec<Product>,
}

/// The parameter matrix of a study.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Matrix {
    /// The institutions, in file order.
    pub institutions: Vec<Institution>,
}

impl Matrix {
    /// The institution with this name.
    pub fn institution(&self, name: &str) -> Option<&Institution> {
        self.institutions.iter().find(|i| i.name == name)
    }

    /// The number of products over all institutions.
    pub fn product_count(&self) -> usize {
        self.institutions.iter().map(|i| i.products.len()).sum()
    }

    /// How complete the matrix is: of all the values its institutions and
    /// products may hold (each parameter once per institution, or per
    /// product for a product's own), how many are unknown and how many
    /// assumed. `check`, the report and the decision page count with it.
    pub fn completeness(&self) -> Completeness {
        self.completeness_where(|_| true)
    }

    /// [`Matrix::completeness`] of one institution and its products.
    pub fn completeness_of(&self, institution: &str) -> Completeness {
        self.completeness_where(|name| name == institution)
    }

    fn completeness_where(&self, keep: impl Fn(&str) -> bool) -> Completeness {
        let per_inst = PARAMS.iter().filter(|s| s.level.on_institution()).count();
        let per_product = PARAMS.iter().filter(|s| s.level == Level::Product).count();
        let values = self
            .institutions
            .iter()
            .filter(|i| keep(&i.name))
            .map(|i| per_inst + per_product * i.products.len())
            .sum();
        // A parameter an institution leaves to its products is known when
        // every product of it gives it.
        let given_by_every_product = |inst: &str, key: Param| {
            self.institution(inst).is_some_and(|i| {
                !i.products.is_empty()
                    && i.products
                        .iter()
                        .all(|p| p.facts.get(&key).is_some_and(|f| f.value.is_some()))
            })
        };
        let (mut unknown, mut assumed) = (0, 0);
        for d in self.doubts().iter().filter(|d| keep(&d.0)) {
            if d.1.is_none() && d.2.level == Level::Both && given_by_every_product(&d.0, d.2.param)
            {
                continue;
            }
            if d.3.value.is_none() {
                unknown += 1;
            } else {
                assumed += 1;
            }
        }
        Completeness {
            values,
            unknown,
            assumed,
        }
    }

    /// Every value that is unknown or assumed: (institution, product, parameter, provenance).
    pub fn doubts(&self) -> Vec<(String, Option<String>, &'static ParamSpec, Fact<Value>)> {
        let mut out = Vec::new();
        for inst in &self.institutions {
            let mut push = |product: Option<&str>, facts: &Facts, level: Level| {
                // A product that does not give a parameter it shares with its
                // institution takes the institution's: nothing to doubt there.
                for spec in PARAMS.iter().filter(|s| {
                    s.level == level || (s.level == Level::Both && level == Level::Institution)
                }) {
                    match facts.get(&spec.param) {
                        Some(f) if f.value.is_some() && !f.provenance.is_assumed() => {}
                        Some(f) => out.push((
                            inst.name.clone(),
                            product.map(str::to_string),
                            spec,
                            f.clone(),
                        )),
                        None => out.push((
                            inst.name.clone(),
                            product.map(str::to_string),
                            spec,
                            Fact::default(),
                        )),
                    }
                }
            };
            push(None, &inst.facts, Level::Institution);
            for prod in &inst.products {
                push(Some(&prod.name), &prod.facts, Level::Product);
            }
        }
        out
    }
}

/// Typed reading of facts; `None` whenever the value is unknown or absent.
pub trait FactsExt {
    /// The fact of a parameter, if the file gave one.
    fn fact(&self, key: Param) -> Option<&Fact<Value>>;
    /// A yes/no value.
    fn flag(&self, key: Param) -> Option<bool> {
        match self.fact(key)?.value.as_ref()? {
            Value::Flag(b) => Some(*b),
            _ => None,
        }
    }
    /// A range value.
    fn bounds(&self, key: Param) -> Option<(Decimal, Decimal)> {
        match self.fact(key)?.value.as_ref()? {
            Value::Range(a, b) => Some((*a, *b)),
            _ => None,
        }
    }
    /// A number (km).
    fn number(&self, key: Param) -> Option<Decimal> {
        match self.fact(key)?.value.as_ref()? {
            Value::Number(d) | Value::Percent(d) => Some(*d),
            Value::Markup(MarkupQuote::Rate(d)) => Some(*d),
            _ => None,
        }
    }
    /// A whole number.
    fn count(&self, key: Param) -> Option<u32> {
        match self.fact(key)?.value.as_ref()? {
            Value::Count(n) => Some(*n),
            _ => None,
        }
    }
    /// Charges.
    fn charges(&self, key: Param) -> Option<&[Charge]> {
        match self.fact(key)?.value.as_ref()? {
            Value::Charges(c) => Some(c.as_slice()),
            _ => None,
        }
    }
    /// Compulsory savings (or a deposit).
    fn savings(&self, key: Param) -> Option<&Savings> {
        match self.fact(key)?.value.as_ref()? {
            Value::Savings(s) => Some(s),
            _ => None,
        }
    }
    /// A markup as quoted.
    fn markup(&self, key: Param) -> Option<&MarkupQuote> {
        match self.fact(key)?.value.as_ref()? {
            Value::Markup(m) => Some(m),
            _ => None,
        }
    }
    /// A choice, as its canonical word.
    fn choice(&self, key: Param) -> Option<&str> {
        match self.fact(key)?.value.as_ref()? {
            Value::Choice(c) => Some(c.as_str()),
            _ => None,
        }
    }
    /// A text.
    fn text(&self, key: Param) -> Option<&str> {
        match self.fact(key)?.value.as_ref()? {
            Value::Text(t) => Some(t.as_str()),
            _ => None,
        }
    }
    /// A list.
    fn list(&self, key: Param) -> Option<&[String]> {
        match self.fact(key)?.value.as_ref()? {
            Value::List(xs) => Some(xs.as_slice()),
            _ => None,
        }
    }
}

impl FactsExt for Facts {
    fn fact(&self, key: Param) -> Option<&Fact<Value>> {
        self.get(&key)
    }
}

/// How complete a matrix is ([`Matrix::completeness`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Completeness {
    /// The values it may hold.
    pub values: usize,
    /// Of them, unknown.
    pub unknown: usize,
    /// Of them, given but assumed.
    pub assumed: usize,
}

impl Completeness {
    /// The values known (assumed ones included).
    pub fn known(&self) -> usize {
        self.values - self.unknown
    }
}
