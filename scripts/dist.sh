#!/usr/bin/env bash
# The downloads, built on this Linux machine into dist/:
#   mfi-compare-VERSION-windows-x86_64.zip        the exe, README-staff.txt, OFL.txt
#   mfi-compare-VERSION-windows-x86_64-setup.exe  the installer (NSIS)
#   mfi-compare-VERSION-linux-x86_64.tar.gz       the binary, the same texts
#   mfi-compare_VERSION_amd64.deb                 Debian/Ubuntu package
# Needs: rustup target x86_64-pc-windows-gnu, Debian's gcc-mingw-w64-x86-64,
# nsis, zip (installed when missing and run as root).
#
#     bash scripts/dist.sh
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
need() { command -v "$1" >/dev/null 2>&1; }
if ! need x86_64-w64-mingw32-gcc || ! need makensis || ! need zip; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq gcc-mingw-w64-x86-64 nsis zip >/dev/null
fi
rustup target list --installed | grep -q x86_64-pc-windows-gnu ||
  rustup target add x86_64-pc-windows-gnu
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc
cargo build --release --locked
cargo build --release --locked --target x86_64-pc-windows-gnu

mkdir -p dist
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

# Windows: the zip and the installer.
win="$stage/mfi-compare-$version-windows-x86_64"
mkdir -p "$win"
cp target/x86_64-pc-windows-gnu/release/mfi-compare.exe "$win/"
x86_64-w64-mingw32-strip "$win/mfi-compare.exe"
# Windows line endings, so that Notepad shows the texts as written.
sed 's/$/\r/' scripts/README-staff.txt >"$win/README-staff.txt"
sed 's/$/\r/' assets/fonts/OFL.txt >"$win/OFL.txt"
rm -f "dist/mfi-compare-$version-windows-x86_64.zip"
(cd "$stage" && zip -qr9 - "$(basename "$win")") >"dist/mfi-compare-$version-windows-x86_64.zip"
makensis -V2 -DVERSION="$version" -DSOURCE="$win" \
  -DOUTFILE="$PWD/dist/mfi-compare-$version-windows-x86_64-setup.exe" scripts/windows-installer.nsi

# Linux: the tar.gz and the .deb.
lin="$stage/mfi-compare-$version-linux-x86_64"
mkdir -p "$lin"
cp target/release/mfi-compare "$lin/"
strip "$lin/mfi-compare"
cp scripts/README-staff.txt assets/fonts/OFL.txt "$lin/"
tar -C "$stage" -czf "dist/mfi-compare-$version-linux-x86_64.tar.gz" "$(basename "$lin")"
deb="$stage/deb"
mkdir -p "$deb/DEBIAN" "$deb/usr/bin" "$deb/usr/share/doc/mfi-compare" "$deb/usr/share/applications"
cp "$lin/mfi-compare" "$deb/usr/bin/"
cp scripts/README-staff.txt assets/fonts/OFL.txt "$deb/usr/share/doc/mfi-compare/"
cat >"$deb/usr/share/applications/mfi-compare.desktop" <<DESKTOP
[Desktop Entry]
Type=Application
Name=MFI compare
Comment=Compare microfinance offers for home-based workers' groups
Exec=mfi-compare
Terminal=false
Categories=Office;Finance;
DESKTOP
cat >"$deb/DEBIAN/control" <<CONTROL
Package: mfi-compare
Version: $version
Architecture: amd64
Maintainer: mfi-compare developers <noreply@example.invalid>
Depends: libc6, libgl1, libx11-6, libxkbcommon0
Section: misc
Priority: optional
Description: Compare microfinance offers for home-based workers' groups
 The true cost of every offer (instalment, total repaid, APR), the
 recommended MFI for a Community Organization and how sure that is, and a
 feasibility report with a page for each member in English or Urdu.
CONTROL
dpkg-deb --root-owner-group --build "$deb" "dist/mfi-compare_${version}_amd64.deb" >/dev/null
ls -l dist/
