#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes two hostile workbooks and measures `dcexit import` refusing them: peak resident memory
(from /usr/bin/time) and the message. Each part inflates to 1 GiB from a few MB; Python's
zipfile streams it, so this script needs little memory itself.

Usage: bench/hostile_xlsx.py BUILD_DIR   (figures go in docs/performance.md)
"""
import os
import subprocess
import sys
import tempfile
import zipfile

GIB = 1 << 30

WORKBOOK = ('<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="vInfo" sheetId="1" r:id="rId1"/></sheets></workbook>')
RELS = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')


def write(path, big_part, head, repeated, sheet="<worksheet><sheetData/></worksheet>"):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", RELS)
        if big_part != "xl/worksheets/sheet1.xml":
            z.writestr("xl/worksheets/sheet1.xml", sheet)
        with z.open(big_part, "w", force_zip64=True) as part:
            part.write(head.encode())
            block = (repeated * (1 << 20 // len(repeated) + 1)).encode()
            written = len(head)
            while written < GIB:
                chunk = block[: GIB - written]
                part.write(chunk)
                written += len(chunk)


def measure(dcexit, path):
    run = subprocess.run(["/usr/bin/time", "-f", "%M", dcexit, "import", "--from", "rvtools", path],
                         capture_output=True, text=True)
    lines = run.stderr.strip().splitlines()
    return run.returncode, int(lines[-1]) // 1024, lines[0]


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else "build/release"
    dcexit = os.path.join(build, "app", "dcexit")
    with tempfile.TemporaryDirectory() as tmp:
        cases = {
            "zip bomb (a sheet of 1 GiB of blanks)":
                ("xl/worksheets/sheet1.xml", "<worksheet><sheetData>", " " * 4096),
            "shared strings, 1 GiB of 1,000-character strings":
                ("xl/sharedStrings.xml", "<sst>", "<si><t>" + "x" * 1000 + "</t></si>"),
            "shared strings, 1 GiB of 1-character strings":
                ("xl/sharedStrings.xml", "<sst>", "<si><t>x</t></si>"),
        }
        for name, (part, head, repeated) in cases.items():
            path = os.path.join(tmp, "hostile.xlsx")
            write(path, part, head, repeated)
            size = os.path.getsize(path)
            code, mb, message = measure(dcexit, path)
            print(f"{name}: {size / 1e6:.1f} MB file, exit {code}, peak RSS {mb} MiB\n  {message}")


if __name__ == "__main__":
    main()
