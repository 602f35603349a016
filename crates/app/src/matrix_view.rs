//! The parameter matrix as staff know it from 2010: parameters as rows,
//! MFIs (and their products) as columns. Every cell is editable and
//! validated as you type; unknown and assumed values are marked, and the
//! source shows on hover.

use super::Command;
use egui_extras::{Column, TableBuilder};
use mfi_core::data::matrix::{self, Facts, Institution, Level, Matrix, PARAMS, Product};
use mfi_core::fact::{Fact, Provenance};
use std::collections::HashMap;

/// Where a cell is: institution, product (None for institution rows), parameter key.
type CellKey = (usize, Option<usize>, &'static str);

/// What the matrix view keeps between frames.
#[derive(Default)]
pub struct MatrixView {
    /// Text typed in cells that does not (yet) parse, with its message.
    invalid: HashMap<CellKey, (String, String)>,
    /// The institution the add/remove buttons act on.
    selected: usize,
    /// Whether the products' table is shown instead of the institutions'.
    products: bool,
    /// The product (of the selected institution) the product buttons act on.
    product: usize,
}

/// Colours for unknown and assumed values.
fn unknown_color(ui: &egui::Ui) -> egui::Color32 {
    if ui.visuals().dark_mode {
        egui::Color32::from_rgb(255, 170, 60)
    } else {
        egui::Color32::from_rgb(190, 90, 0)
    }
}

fn assumed_color(ui: &egui::Ui) -> egui::Color32 {
    if ui.visuals().dark_mode {
        egui::Color32::from_rgb(120, 180, 255)
    } else {
        egui::Color32::from_rgb(20, 80, 200)
    }
}

impl MatrixView {
    /// Shows the view; returns a command when the matrix changed.
    pub fn ui(&mut self, ui: &mut egui::Ui, m: &mut Matrix) -> Option<Command> {
        let mut cmd = None;
        ui.horizontal_wrapped(|ui| {
            ui.label("Show:");
            ui.selectable_value(&mut self.products, false, "Institutions");
            ui.selectable_value(&mut self.products, true, "Loan products");
            ui.separator();
            let names: Vec<String> = m.institutions.iter().map(|i| i.name.clone()).collect();
            self.selected = self.selected.min(names.len().saturating_sub(1));
            egui::ComboBox::from_id_salt("selected institution")
                .selected_text(names.get(self.selected).cloned().unwrap_or_default())
                .show_ui(ui, |ui| {
                    for (i, n) in names.iter().enumerate() {
                        ui.selectable_value(&mut self.selected, i, n);
                    }
                })
                .response
                .accessible_name("Institution to act on")
                .on_hover_text("The institution the buttons act on");
            if let Some(inst) = m.institutions.get_mut(self.selected) {
                let mut name = inst.name.clone();
                let resp = ui
                    .add(egui::TextEdit::singleline(&mut name).desired_width(160.0))
                    .accessible_name("Institution name");
                let taken = names
                    .iter()
                    .enumerate()
                    .any(|(k, n)| k != self.selected && *n == name.trim());
                if resp.changed() && !name.trim().is_empty() && !taken {
                    inst.name = name.trim().to_string();
                    cmd = Some(Command::InstitutionChanged(self.selected));
                }
            }
            if ui.button("Add institution").clicked() {
                let name = unique_name("New MFI", &names);
                let mut facts = Facts::new();
                facts.insert("office".into(), Fact::default());
                m.institutions.push(Institution {
                    name,
                    facts,
                    products: vec![Product {
                        name: "Loan".into(),
                        facts: Facts::new(),
                    }],
                });
                self.selected = m.institutions.len() - 1;
                self.invalid.clear();
                cmd = Some(Command::StudyChanged);
            }
            if ui
                .add_enabled(
                    !names.is_empty(),
                    egui::Button::new("Duplicate institution"),
                )
                .clicked()
                && let Some(inst) = m.institutions.get(self.selected).cloned()
            {
                let name = unique_name(&format!("{} (copy)", inst.name), &names);
                m.institutions
                    .insert(self.selected + 1, Institution { name, ..inst });
                self.selected += 1;
                self.invalid.clear();
                cmd = Some(Command::StudyChanged);
            }
            if ui
                .add_enabled(!names.is_empty(), egui::Button::new("Remove institution"))
                .clicked()
                && self.selected < m.institutions.len()
            {
                m.institutions.remove(self.selected);
                self.selected = self.selected.saturating_sub(1);
                self.invalid.clear();
                cmd = Some(Command::StudyChanged);
            }
        });
        if let Some(inst) = m.institutions.get_mut(self.selected)
            && self.product_ui(ui, inst)
        {
            // A product added or removed changes the layout: the update
            // then evaluates the whole study.
            cmd = Some(Command::InstitutionChanged(self.selected));
        }
        ui.horizontal_wrapped(|ui| {
            ui.colored_label(unknown_color(ui), "? unknown");
            ui.colored_label(assumed_color(ui), "* assumed");
            ui.label("Hover a cell for its source and confidence. Type \"unknown\" (or leave empty) where the source is silent.");
        });
        if !self.invalid.is_empty() {
            let mut msgs: Vec<String> = self
                .invalid
                .iter()
                .map(|((i, p, key), (_, msg))| {
                    let inst = m
                        .institutions
                        .get(*i)
                        .map(|x| x.name.as_str())
                        .unwrap_or("?");
                    let prod = p
                        .and_then(|p| m.institutions.get(*i).and_then(|x| x.products.get(p)))
                        .map(|x| format!(" / {}", x.name))
                        .unwrap_or_default();
                    format!("{inst}{prod}, {key}: {msg}")
                })
                .collect();
            msgs.sort();
            for msg in msgs {
                ui.colored_label(ui.visuals().error_fg_color, msg);
            }
        }
        ui.separator();
        let changed = if self.products {
            self.products_ui(ui, m)
        } else {
            self.institutions_ui(ui, m)
        };
        if let Some(i) = changed {
            cmd = Some(Command::InstitutionChanged(i));
        }
        cmd
    }

    fn institutions_ui(&mut self, ui: &mut egui::Ui, m: &mut Matrix) -> Option<usize> {
        let cols: Vec<(usize, Option<usize>)> =
            (0..m.institutions.len()).map(|i| (i, None)).collect();
        self.grid(ui, m, Level::Institution, &cols)
    }

    fn products_ui(&mut self, ui: &mut egui::Ui, m: &mut Matrix) -> Option<usize> {
        let cols: Vec<(usize, Option<usize>)> = m
            .institutions
            .iter()
            .enumerate()
            .flat_map(|(i, inst)| (0..inst.products.len()).map(move |p| (i, Some(p))))
            .collect();
        self.grid(ui, m, Level::Product, &cols)
    }

    fn grid(
        &mut self,
        ui: &mut egui::Ui,
        m: &mut Matrix,
        level: Level,
        cols: &[(usize, Option<usize>)],
    ) -> Option<usize> {
        // The institution whose value changed, if any.
        let mut changed = None;
        let specs: Vec<&'static matrix::ParamSpec> =
            PARAMS.iter().filter(|s| s.level == level).collect();
        let row_h = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
        egui::ScrollArea::horizontal().show(ui, |ui| {
            TableBuilder::new(ui)
                .id_salt(("matrix", self.products))
                .striped(true)
                .column(Column::exact(210.0))
                .columns(
                    Column::initial(130.0).at_least(80.0).resizable(true),
                    cols.len(),
                )
                .header(
                    row_h * if level == Level::Product { 2.0 } else { 1.0 },
                    |mut header| {
                        header.col(|ui| {
                            ui.strong("Parameter");
                        });
                        for (i, p) in cols {
                            header.col(|ui| {
                                let inst = &m.institutions[*i];
                                match p {
                                    None => {
                                        ui.strong(&inst.name);
                                    }
                                    Some(p) => {
                                        ui.vertical(|ui| {
                                            ui.strong(&inst.name);
                                            ui.label(&inst.products[*p].name);
                                        });
                                    }
                                }
                            });
                        }
                    },
                )
                .body(|body| {
                    body.rows(row_h, specs.len(), |mut row| {
                        let spec = specs[row.index()];
                        row.col(|ui| {
                            ui.label(spec.label)
                                .on_hover_text(format!("{} ({})", spec.help, spec.key));
                        });
                        for (i, p) in cols {
                            row.col(|ui| {
                                if self.cell_ui(ui, m, *i, *p, spec) {
                                    changed = Some(*i);
                                }
                            });
                        }
                    });
                });
        });
        changed
    }

    fn cell_ui(
        &mut self,
        ui: &mut egui::Ui,
        m: &mut Matrix,
        i: usize,
        p: Option<usize>,
        spec: &'static matrix::ParamSpec,
    ) -> bool {
        let key: CellKey = (i, p, spec.key);
        let inst_name = m.institutions[i].name.clone();
        let facts = match p {
            None => &mut m.institutions[i].facts,
            Some(p) => &mut m.institutions[i].products[p].facts,
        };
        let fact = facts.get(spec.key);
        let (mut text, invalid_msg) = match self.invalid.get(&key) {
            Some((t, msg)) => (t.clone(), Some(msg.clone())),
            None => (
                match fact.and_then(|f| f.value.as_ref()) {
                    Some(_) => {
                        matrix::format_value(&fact.map(|f| f.value.clone()).unwrap_or_default())
                    }
                    None => String::new(),
                },
                None,
            ),
        };
        let prov: Provenance = fact.map(|f| f.provenance.clone()).unwrap_or_default();
        let unknown = fact.is_none_or(|f| f.value.is_none());
        let color = if invalid_msg.is_some() {
            Some(ui.visuals().error_fg_color)
        } else if prov.is_assumed() {
            Some(assumed_color(ui))
        } else {
            None
        };
        let hint = egui::RichText::new("?").color(unknown_color(ui));
        let mut edit = egui::TextEdit::singleline(&mut text)
            .hint_text(hint)
            .desired_width(f32::INFINITY)
            .text_color_opt(color);
        if prov.is_assumed() {
            edit = edit.hint_text("*");
        }
        let product = p
            .map(|p| format!(" / {}", m.institutions[i].products[p].name))
            .unwrap_or_default();
        let name = format!("{inst_name}{product}: {}", spec.key);
        let resp = ui.add(edit).accessible_name(name);
        let mut tip = prov.describe();
        if unknown {
            tip = format!("unknown. {tip}");
        } else if prov.is_assumed() {
            tip = format!("* assumed. {tip}");
        }
        if let Some(msg) = &invalid_msg {
            tip = format!("{msg}\n{tip}");
        }
        let resp = resp.on_hover_text(tip);
        if !resp.changed() {
            return false;
        }
        let facts = match p {
            None => &mut m.institutions[i].facts,
            Some(p) => &mut m.institutions[i].products[p].facts,
        };
        match matrix::parse_value(spec, &text) {
            Ok(value) => {
                self.invalid.remove(&key);
                let entry = facts.entry(spec.key.to_string()).or_default();
                if entry.value != value {
                    entry.value = value;
                    if entry.provenance.is_assumed() {
                        entry.provenance.confidence = None;
                    }
                    entry.provenance.source = "edited in the app".into();
                    return true;
                }
                false
            }
            Err(msg) => {
                self.invalid.insert(key, (text, msg));
                false
            }
        }
    }
}

impl MatrixView {
    /// The product toolbar of the selected institution: pick, rename, add,
    /// duplicate, remove. Returns whether the matrix changed.
    fn product_ui(&mut self, ui: &mut egui::Ui, inst: &mut Institution) -> bool {
        let mut changed = false;
        ui.horizontal_wrapped(|ui| {
            let pnames: Vec<String> = inst.products.iter().map(|p| p.name.clone()).collect();
            self.product = self.product.min(pnames.len().saturating_sub(1));
            ui.label(format!("Products of {}:", inst.name));
            let _ = egui::ComboBox::from_id_salt("selected product")
                .selected_text(
                    pnames
                        .get(self.product)
                        .cloned()
                        .unwrap_or_else(|| "none".into()),
                )
                .show_ui(ui, |ui| {
                    for (k, n) in pnames.iter().enumerate() {
                        ui.selectable_value(&mut self.product, k, n);
                    }
                })
                .response
                .accessible_name("Product to act on");
            if let Some(prod) = inst.products.get_mut(self.product) {
                let mut name = prod.name.clone();
                let resp = ui
                    .add(egui::TextEdit::singleline(&mut name).desired_width(180.0))
                    .accessible_name("Product name");
                let taken = pnames
                    .iter()
                    .enumerate()
                    .any(|(k, n)| k != self.product && n == name.trim());
                if resp.changed() && !name.trim().is_empty() && !taken {
                    prod.name = name.trim().to_string();
                    changed = true;
                }
            }
            if ui.button("Add product").clicked() {
                inst.products.push(Product {
                    name: unique_name("Loan", &pnames),
                    facts: Facts::new(),
                });
                self.product = inst.products.len() - 1;
                changed = true;
            }
            if ui
                .add_enabled(!pnames.is_empty(), egui::Button::new("Duplicate product"))
                .clicked()
                && let Some(p) = inst.products.get(self.product).cloned()
            {
                let name = unique_name(&format!("{} (copy)", p.name), &pnames);
                inst.products
                    .insert(self.product + 1, Product { name, ..p });
                self.product += 1;
                changed = true;
            }
            if ui
                .add_enabled(!pnames.is_empty(), egui::Button::new("Remove product"))
                .clicked()
                && self.product < inst.products.len()
            {
                inst.products.remove(self.product);
                self.product = self.product.saturating_sub(1);
                changed = true;
            }
        });
        if changed {
            self.products = true;
            self.invalid.clear();
        }
        changed
    }
}

fn unique_name(base: &str, taken: &[String]) -> String {
    if !taken.iter().any(|t| t == base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base} {n}"))
        .find(|c| !taken.contains(c))
        .unwrap_or_else(|| base.to_string())
}
