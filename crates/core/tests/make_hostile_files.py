#!/usr/bin/env python3
"""Writes the hostile files of the corpus (issue 28): workbooks that crashed
or exhausted the reader, CSV files that lost rows without a word, study
files with unknown or duplicated keys.

    python3 crates/core/tests/make_hostile_files.py            # the small files, into tests/errors and tests/valid
    python3 crates/core/tests/make_hostile_files.py --big DIR  # the large ones (zip bombs, 200,001 rows), into DIR

The small files are committed; the large ones (hundreds of MB once unpacked)
are made when `scripts/hostile.sh` runs. Only Python's standard library is
used: each workbook is written part by part, as a spreadsheet writes it, with
the one fault it is meant to have.
"""

import json
import os
import struct
import sys
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))

PLANS_HEADER = [
    "member", "co", "age", "cnic", "items", "own_contribution", "preferred_term_months",
    "islamic", "lending", "past_default", "monthly_sales", "monthly_business_costs",
    "other_income", "household_expenses",
]


def plan(name, age="30", co="CO-1"):
    return [name, co, age, "yes", "Sewing machine: 15000", "1000", "12", "no", "group",
            "no", "6000", "2000", "8000", "9000"]


MATRIX_HEADER = ["institution", "product", "parameter", "value", "source", "confidence", "note"]

# Cell styles of every workbook below: 0 general, 1 a date (built-in format
# 14), 2 a percentage (built-in format 9).
STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/>'
    '<xf numFmtId="9" applyNumberFormat="1"/></cellXfs></styleSheet>'
)


def col_name(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def esc(t):
    return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def cell(ref, v):
    """A cell: text as an inline string, a number, or raw XML (a tuple)."""
    if isinstance(v, tuple):
        attrs, inner = v
        return f'<c r="{ref}"{attrs}>{inner}</c>'
    if isinstance(v, (int, float)):
        return f'<c r="{ref}"><v>{v}</v></c>'
    if v == "":
        return ""
    return f'<c r="{ref}" t="inlineStr"><is><t>{esc(v)}</t></is></c>'


def sheet_xml(rows, extra=""):
    out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
    for r, row in enumerate(rows, start=1):
        cells = "".join(cell(f"{col_name(c)}{r}", v) for c, v in enumerate(row))
        out.append(f'<row r="{r}">{cells}</row>')
    out.append(extra)
    out.append("</sheetData></worksheet>")
    return "".join(out)


def workbook_parts(sheet, sheet_name="Members", shared=None, styles=STYLES):
    parts = {
        "[Content_Types].xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '</Types>',
        "_rels/.rels":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            '</Relationships>',
        "xl/workbook.xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f'<sheets><sheet name="{sheet_name}" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            '</Relationships>',
        "xl/styles.xml": styles,
        "xl/worksheets/sheet1.xml": sheet,
    }
    if shared is not None:
        sis = "".join(f"<si><t>{esc(s)}</t></si>" for s in shared)
        parts["xl/sharedStrings.xml"] = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{sis}</sst>'
        )
    return parts


def part(name, deflated=True):
    """A part's header, dated so that the same files are written every time."""
    info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED if deflated else zipfile.ZIP_STORED
    return info


def write_zip(path, parts):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, data in parts.items():
            if isinstance(data, str):
                data = data.encode("utf-8")
            z.writestr(part(name), data)


def write_zip_declaring(path, parts, lie_part, declared):
    """A zip whose part `lie_part` declares `declared` bytes unpacked (in its
    local and central headers), whatever it holds."""
    write_zip(path, parts)
    declare(path, lie_part, declared)


def declare(path, lie_part, declared):
    """Makes the part `lie_part` of a zip declare `declared` bytes unpacked."""
    data = bytearray(open(path, "rb").read())
    name = lie_part.encode()
    # Local header: signature, then the uncompressed size at offset 22.
    at = 0
    while True:
        at = data.find(b"PK\x03\x04", at)
        if at < 0:
            break
        n = struct.unpack_from("<H", data, at + 26)[0]
        if data[at + 30:at + 30 + n] == name:
            struct.pack_into("<I", data, at + 22, declared)
        at += 4
    # Central header: the uncompressed size at offset 24.
    at = 0
    while True:
        at = data.find(b"PK\x01\x02", at)
        if at < 0:
            break
        n = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46:at + 46 + n] == name:
            struct.pack_into("<I", data, at + 24, declared)
        at += 4
    open(path, "wb").write(bytes(data))


def write(path, text, encoding="utf-8", newline="\n"):
    with open(path, "w", encoding=encoding, newline="") as f:
        f.write(text.replace("\n", newline))


def csv_line(cells):
    return ",".join(cells) + "\n"


def small(errors, valid):
    e = lambda name: os.path.join(errors, name)
    v = lambda name: os.path.join(valid, name)
    plans_head = csv_line(PLANS_HEADER)

    # --- CSV: what a CSV reader accepts without a word ---------------------
    # A stray opening quote in the office's cell: Asasah's rows after it
    # would be one cell of Kashf's office.
    write(e("matrix-stray-quote.csv"),
          csv_line(MATRIX_HEADER)
          + "Kashf,,office,\"Kasur,,,\n"
          + "Kashf,,distance_km,30,,,\n"
          + "Asasah,,office,Kasur,,,\n"
          + "Asasah,Small business,markup,22%,Annex IV,high,\n"
          + "Asasah,Small business,amount,10000-15000,Annex IV,high,\n")
    # A quote that closes three lines later: the lines between are one cell.
    write(e("plans-quote-runs-over-lines.csv"),
          plans_head
          + csv_line(plan("Nargis Bashir"))
          + "Kausar Karim,\"CO-1,30,yes,Sewing machine: 15000,1000,12,no,group,no,6000,2000,8000,9000\n"
          + csv_line(plan("Sajida Naeem"))
          + csv_line(plan("Lubna Nawaz"))
          + "Amina\",CO-1,30,yes,Sewing machine: 15000,1000,12,no,group,no,6000,2000,8000,9000\n")
    # A byte order mark at the start of line 3, as when two files are joined.
    write(e("matrix-bom-inside.csv"),
          csv_line(MATRIX_HEADER)
          + "Asasah,,office,Kasur,,,\n"
          + "\ufeffAsasah,,distance_km,30,,,\n")
    # CR-only line ends (old Macs): the bad age is on line 28.
    rows = [plan(f"Member {i}") for i in range(2, 28)] + [plan("Member 28", age="forty")]
    write(e("plans-cr-only.csv"),
          plans_head + "".join(csv_line(r) for r in rows), newline="\r")
    # A header of 100,000 characters: the message shows its start only.
    write(e("matrix-long-header.csv"),
          ",".join(MATRIX_HEADER) + "," + "x" * 100_000 + "\n"
          + "Kashf,,office,Kasur,,,\n")
    # A row of 300 cells.
    write(e("plans-too-many-columns.csv"),
          plans_head + ",".join(plan("Nargis Bashir") + ["x"] * 286) + "\n")

    # --- Names as a person reads them -------------------------------------
    write(e("plans-duplicate-member-case.csv"),
          plans_head + csv_line(plan("Kausar Karim")) + csv_line(plan("KAUSAR KARIM")))
    write(e("plans-zero-width-joiner.csv"),
          plans_head + csv_line(plan("Kausar Karim")) + csv_line(plan("Kausar Ka\u200drim")))
    write(e("plans-invisible-name.csv"),
          plans_head + csv_line(plan("Nargis Bashir")) + csv_line(plan("\u200b\u200d\u2060")))
    write(e("matrix-institution-spelled-twice.csv"),
          csv_line(MATRIX_HEADER)
          + "Kashf,,office,Kasur,,,\n"
          + "Kashf,Loan,markup,22%,,,\n"
          + "\"KASHF \",,office,Kasur,,,\n"
          + "KASHF,Loan,markup,25%,,,\n")
    write(e("priorities-names-as-read.csv"),
          "member,true_cost,total_cost,affordability,access,insurance,services,fit,flexibility,note\n"
          "Kausar Karim,3,3,,,,,,,\n"
          "kausar  karim,2,2,,,,,,,\n"
          "\u200b,1,,,,,,,,\n")

    # --- Workbooks ----------------------------------------------------------
    xl_head = PLANS_HEADER
    # A date-formatted cell of day 7,304,485 (past 9999-12-31) and one of "inf".
    row = plan("Nargis Bashir")
    row[2] = (' s="1"', "<v>7304485</v>")
    row2 = plan("Kausar Karim")
    row2[2] = (' s="1"', "<v>inf</v>")
    write_zip(e("plans-date-out-of-range.xlsx"),
              workbook_parts(sheet_xml([xl_head, row, row2])))
    # One cell at XFD1048576, the last cell of a sheet.
    write_zip(e("plans-far-cell.xlsx"),
              workbook_parts(sheet_xml([xl_head, plan("Nargis Bashir")],
                                       '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>')))
    # A cell reference outside any sheet.
    write_zip(e("plans-bad-reference.xlsx"),
              workbook_parts(sheet_xml([xl_head, plan("Nargis Bashir")],
                                       '<row r="3"><c r="ZZZZZZ99999999999"><v>1</v></c></row>')))
    # A shared-text index the workbook does not have.
    row = plan("Nargis Bashir")
    row[1] = (' t="s"', "<v>99999999</v>")
    write_zip(e("plans-bad-shared-string.xlsx"),
              workbook_parts(sheet_xml([xl_head, row]), shared=["CO-1"]))
    # A NUL in a cell (found by the fuzzer): loaded, it could not be saved
    # as CSV and read back.
    row = plan("Nargis Bashir")
    row[0] = (' t="inlineStr"', "<is><t>Nargis\x00Bashir</t></is>")
    write_zip(e("plans-control-character.xlsx"), workbook_parts(sheet_xml([xl_head, row])))
    # A formula with no saved result, as many tools write them.
    write_zip(e("matrix-formula-no-value.xlsx"),
              workbook_parts(sheet_xml([
                  MATRIX_HEADER,
                  ["Kashf", "", "office", "Kasur"],
                  ["Kashf", "Loan", "markup", (' s="2"', "<f>0.11*2</f>")],
              ]), sheet_name="Matrix"))
    # A cell that shows an error.
    write_zip(e("matrix-error-cell.xlsx"),
              workbook_parts(sheet_xml([
                  MATRIX_HEADER,
                  ["Kashf", "", "office", "Kasur"],
                  ["Kashf", "Loan", "markup", (' t="e"', "<f>1/0</f><v>#DIV/0!</v>")],
              ]), sheet_name="Matrix"))
    # A sheet that declares 300 MB unpacked.
    write_zip_declaring(e("plans-declares-300mb.xlsx"),
                        workbook_parts(sheet_xml([xl_head, plan("Nargis Bashir")])),
                        "xl/worksheets/sheet1.xml", 300 * 1024 * 1024)
    # 5,000,001 empty cells (20 MB of "<c/>", 20 KB packed).
    write_zip(e("plans-too-many-cells.xlsx"),
              workbook_parts(sheet_xml([xl_head], "<row r=\"2\">" + "<c/>" * 5_000_001 + "</row>")))
    # Not workbooks, named .xlsx: an old .xls, an OpenDocument spreadsheet, a
    # Word document, a PDF.
    ole = bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + bytes(504)
    open(e("plans-old-excel.xlsx"), "wb").write(ole)
    with zipfile.ZipFile(e("plans-opendocument.xlsx"), "w") as z:
        z.writestr(part("mimetype", deflated=False), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr(part("content.xml"), "<office:document-content/>")
    with zipfile.ZipFile(e("matrix-word-document.xlsx"), "w") as z:
        z.writestr(part("word/document.xml"), "<w:document/>")
    open(e("matrix-pdf.csv"), "wb").write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    # A zip whose end record declares 65,535 parts.
    data = bytearray()
    data += b"PK\x03\x04" + bytes(26)
    data += b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, 65535, 65535, 0, 0, 0)
    open(e("plans-many-parts.xlsx"), "wb").write(bytes(data))

    # --- Study files --------------------------------------------------------
    study = lambda **extra: dict({
        "format": "mfi-compare study v1",
        "name": "CO 1, Kasur",
        "notes": "",
        "matrix": csv_line(MATRIX_HEADER) + "Kashf,,office,Kasur,,,\nKashf,Loan,markup,22%,,,\n",
        "plans": plans_head + csv_line(plan("Nargis Bashir")),
        "weights": "criterion,weight\ntrue_cost,30\n",
        "settings": {"draws": 100},
    }, **extra)
    text = json.dumps(study(colour="blue", member_count=40), indent=2)
    open(e("study-unknown-keys.mfistudy"), "w").write(text)
    text = json.dumps(study(), indent=2).replace('"draws": 100', '"draws": 100,\n    "draws": 200')
    text = text.replace('"notes": ""', '"notes": "",\n  "notes": "second"')
    open(e("study-duplicate-keys.mfistudy"), "w").write(text)
    open(e("study-long-name.mfistudy"), "w").write(
        json.dumps(study(name="CO 1 " * 10_000, notes="n" * 60_000), indent=2))

    # --- Valid files: what must still load -----------------------------------
    write(v("plans-cr-only-line-ends.csv"),
          plans_head + csv_line(plan("Nargis Bashir")) + csv_line(plan("Kausar Karim")),
          newline="\r")
    write(v("plans-multiline-notes.csv"),
          ",".join(PLANS_HEADER + ["notes"]) + "\n"
          + ",".join(plan("Nargis Bashir") + ['"Buys thread in Kasur;\nsells to a middleman"']) + "\n"
          + ",".join(plan("Kausar Karim")[:4] + ['"Goat: 20000;\nFodder: 2500"'] + plan("Kausar Karim")[5:] + ["-"]) + "\n")


def big(out):
    """The large hostile files: zip bombs and a table of 200,001 rows."""
    os.makedirs(out, exist_ok=True)
    o = lambda name: os.path.join(out, name)
    head = PLANS_HEADER

    def bomb(path, parts, big_part, chunks, zip64=True):
        # Written through zlib chunk by chunk: gigabytes unpacked, a few MB packed.
        write_zip(path, {k: v for k, v in parts.items() if k != big_part})
        with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
            info = part(big_part)
            with z.open(info, "w", force_zip64=zip64) as w:
                for c in chunks():
                    w.write(c)

    space = b" " * (1 << 20)
    # 2.3 GB of white space inside the sheet.
    parts = workbook_parts(sheet_xml([head, plan("Nargis Bashir")]))
    sheet = parts["xl/worksheets/sheet1.xml"].encode()
    cut = sheet.index(b"</sheetData>")

    def sheet_spaces(mb):
        def chunks():
            yield sheet[:cut]
            for _ in range(mb):
                yield space
            yield sheet[cut:]
        return chunks
    bomb(o("bomb-sheet-whitespace.xlsx"), parts, "xl/worksheets/sheet1.xml", sheet_spaces(2300))
    # 1.5 GB declaring 1,000 bytes: stopped by what comes out.
    bomb(o("bomb-declares-less.xlsx"), parts, "xl/worksheets/sheet1.xml", sheet_spaces(1500),
         zip64=False)
    declare(o("bomb-declares-less.xlsx"), "xl/worksheets/sheet1.xml", 1000)

    # 2.3 GB of white space inside styles.xml.
    styles = STYLES.encode()
    scut = styles.index(b"</styleSheet>")

    def styles_spaces():
        yield styles[:scut]
        for _ in range(2300):
            yield space
        yield styles[scut:]
    bomb(o("bomb-styles-whitespace.xlsx"), parts, "xl/styles.xml", styles_spaces)

    # One inline string of 1.6 billion characters.
    row_start = (f'<row r="2"><c r="A2" t="inlineStr"><is><t>').encode()
    a = b"a" * (1 << 20)

    def long_string():
        yield sheet[:cut]
        yield row_start
        for _ in range(1600):
            yield a
        yield b"</t></is></c></row>"
        yield sheet[cut:]
    bomb(o("bomb-inline-string.xlsx"), workbook_parts(sheet_xml([head])),
         "xl/worksheets/sheet1.xml", long_string)

    # 3.3 million non-empty cells (200 a row).
    def many_cells():
        s = sheet_xml([head]).encode()
        c = s.index(b"</sheetData>")
        yield s[:c]
        row = b"".join(b"<c><v>1</v></c>" for _ in range(200))
        for r in range(2, 16_502):
            yield b'<row r="%d">' % r + row + b"</row>"
        yield s[c:]
    bomb(o("bomb-many-cells.xlsx"), workbook_parts(sheet_xml([head])),
         "xl/worksheets/sheet1.xml", many_cells)

    # 200,001 rows of plans (a CSV of 14 MB).
    with open(o("plans-200001-rows.csv"), "w") as f:
        f.write(csv_line(head))
        for i in range(200_001):
            f.write(csv_line(plan(f"Member {i}")))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--big":
        big(sys.argv[2])
    else:
        small(os.path.join(HERE, "errors"), os.path.join(HERE, "valid"))
