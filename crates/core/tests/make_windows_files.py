"""Writes the test files made the way Windows and Excel make them, with
encoders independent of the tool (Python's codecs and openpyxl):

- valid/plans-windows-1252.csv: "CSV (Comma delimited)" on an English
  Windows (Windows-1252), a member named with Latin accents;
- valid/plans-windows-1256.csv: the same on a Windows set to Urdu
  (Windows-1256), Urdu names and items;
- valid/matrix.xlsx: a matrix as an Excel workbook, its markups typed as
  percentages (a cell showing 22% stores 0.22), amounts as numbers;
- valid/plans.xlsx: plans as a workbook, on a sheet named "Members";
- errors/plans-windows-1251.csv: Cyrillic (Windows-1251), which is neither
  code page the tool reads: refused with how to save as UTF-8;
- errors/plans-bad-age.xlsx: a workbook whose age cell is text: the error
  names the file, the sheet and the row.

Run from crates/core/tests: python3 make_windows_files.py (needs openpyxl).
"""

import openpyxl

HEADER = (
    "member,co,age,cnic,items,own_contribution,preferred_term_months,islamic,"
    "lending,past_default,monthly_sales,monthly_business_costs,other_income,"
    "household_expenses"
)


def csv(path, rows, encoding):
    text = "\r\n".join([HEADER] + rows) + "\r\n"
    if encoding == "cp1256":
        # Windows-1256 has the Arabic yeh, not the Farsi one Urdu keyboards
        # type (U+06CC); Windows writes the one it has.
        text = text.replace("\u06cc", "\u064a")
    with open(path, "wb") as f:
        f.write(text.encode(encoding))


csv(
    "valid/plans-windows-1252.csv",
    [
        "Nargis Bashir,CO-1,30,yes,Sewing machine: 15000,1000,12,no,group,no,6000,2000,8000,9000",
        "Zoë Müller-Iqbal,CO-1,30,yes,Goat: 20000,0,12,no,group,no,6000,2000,8000,9000",
    ],
    "cp1252",
)
csv(
    "valid/plans-windows-1256.csv",
    [
        "شمیم اختر,رسول نگر سی او,35,yes,سلائی مشین: 15000,1000,12,yes,group,no,6000,2000,8000,9000",
        "نسرین بی بی,رسول نگر سی او,41,yes,بکری: 20000; چارہ: 2500,500,18,yes,either,no,5000,1500,9000,10000",
    ],
    "cp1256",
)
csv(
    "errors/plans-windows-1251.csv",
    [
        "Наргис Башир,CO-1,30,yes,Швейная машина: 15000,1000,12,no,group,no,6000,2000,8000,9000",
        "Амна Икбал,CO-1,41,yes,Коза: 20000,500,18,yes,either,no,5000,1500,9000,10000",
    ],
    "cp1251",
)

# A matrix as a workbook: the markup typed as 22% (stored 0.22, shown by
# its number format), the fee as 1%, amounts as numbers.
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Matrix"
ws.append(["institution", "product", "parameter", "value", "source", "confidence", "note"])
rows = [
    ("Kashf", "", "operational_area", "Kasur"),
    ("Kashf", "", "works_with_hbw", "yes"),
    ("Kashf", "", "documentation_charges", 0.01),
    ("Kashf", "Business loan", "amount", "10,000-50,000"),
    ("Kashf", "Business loan", "term_months", 12),
    ("Kashf", "Business loan", "basis", "flat"),
    ("Kashf", "Business loan", "markup", 0.22),
]
for inst, product, param, value in rows:
    ws.append([inst, product, param, value, "Excel test", "high", ""])
for row in ws.iter_rows(min_row=2):
    if row[2].value in ("markup", "documentation_charges"):
        row[3].number_format = "0%"
wb.save("valid/matrix.xlsx")

# Plans as a workbook, on a sheet of its own name.
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Members"
ws.append(HEADER.split(","))
ws.append(["Nargis Bashir", "CO-1", 30, "yes", "Sewing machine: 15000", 1000, 12, "no", "group", "no", 6000, 2000, 8000, 9000])
ws.append(["Amna Iqbal", "CO-1", 41, True, "Goat: 20000; Fodder: 2500", 500, 18, "yes", "either", "no", 5000, 1500, 9000, 10000])
wb.save("valid/plans.xlsx")

wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Members"
ws.append(HEADER.split(","))
ws.append(["Nargis Bashir", "CO-1", 30, "yes", "Sewing machine: 15000", 1000, 12, "no", "group", "no", 6000, 2000, 8000, 9000])
ws.append(["Amna Iqbal", "CO-1", "forty", "yes", "Goat: 20000", 500, 18, "yes", "either", "no", 5000, 1500, 9000, 10000])
wb.save("errors/plans-bad-age.xlsx")
