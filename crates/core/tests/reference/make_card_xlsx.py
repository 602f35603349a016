"""Writes card.xlsx: a loan card as an Excel workbook makes it, with an
encoder independent of the tool (openpyxl): dates typed as dates (Excel
stores day numbers), amounts as numbers shown with grouping commas, on a
sheet named "Card", with a note column. crates/core/tests/it/cards.rs reads
it and prices it.

Run from crates/core/tests/reference: python3 make_card_xlsx.py (needs openpyxl).
"""
import datetime

import openpyxl

wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Card"
ws.append(["Date", "Amount", "What", "Note"])
start = datetime.date(2026, 1, 15)
rows = [(start, 25000, "disbursed", "cheque"), (start, 480, "charge", "documentation")]
for k in range(1, 13):
    y, m = divmod(start.month - 1 + k, 12)
    rows.append((start.replace(year=start.year + y, month=m + 1), 2606 if k == 12 else 2604, "payment", ""))
for r in rows:
    ws.append(list(r))
for row in ws.iter_rows(min_row=2):
    row[0].number_format = "yyyy-mm-dd"
    row[1].number_format = "#,##0"
wb.save("card.xlsx")
