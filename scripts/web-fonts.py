"""The web app's fonts, cut to what it writes (assets/fonts/web/): the first
visit waits for every byte of them on a slow line. The desktop app keeps the
whole fonts. Made once and committed; run again after adding a script or a
symbol to the app's words (the UI test
`the_web_fonts_have_every_letter_the_app_writes` says when):

    apt-get install python3-fonttools      # Debian's fontTools
    /usr/bin/python3 scripts/web-fonts.py

- NotoSans-Regular.ttf, NotoSans-Bold.ttf: Latin (with Latin-1 and Latin
  Extended-A, what staff type in names), punctuation, currency (the rupee
  sign), and every other letter of Noto Sans the app's sources, its
  translations and the built-in study write. Greek, Cyrillic, Vietnamese
  and the rest of Latin are left out (see README, the web app's limits).
- NotoNaskhArabic-Label.ttf: the letters of "اردو", the language switch's
  Urdu name, drawn in the first frame. The whole Noto Naskh Arabic (regular
  and bold, assets/fonts/) is fetched by the page after its first frame.
- Hack-Regular.ttf: egui's monospace font (the pasted loan card, the file
  errors), ASCII and Latin-1, and the minus sign.
- NotoEmoji-Symbols.ttf: the few symbols Noto has only there (✔ ✖ ⚠).
"""
import glob
import os
import subprocess
import sys

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
OUT = os.path.join(ROOT, "assets", "fonts", "web")
FONTS = os.path.join(ROOT, "assets", "fonts")


def egui_fonts():
    """egui's own fonts, from the cargo registry (epaint_default_fonts)."""
    meta = subprocess.run(["cargo", "metadata", "--format-version", "1", "--locked"],
                          cwd=ROOT, capture_output=True, text=True, check=True).stdout
    import json
    for p in json.loads(meta)["packages"]:
        if p["name"] == "epaint_default_fonts":
            return os.path.join(os.path.dirname(p["manifest_path"]), "fonts")
    sys.exit("epaint_default_fonts is not in the dependency graph")


def written():
    """Every letter beyond ASCII the app's sources, its translations and
    the built-in study write."""
    files = (glob.glob(os.path.join(ROOT, "crates/app/src/**/*.rs"), recursive=True)
             + glob.glob(os.path.join(ROOT, "crates/core/src/**/*.rs"), recursive=True)
             + [os.path.join(ROOT, "assets/i18n/translations.csv")]
             + glob.glob(os.path.join(ROOT, "parameters/*.csv")))
    chars = set()
    for f in files:
        with open(f, encoding="utf-8") as t:
            chars.update(c for c in t.read() if ord(c) > 127)
    return chars


def ranges(*spans):
    return {c for a, b in spans for c in range(a, b + 1)}


LATIN = ranges((0x20, 0x7E), (0xA0, 0x17F), (0x2000, 0x206F), (0x20A0, 0x20CF),
               (0x2100, 0x2122), (0x2190, 0x2193), (0x2212, 0x2212), (0x2264, 0x2265))


def cut(src, dst, codepoints):
    font = TTFont(src)
    have = set(font.getBestCmap())
    # fontTools' default features: those a shaper applies unasked (kerning,
    # ligatures, marks, Arabic joining).
    options = subset.Options()
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.drop_tables += ["DSIG"]
    s = subset.Subsetter(options)
    s.populate(unicodes=sorted(codepoints & have))
    s.subset(font)
    font.save(dst)
    print(f"{os.path.relpath(dst, ROOT)}: {len(codepoints & have)} characters, "
          f"{os.path.getsize(src):,} -> {os.path.getsize(dst):,} bytes")


def main():
    os.makedirs(OUT, exist_ok=True)
    chars = {ord(c) for c in written()}
    arabic = ranges((0x600, 0x6FF), (0x750, 0x77F), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
    latin = LATIN | (chars - arabic)
    for face in ("Regular", "Bold"):
        cut(os.path.join(FONTS, f"NotoSans-{face}.ttf"),
            os.path.join(OUT, f"NotoSans-{face}.ttf"), latin)
    cut(os.path.join(FONTS, "NotoNaskhArabic-Regular.ttf"),
        os.path.join(OUT, "NotoNaskhArabic-Label.ttf"), {ord(c) for c in "اردو"})
    egui = egui_fonts()
    cut(os.path.join(egui, "Hack-Regular.ttf"), os.path.join(OUT, "Hack-Regular.ttf"),
        ranges((0x20, 0x7E), (0xA0, 0xFF)) | {0x2212, 0x2013, 0x2014, 0x2022, 0x2026, 0x20A8})
    cut(os.path.join(egui, "NotoEmoji-Regular.ttf"),
        os.path.join(OUT, "NotoEmoji-Symbols.ttf"), {ord(c) for c in "✔✖⚠"})
    with open(os.path.join(egui, "Hack-Regular.txt"), encoding="utf-8") as f:
        hack_license = f.read()
    with open(os.path.join(OUT, "Hack-LICENSE.txt"), "w", encoding="utf-8") as f:
        f.write(hack_license)


main()
