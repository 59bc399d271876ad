"""Read QR codes from a PDF as a phone would: render a page, decode it with Debian's zbarimg."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import system_tools


def zbarimg() -> str:
    """Debian's zbar-tools decoder: required in CI, skipped locally when missing."""
    return system_tools.required(shutil.which("zbarimg"), "Debian's zbar-tools: sudo apt-get install zbar-tools")


def qr_codes(pdf: Path, folder: Path, page: int = 1) -> list[str]:
    """What a real decoder reads from one page of the PDF (the first by default), rendered at 150 dpi."""
    decoder = zbarimg()
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(folder / "page")], check=True)
    found = subprocess.run([decoder, "--quiet", "--raw", str(folder / "page.png")], capture_output=True, text=True)
    return found.stdout.split()
