#!/usr/bin/env bash
# Installs the free Fandol faces (仿宋, 楷体, 黑体, 宋体; GPL with the font exception) that stand
# for the GB/T 9704 faces, on Debian. They ship in texlive-lang-chinese, whose dependencies are most
# of TeX Live: this takes only its .otf files into /usr/local/share/fonts/fandol (where the app looks
# for them, and fontconfig too). Packaging and CI run it; a machine with texlive-lang-chinese
# installed needs nothing. Without them the app falls back to Noto CJK and says so.
set -euo pipefail
dest=/usr/local/share/fonts/fandol
if [ -f "$dest/FandolFang-Regular.otf" ]; then exit 0; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# apt-get download needs the package lists: fetch them once if they are missing or stale
(cd "$work" && { apt-get download texlive-lang-chinese >/dev/null 2>&1 || { apt-get update -qq && apt-get download texlive-lang-chinese >/dev/null 2>&1; }; })
dpkg-deb --fsys-tarfile "$work"/texlive-lang-chinese_*.deb | tar -x -C "$work" --wildcards '*/fandol/Fandol*-*.otf' './usr/share/doc/texlive-doc/fonts/fandol/*'
mkdir -p "$dest"
cp "$work"/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/Fandol{Fang,Kai,Hei,Song}-*.otf "$dest"/
cp "$work"/usr/share/doc/texlive-doc/fonts/fandol/README "$dest"/README
command -v fc-cache >/dev/null 2>&1 && fc-cache -f "$dest" >/dev/null || true
echo "Fandol fonts installed in $dest"
