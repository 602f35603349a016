//! The report's pages: its sections in order with their contents, each
//! member's page (her loan, her calendar, what to negotiate, her months),
//! in English or in her language.

use crate::page::{
    About, BOTTOM, CONTENT_W, Continued, KEEP_WITH_TABLE, MARGIN, REPORT_LANG, Rendered, Writer,
    finish,
};
use mfi_core::i18n::capitalised;
use mfi_core::report::{Block, Handout, MemberPage, MonthStrip, Piece, Report, Table};
use printpdf::PdfDocument;

/// A member's calendar is set in this many columns, read one after the
/// other (a year and a half of monthly instalments in six lines).
pub(crate) const CALENDAR_COLUMNS: usize = 3;
/// The room a calendar needs to start on a page: its titles and two lines.
pub(crate) const CALENDAR_START: f32 = 39.0;

impl Writer {
    pub(crate) fn handout(&mut self, h: &Handout) {
        if let Some(page) = &h.page {
            self.member_page(page, h.months.as_ref());
            self.continued = None;
            return;
        }
        self.continued = None;
        self.new_page();
        // Each further page of hers starts with her name.
        let head = format!("{}, {}", h.member, h.co);
        self.continued = Some(Continued::Text(format!(
            "{head}: {}",
            if h.loan.is_some() {
                "your loan plan, continued"
            } else {
                "why no loan fits, continued"
            }
        )));
        self.paragraph("Your loan plan", 16.0, true);
        // The study's name is in the page's header, not repeated here.
        self.paragraph(&format!("{}, {}", h.member, h.co), 13.0, true);
        // Her plan in brief, set close: it is read as one block. Her work
        // and what she buys a line each; her figures on one line when they
        // fit (room for the strip of her months).
        let said: Vec<String> = h.plan.iter().map(|(k, v)| format!("{k}: {v}")).collect();
        let figures = said.get(2..).unwrap_or_default();
        let gap = 18.0;
        let one_line = figures.len() > 1
            && figures
                .iter()
                .map(|t| self.regular.width(t, 10.0) + gap)
                .sum::<f32>()
                <= CONTENT_W + gap;
        let lines: Vec<&String> = if one_line {
            said.iter().take(2).collect()
        } else {
            said.iter().collect()
        };
        for t in lines {
            for l in self.wrap(t, 10.0, false, CONTENT_W) {
                self.ensure(13.0);
                self.y -= 13.0;
                self.text(MARGIN, self.y + 3.0, &l, 10.0, false);
            }
        }
        if one_line {
            self.ensure(13.0);
            self.y -= 13.0;
            let mut x = MARGIN;
            for t in figures {
                self.text(x, self.y + 3.0, t, 10.0, false);
                x += self.regular.width(t, 10.0) + gap;
            }
        }
        self.y -= 6.0;
        match &h.loan {
            Some(l) => {
                self.paragraph(
                    &format!("{}: {}, a loan of {}", l.heading, l.offer, l.amount),
                    11.0,
                    true,
                );
                if let Some(why) = &l.not_co_choice {
                    self.paragraph(why, 9.0, false);
                }
                // The two figures she must remember, each beside a picture
                // for members who read little: a stack of coins for what
                // she pays each time, a calendar for how many times.
                let row_h = if l.payment_note.is_some() { 66.0 } else { 58.0 };
                self.ensure(row_h + 8.0);
                let top = self.y - 4.0;
                self.coins(MARGIN, top - 50.0, 40.0);
                self.text(MARGIN + 50.0, top - 12.0, &l.instalment_label, 10.0, false);
                self.text(MARGIN + 50.0, top - 44.0, &l.instalment, 28.0, true);
                if let Some(note) = &l.payment_note {
                    // What the amount is made of, when savings or charges
                    // are paid with each instalment.
                    let note = capitalised(note);
                    for (k, line) in self
                        .wrap(&note, 7.5, false, CONTENT_W * 0.5)
                        .iter()
                        .enumerate()
                        .take(2)
                    {
                        self.text(MARGIN, top - 56.0 - 9.0 * k as f32, line, 7.5, false);
                    }
                }
                let right = MARGIN + CONTENT_W * 0.56;
                self.calendar_icon(right, top - 50.0, 40.0);
                // "12 monthly instalments, to confirm" on one line: smaller
                // when it would pass the margin.
                let room = MARGIN + CONTENT_W - (right + 50.0);
                let size = (12.0 * room / self.bold.width(&l.count, 12.0)).clamp(8.0, 12.0);
                self.text(right + 50.0, top - 18.0, &l.count, size, true);
                let dates = match (l.calendar.first(), l.calendar.last()) {
                    (Some(a), Some(b)) if l.calendar.len() > 1 => format!("{} to {}", a.0, b.0),
                    (Some(a), _) => a.0.clone(),
                    _ => String::new(),
                };
                self.text(right + 50.0, top - 36.0, &dates, 10.0, false);
                if let Some(last) = l.last_instalment.as_ref().filter(|_| l.balloon.is_none()) {
                    self.text(
                        right + 50.0,
                        top - 50.0,
                        &format!("The last instalment: {last}"),
                        9.0,
                        false,
                    );
                }
                self.y = top - row_h;
                if let Some(balloon) = &l.balloon {
                    // The last payment as large as the others: never an
                    // average in their place.
                    self.paragraph(balloon, 16.0, true);
                }
                if let Some(note) = &l.term_note {
                    self.paragraph(note, 10.0, false);
                }
                // What she pays back and what the loan costs her, on one line.
                self.ensure(20.0);
                self.y -= 16.0;
                let pays = format!("You pay back in all: {}", l.total_repaid);
                self.text(MARGIN, self.y, &pays, 12.0, true);
                let costs = format!("The loan costs you: {}", l.total_cost);
                let at = (MARGIN + self.bold.width(&pays, 12.0) + 24.0).max(right);
                self.text(at, self.y, &costs, 12.0, true);
                self.y -= 8.0;
                // Her months, picture first, then what they assume and
                // what she must do.
                if let Some(s) = &h.months {
                    self.month_strip(s);
                }
                for note in &l.months_notes {
                    let bold = note.starts_with("Your plan's business would not");
                    self.paragraph(note, 8.5, bold);
                }
                self.negotiate_lines(h);
                // Her key facts statement: one ruled table, a mark beside
                // every term still to be confirmed.
                let table = Table {
                    header: vec![
                        "Key facts of your loan".into(),
                        String::new(),
                        String::new(),
                    ],
                    numeric: vec![false, false, false],
                    widths: vec![1.35, 3.1, 0.55],
                    rows: l
                        .statement
                        .iter()
                        .map(|k| {
                            vec![
                                k.label.clone(),
                                k.value.clone(),
                                if k.to_confirm {
                                    "to confirm".into()
                                } else {
                                    String::new()
                                },
                            ]
                        })
                        .collect(),
                    footnotes: Vec::new(),
                };
                self.table_padded(&table, 8.0, 1.5);
                for (k, c) in l.to_confirm.iter().enumerate() {
                    if k == 0 {
                        self.paragraph(
                            &format!("Confirm with the MFI before you sign. {c}"),
                            8.0,
                            false,
                        );
                    } else {
                        self.paragraph(c, 8.0, false);
                    }
                }
                self.paragraph(&l.under_stress, 8.5, false);
                // The day she receives the loan heads her calendar: both on
                // the next page, under her name, when the calendar's first
                // lines do not fit here.
                self.continued = Some(Continued::Text(format!("{head}: your calendar, continued")));
                let receive = format!("On {}, {}.", l.disbursement.0, l.disbursement.1);
                let lines = self.wrap(&receive, 10.0, true, CONTENT_W).len() as f32;
                if self.y - lines * 14.0 - 5.0 - CALENDAR_START < BOTTOM {
                    self.new_page();
                }
                self.paragraph(&receive, 10.0, true);
                let cells: Vec<[String; 3]> = l
                    .calendar
                    .iter()
                    .enumerate()
                    .map(|(i, (d, a))| [(i + 1).to_string(), d.clone(), a.clone()])
                    .collect();
                self.calendar(&cells);
            }
            None => {
                self.paragraph("No loan fits your plan now, because:", 12.0, true);
                self.bullets(&h.why_nothing);
                // The best ranked offer's months, its short months marked.
                if let Some(s) = &h.months {
                    self.month_strip(s);
                }
                self.negotiate_lines(h);
            }
        }
    }

    /// The terms to negotiate with the MFI, under her months: the title,
    /// then a line each.
    pub(crate) fn negotiate_lines(&mut self, h: &Handout) {
        if let Some(n) = &h.negotiate {
            self.paragraph(&n.heading, 9.5, true);
            for line in &n.lines {
                self.paragraph(line, 8.5, false);
            }
        }
    }

    /// Draws shaped glyphs with their run starting at `x`.
    /// A calendar in two columns on each page, in order: on every page the
    /// first column, then the second, continue where the page before ended
    /// (a page holds as many lines as fit); each next page starts with
    /// `continued` (her name) and the columns' titles again.
    pub(crate) fn calendar(&mut self, cells: &[[String; 3]]) {
        let size = 9.0;
        let row_h = 13.0;
        let widths = [0.17, 0.45, 0.38];
        let header = ["No.", "Date", "Pay"];
        let mut start = 0;
        while start < cells.len() {
            // A next page, under her name, when its first lines do not fit
            // here.
            if start > 0 || self.y - CALENDAR_START < BOTTOM {
                self.new_page();
            }
            // The last line's baseline may sit on the bottom margin; the
            // line of titles takes one.
            let fit = ((((self.y - BOTTOM) / row_h).floor() as usize).saturating_sub(1)).max(1);
            let left = cells.len() - start;
            // A fourth, narrower column when it ends the calendar on this
            // page: no page of its own for its last lines.
            let cols = if left > CALENDAR_COLUMNS * fit && left <= (CALENDAR_COLUMNS + 1) * fit {
                CALENDAR_COLUMNS + 1
            } else {
                CALENDAR_COLUMNS
            };
            let size = if cols > CALENDAR_COLUMNS { 8.0 } else { size };
            let col_w = CONTENT_W / cols as f32;
            // The columns' titles.
            self.y -= row_h;
            for side in 0..cols {
                let mut x = MARGIN + side as f32 * col_w;
                for (c, t) in header.iter().enumerate() {
                    let w = widths[c] * col_w;
                    let tw = self.bold.width(t, size);
                    let at = if c == 1 { x + 4.0 } else { x + w - tw - 6.0 };
                    self.text(at, self.y, t, size, true);
                    x += w;
                }
            }
            let y = self.y - 4.0;
            self.line(MARGIN, y, MARGIN + CONTENT_W, y, 0.6, 0.4);
            let chunk = left.min(cols * fit);
            let rows = chunk.div_ceil(cols);
            let top = self.y;
            for k in 0..chunk {
                let (side, r) = (k / rows, k % rows);
                let baseline = top - row_h * (r + 1) as f32;
                let mut x = MARGIN + side as f32 * col_w;
                for (c, cell) in cells[start + k].iter().enumerate() {
                    let w = widths[c] * col_w;
                    let tw = self.regular.width(cell, size);
                    let at = if c == 1 { x + 4.0 } else { x + w - tw - 6.0 };
                    self.text(at, baseline, cell, size, false);
                    x += w;
                }
            }
            self.y = top - row_h * rows as f32 - 6.0;
            start += chunk;
        }
    }

    /// A member's page in Urdu: every line right-aligned and read from the
    /// right, the calendar's columns from the right, numbers left to right.
    /// The study's name is in every page's header: not repeated at its foot,
    /// where it could spill alone onto a page of its own.
    pub(crate) fn member_page(&mut self, page: &MemberPage, months: Option<&MonthStrip>) {
        self.continued = None;
        self.new_page();
        // Each further page of hers starts with her name.
        self.continued = Some(Continued::Line(page.continued_page.clone()));
        for (i, l) in page.lines.iter().enumerate() {
            if i == page.months_at
                && let Some(s) = months
            {
                self.month_strip(s);
            }
            // The last line (the day she receives the loan) heads her
            // calendar: both on the next page, under her name, when the
            // calendar's first lines do not fit here.
            if i + 1 == page.lines.len() && !page.calendar.is_empty() {
                self.continued = Some(Continued::Line(page.continued.clone()));
                if self.y - l.size * 3.2 - 8.0 - 14.5 * 3.0 < BOTTOM {
                    self.new_page();
                }
            }
            self.line_rtl(l);
        }
        if page.months_at >= page.lines.len()
            && let Some(s) = months
        {
            self.month_strip(s);
        }
        if !page.calendar.is_empty() {
            self.y -= 8.0;
            let size = 10.5;
            let row_h = 14.5;
            // Columns side by side, the first at the right; in each,
            // number, date and amount from the right.
            let cols = CALENDAR_COLUMNS;
            let col_w = CONTENT_W / cols as f32;
            let widths = [0.13, 0.49, 0.38];
            let header: Vec<Piece> = page
                .calendar_header
                .iter()
                .map(|t| Piece::Words(t.clone()))
                .collect();
            let draw_header = |w: &mut Writer| {
                w.ensure(row_h * 2.0);
                w.y -= row_h;
                for side in 0..cols {
                    let right = MARGIN + CONTENT_W - side as f32 * col_w;
                    let mut edge = right;
                    for (c, p) in header.iter().enumerate() {
                        w.pieces_rtl(edge - 4.0, w.y, std::slice::from_ref(p), size, true);
                        edge -= widths[c] * col_w;
                    }
                }
                let y = w.y - 4.0;
                w.line(MARGIN, y, MARGIN + CONTENT_W, y, 0.6, 0.4);
            };
            // On each page the first column (at the right), then the
            // second, continue where the page before ended.
            let mut start = 0;
            while start < page.calendar.len() {
                if start > 0 || self.y - row_h * 3.0 < BOTTOM {
                    self.new_page();
                }
                draw_header(self);
                let fit = (((self.y - BOTTOM) / row_h).floor() as usize).max(1);
                let chunk = (page.calendar.len() - start).min(cols * fit);
                let rows = chunk.div_ceil(cols);
                let top = self.y;
                for k in 0..chunk {
                    let (side, r) = (k / rows, k % rows);
                    let y = top - row_h * (r + 1) as f32;
                    let right = MARGIN + CONTENT_W - side as f32 * col_w;
                    let mut edge = right;
                    for (c, cell) in page.calendar[start + k].iter().enumerate() {
                        self.pieces_rtl(edge - 4.0, y, cell, size, false);
                        edge -= widths[c] * col_w;
                    }
                }
                self.y = top - row_h * rows as f32;
                start += chunk;
            }
            self.y -= 6.0;
        }
    }

    /// The table of contents on the cover, under its lines: each section and
    /// the page it starts on (known once everything is laid out).
    pub(crate) fn contents(&mut self, top: f32, entries: &[(String, usize)]) {
        let (page, y) = (self.page, self.y);
        self.page = 0;
        self.y = top;
        self.paragraph("Contents", 12.0, true);
        for (title, at) in entries {
            let size = 10.0;
            self.y -= size * 1.4;
            let baseline = self.y;
            self.text(MARGIN, baseline, title, size, false);
            let n = at.to_string();
            let nw = self.regular.width(&n, size);
            self.text(MARGIN + CONTENT_W - nw, baseline, &n, size, false);
        }
        self.page = page;
        self.y = y;
    }
}

/// Lays out and writes the report.
pub fn render(r: &Report) -> Result<Rendered, String> {
    let mut doc = PdfDocument::new(&r.title);
    let mut w = Writer::new(&mut doc)?;
    // Cover.
    w.y -= 120.0;
    w.paragraph(&r.title, 24.0, true);
    w.y -= 20.0;
    for (k, v) in &r.cover {
        w.paragraph(&format!("{k}: {v}"), 11.0, false);
    }
    let contents_at = w.y - 16.0;
    let mut contents: Vec<(String, usize)> = Vec::new();
    for (i, s) in r.sections.iter().enumerate() {
        w.new_page();
        contents.push((format!("{}. {}", i + 2, s.heading), w.page + 1));
        w.heading(&format!("{}. {}", i + 2, s.heading));
        for (k, b) in s.blocks.iter().enumerate() {
            match b {
                Block::Paragraph(p) => {
                    // A paragraph that introduces a table stays on the page
                    // of the table's first rows.
                    if let Some(Block::Table(_)) = s.blocks.get(k + 1) {
                        let lines = w.wrap(p, 10.0, false, CONTENT_W).len() as f32;
                        w.ensure(lines * 14.0 + KEEP_WITH_TABLE);
                    }
                    w.paragraph(p, 10.0, false)
                }
                Block::Bullets(items) => w.bullets(items),
                Block::Table(t) => w.table(t, if t.header.len() > 6 { 7.0 } else { 8.5 }),
                Block::Bars {
                    title,
                    bars,
                    unit,
                    shown,
                } => w.bars(title, bars, unit, shown),
                Block::Scatter {
                    title,
                    x_label,
                    y_label,
                    points,
                } => w.scatter(title, x_label, y_label, points),
            }
        }
    }
    if !r.handouts.is_empty() {
        contents.push((
            format!(
                "{}. The members' pages ({})",
                r.sections.len() + 2,
                r.handouts.len()
            ),
            w.pages.len() + 1,
        ));
    }
    for h in &r.handouts {
        w.handout(h);
    }
    // The CO's resolution, when the study holds its vote: the last pages.
    if !r.resolutions.is_empty() {
        contents.push((
            format!(
                "{}. The resolution of the CO",
                r.sections.len() + 2 + usize::from(!r.handouts.is_empty())
            ),
            w.pages.len() + 1,
        ));
    }
    for res in &r.resolutions {
        w.resolution(res);
    }
    w.contents(contents_at, &contents);
    w.headers_and_footers(&r.study, &r.date);
    finish(
        doc,
        w,
        About {
            title: &r.title,
            author: &r.author,
            subject: &r.study,
            issued: r.issued,
            languages: &r.languages,
            lang: REPORT_LANG,
        },
    )
}

/// The renderer the command line is given.
pub fn render_bytes(r: &Report) -> Result<Vec<u8>, String> {
    render(r).map(|x| x.bytes)
}
