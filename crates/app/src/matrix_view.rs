//! The parameter matrix as staff know it from 2010: parameters as rows,
//! MFIs (and their products) as columns. Every cell is a field (see
//! [`crate::edit`]): what is typed stays as typed until it is read; a cell
//! that cannot be read turns red, and its message shows in a line reserved
//! above the table, so nothing moves. Unknown and assumed values are marked;
//! the source shows on hover.

use crate::Command;
use crate::edit::{Drafts, Edit, Field, Look};
use egui_extras::{Column, TableBuilder};
use mfi_core::data::matrix::{self, Level, PARAMS};
use mfi_core::data::study::StudyDoc;
use mfi_core::fact::Provenance;

/// What the matrix view keeps between frames.
#[derive(Default)]
pub struct MatrixView {
    /// The institution the buttons act on.
    selected: usize,
    /// Whether the products' table is shown instead of the institutions'.
    products: bool,
    /// The product (of the selected institution) the product buttons act on.
    product: usize,
    /// How far down the table is scrolled: the parameter names and the
    /// MFIs' columns are two tables kept level (the names stay in view
    /// while the MFIs scroll sideways), institutions' table and products'.
    row_offset: [f32; 2],
    /// The height of the MFIs' header in the last frame (institutions',
    /// products'), which the names' header takes.
    header_h: [f32; 2],
    /// The height of the rows in view in the last frame (institutions',
    /// products'), to bring the cell Tab moves to into view.
    body_h: [f32; 2],
}

/// The width of the parameters' names, beside the MFIs' columns.
const NAMES_W: f32 = 218.0;

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
    /// Shows the cell's table (institutions or products) and selects its
    /// institution, so that the app can give it the focus back.
    pub fn reveal(&mut self, f: &Field) {
        match f {
            Field::Cell { inst, product, .. } => {
                self.selected = *inst;
                self.products = product.is_some();
                if let Some(p) = product {
                    self.product = *p;
                }
            }
            Field::InstitutionName(i) => self.selected = *i,
            Field::ProductName(i, p) => {
                self.selected = *i;
                self.product = *p;
            }
            Field::Member(..) | Field::Setting(_) => {}
        }
    }

    /// Shows the view; returns what the user asked to change.
    pub fn ui(&mut self, ui: &mut egui::Ui, study: &StudyDoc, drafts: &mut Drafts) -> Vec<Command> {
        let mut out = Vec::new();
        let m = &study.matrix;
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
            if !names.is_empty() {
                out.extend(drafts.field_ui(
                    ui,
                    study,
                    &Field::InstitutionName(self.selected),
                    160.0,
                    Look::default(),
                ));
            }
            if ui.button("Add institution").clicked() {
                self.selected = names.len();
                out.push(Command::Edit(Edit::AddInstitution));
            }
            if ui
                .add_enabled(
                    !names.is_empty(),
                    egui::Button::new("Duplicate institution"),
                )
                .clicked()
            {
                out.push(Command::Edit(Edit::DuplicateInstitution(self.selected)));
                self.selected += 1;
            }
            if ui
                .add_enabled(!names.is_empty(), egui::Button::new("Remove institution"))
                .on_hover_text("Removes it and its products (Edit > Undo brings it back)")
                .clicked()
            {
                out.push(Command::Edit(Edit::RemoveInstitution(self.selected)));
                self.selected = self.selected.saturating_sub(1);
            }
        });
        if self.selected < m.institutions.len() {
            out.extend(self.product_ui(ui, study, drafts));
        }
        ui.horizontal_wrapped(|ui| {
            ui.colored_label(unknown_color(ui), "? unknown");
            ui.colored_label(assumed_color(ui), "* assumed");
            ui.label("Hover a cell for its source and confidence. Type \"unknown\" (or leave empty) where the source is silent. A value is read when you press Enter or Tab or click elsewhere.");
        });
        self.message_line_ui(ui, study, drafts);
        ui.separator();
        let cols: Vec<(usize, Option<usize>)> = if self.products {
            m.institutions
                .iter()
                .enumerate()
                .flat_map(|(i, inst)| (0..inst.products.len()).map(move |p| (i, Some(p))))
                .collect()
        } else {
            (0..m.institutions.len()).map(|i| (i, None)).collect()
        };
        let level = if self.products {
            Level::Product
        } else {
            Level::Institution
        };
        self.tab_down_the_column(ui, level, &cols);
        out.extend(self.grid(ui, study, drafts, level, &cols));
        out
    }

    /// Tab moves down the column, as in a spreadsheet's column of one MFI:
    /// from a cell to the next parameter of the same MFI (or product), from
    /// the last to the first of the next column; Shift+Tab goes back up.
    /// The cell it moves to is brought into view, its value selected.
    fn tab_down_the_column(
        &mut self,
        ui: &mut egui::Ui,
        level: Level,
        cols: &[(usize, Option<usize>)],
    ) {
        let pressed = ui.input(|i| {
            i.events.iter().any(|e| {
                matches!(e, egui::Event::Key { key: egui::Key::Tab, pressed: true, modifiers, .. }
                    if !modifiers.any() || modifiers.shift_only())
            })
        });
        let Some(focused) = ui.memory(|m| m.focused()).filter(|_| pressed) else {
            return;
        };
        let back = ui.input(|i| i.modifiers.shift_only());
        let specs = specs_of(level);
        let at = cols.iter().enumerate().find_map(|(c, (inst, product))| {
            specs
                .iter()
                .position(|s| {
                    Field::Cell {
                        inst: *inst,
                        product: *product,
                        key: s.param,
                    }
                    .id()
                        == focused
                })
                .map(|r| (c, r))
        });
        let Some((c, r)) = at else {
            return;
        };
        let n = specs.len();
        let next = if back {
            match (c, r) {
                (_, r) if r > 0 => Some((c, r - 1)),
                (c, _) if c > 0 => Some((c - 1, n - 1)),
                _ => None,
            }
        } else if r + 1 < n {
            Some((c, r + 1))
        } else if c + 1 < cols.len() {
            Some((c + 1, 0))
        } else {
            None
        };
        // At the first or last cell, Tab goes on to the window's other fields.
        let Some((c2, r2)) = next else {
            return;
        };
        let (inst, product) = cols[c2];
        let to = Field::Cell {
            inst,
            product,
            key: specs[r2].param,
        };
        ui.ctx().memory_mut(|m| {
            m.move_focus(egui::FocusDirection::None);
            m.request_focus(to.id());
        });
        // Its value selected whole, as a spreadsheet's cell is: what is typed
        // next replaces it (typed at its end, "Kasur" and "no" became
        // "Kasurno", a place that does not exist); a click still puts the
        // caret where it lands.
        let mut state = egui::TextEdit::load_state(ui.ctx(), to.id()).unwrap_or_default();
        state
            .cursor
            .set_char_range(Some(egui::text_selection::CCursorRange::two(
                egui::text::CCursor::new(0),
                egui::text::CCursor::new(usize::MAX),
            )));
        egui::TextEdit::store_state(ui.ctx(), to.id(), state);
        ui.ctx().input_mut(|i| {
            i.consume_key(egui::Modifiers::NONE, egui::Key::Tab);
            i.consume_key(egui::Modifiers::SHIFT, egui::Key::Tab);
        });
        // Into view: the row's top and bottom within the rows shown.
        let t = usize::from(self.products);
        let pitch =
            ui.text_style_height(&egui::TextStyle::Body) + 8.0 + ui.spacing().item_spacing.y;
        let (top, bottom) = (r2 as f32 * pitch, (r2 + 1) as f32 * pitch);
        if top < self.row_offset[t] {
            self.row_offset[t] = top;
        } else if self.body_h[t] > 0.0 && bottom > self.row_offset[t] + self.body_h[t] {
            self.row_offset[t] = bottom - self.body_h[t];
        }
    }

    /// One line, always there, for the message of a cell that could not be
    /// read: the one being edited, else the first; and how many others.
    fn message_line_ui(&self, ui: &mut egui::Ui, study: &StudyDoc, drafts: &Drafts) {
        let invalid: Vec<(Field, String)> = drafts
            .invalid()
            .into_iter()
            .filter(|(f, _)| !matches!(f, Field::Member(..)))
            .collect();
        let focused = ui.memory(|m| m.focused());
        let first = invalid
            .iter()
            .find(|(f, _)| Some(f.id()) == focused)
            .or(invalid.first());
        let text = match first {
            Some((f, msg)) => {
                let more = invalid.len() - 1;
                let more = if more > 0 {
                    format!("  (and {more} other cell(s) in red)")
                } else {
                    String::new()
                };
                format!("{}: {msg}{more}", f.title(study))
            }
            None => String::new(),
        };
        let h = ui.text_style_height(&egui::TextStyle::Body);
        ui.allocate_ui_with_layout(
            egui::vec2(ui.available_width(), h),
            egui::Layout::left_to_right(egui::Align::Center),
            |ui| {
                ui.set_min_height(h);
                ui.add(
                    egui::Label::new(egui::RichText::new(text).color(ui.visuals().error_fg_color))
                        .truncate(),
                );
            },
        );
    }

    fn grid(
        &mut self,
        ui: &mut egui::Ui,
        study: &StudyDoc,
        drafts: &mut Drafts,
        level: Level,
        cols: &[(usize, Option<usize>)],
    ) -> Vec<Command> {
        let mut out = Vec::new();
        let m = &study.matrix;
        let specs = specs_of(level);
        let row_h = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
        let header_h = row_h * if level == Level::Product { 2.0 } else { 1.0 };
        let t = usize::from(self.products);
        let kept = self.row_offset[t];
        // The MFIs' header grows when a long name wraps: the names' header
        // takes the height it had in the last frame, so that the rows of
        // the two tables stay level.
        let names_header_h = self.header_h[t].max(header_h);
        let (mut names_y, mut cells_y, mut cells_header_h) = (kept, kept, header_h);
        ui.horizontal_top(|ui| {
            // The parameters' names stay where they are when the MFIs'
            // columns scroll sideways (at 1024 px and 150% zoom three MFIs
            // fit beside them).
            // As high as the MFIs' table above their scroll bar.
            let bar = egui::style::ScrollStyle::thin().allocated_width();
            let size = egui::vec2(NAMES_W, ui.available_height() - bar);
            ui.allocate_ui_with_layout(size, egui::Layout::top_down(egui::Align::Min), |ui| {
                ui.set_width(NAMES_W);
                names_y = TableBuilder::new(ui)
                    .id_salt(("matrix names", self.products))
                    .striped(true)
                    .vertical_scroll_offset(kept)
                    .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysHidden)
                    .column(Column::exact(NAMES_W - 8.0))
                    .header(names_header_h, |mut header| {
                        header.col(|ui| {
                            ui.strong("Parameter");
                        });
                    })
                    .body(|body| {
                        body.rows(row_h, specs.len(), |mut row| {
                            let spec = specs[row.index()];
                            row.col(|ui| {
                                ui.add(egui::Label::new(spec.label).truncate())
                                    .on_hover_text(format!(
                                        "{}: {} ({})",
                                        spec.label, spec.help, spec.key
                                    ));
                            });
                        });
                    })
                    .state
                    .clamped_offset()
                    .y;
            });
            crate::widgets::sideways(ui, ("matrix columns", self.products), |ui| {
                ui.vertical(|ui| {
                    let top = ui.cursor().top();
                    let body = TableBuilder::new(ui)
                        .id_salt(("matrix", self.products))
                        .striped(true)
                        .vertical_scroll_offset(kept)
                        .columns(
                            Column::initial(130.0).at_least(80.0).resizable(true),
                            cols.len(),
                        )
                        .header(header_h, |mut header| {
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
                        })
                        .body(|body| {
                            body.rows(row_h, specs.len(), |mut row| {
                                let spec = specs[row.index()];
                                for (i, p) in cols {
                                    row.col(|ui| {
                                        let field = Field::Cell {
                                            inst: *i,
                                            product: *p,
                                            key: spec.param,
                                        };
                                        out.extend(cell_ui(ui, study, drafts, field));
                                    });
                                }
                            });
                        });
                    cells_y = body.state.clamped_offset().y;
                    self.body_h[usize::from(self.products)] = body.inner_rect.height();
                    // The header and the space under it, as the names'
                    // header is drawn.
                    cells_header_h = body.inner_rect.top() - top - ui.spacing().item_spacing.y;
                });
            });
        });
        // The wheel turned over the names or over the cells: the other
        // table follows in the next frame; so does a taller header.
        let now = if cells_y != kept { cells_y } else { names_y };
        let header = cells_header_h.max(header_h);
        if now != kept || (header - self.header_h[t]).abs() > 0.5 {
            self.row_offset[t] = now;
            self.header_h[t] = header;
            ui.ctx().request_repaint();
        }
        out
    }

    /// The product toolbar of the selected institution: pick, rename, add,
    /// duplicate, remove.
    fn product_ui(
        &mut self,
        ui: &mut egui::Ui,
        study: &StudyDoc,
        drafts: &mut Drafts,
    ) -> Vec<Command> {
        let mut out = Vec::new();
        let inst = &study.matrix.institutions[self.selected];
        let i = self.selected;
        ui.horizontal_wrapped(|ui| {
            let pnames: Vec<String> = inst.products.iter().map(|p| p.name.clone()).collect();
            self.product = self.product.min(pnames.len().saturating_sub(1));
            ui.label(format!("Products of {}:", inst.name));
            egui::ComboBox::from_id_salt("selected product")
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
            if !pnames.is_empty() {
                out.extend(drafts.field_ui(
                    ui,
                    study,
                    &Field::ProductName(i, self.product),
                    180.0,
                    Look::default(),
                ));
            }
            if ui.button("Add product").clicked() {
                self.product = pnames.len();
                self.products = true;
                out.push(Command::Edit(Edit::AddProduct(i)));
            }
            if ui
                .add_enabled(!pnames.is_empty(), egui::Button::new("Duplicate product"))
                .clicked()
            {
                out.push(Command::Edit(Edit::DuplicateProduct(i, self.product)));
                self.product += 1;
                self.products = true;
            }
            if ui
                .add_enabled(!pnames.is_empty(), egui::Button::new("Remove product"))
                .on_hover_text("Edit > Undo brings it back")
                .clicked()
            {
                out.push(Command::Edit(Edit::RemoveProduct(i, self.product)));
                self.product = self.product.saturating_sub(1);
                self.products = true;
            }
        });
        out
    }
}

/// The rows of a table, in order: a product's table also holds what may be
/// set either way (charges, premiums), a product's own value overriding its
/// institution's.
fn specs_of(level: Level) -> Vec<&'static matrix::ParamSpec> {
    PARAMS
        .iter()
        .filter(|s| match level {
            Level::Product => s.level.on_product(),
            _ => s.level.on_institution(),
        })
        .collect()
}

/// One cell of the matrix.
fn cell_ui(
    ui: &mut egui::Ui,
    study: &StudyDoc,
    drafts: &mut Drafts,
    field: Field,
) -> Option<Command> {
    let Field::Cell { inst, product, key } = &field else {
        return None;
    };
    let i = study.matrix.institutions.get(*inst)?;
    let facts = match product {
        None => &i.facts,
        Some(p) => &i.products.get(*p)?.facts,
    };
    let fact = facts.get(key);
    let prov: Provenance = fact.map(|f| f.provenance.clone()).unwrap_or_default();
    let unknown = fact.is_none_or(|f| f.value.is_none());
    let mut tip = prov.describe();
    if unknown {
        tip = format!("unknown. {tip}");
    } else if prov.is_assumed() {
        tip = format!("* assumed. {tip}");
    }
    // A product's cell left empty where its institution's value applies.
    let both = Some(key.spec()).filter(|s| s.level == Level::Both);
    let hint = if let (Some(spec), Some(_), None) = (both, product, fact) {
        let from = matrix::format_value(spec, &i.facts.get(key).and_then(|f| f.value.clone()));
        tip = format!(
            "not set for this product: {}'s value applies ({from}). {tip}",
            i.name
        );
        egui::RichText::new(format!("as {}", i.name)).color(unknown_color(ui))
    } else if prov.is_assumed() {
        egui::RichText::new("*").color(assumed_color(ui))
    } else {
        egui::RichText::new("?").color(unknown_color(ui))
    };
    let look = Look {
        hint: Some(hint),
        color: prov.is_assumed().then(|| assumed_color(ui)),
        tooltip: Some(tip),
    };
    drafts.field_ui(ui, study, &field, f32::INFINITY, look)
}
