"""Copy the front-end assets from node_modules into casework/static at set-up (no CDN).

GOV.UK Frontend and MOJ Frontend come precompiled from npm. This is a Violence Reduction
Network service, not a GOV.UK one, so the GDS Transport font and the crown and crest images are
left out and the stylesheet falls back to Arial, as the Design System advises for other services.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATIC = Path(__file__).resolve().parent / "static"
SOURCE = Path(__file__).resolve().parent / "static_src"

GOVUK = "node_modules/govuk-frontend/dist/govuk"
MOJ = "node_modules/@ministryofjustice/frontend/moj"

#: Images that identify GOV.UK or the Crown, which this service must not use.
_CROWN_IMAGES = re.compile(r"(crown|crest|govuk-icon|govuk-opengraph|favicon)", re.I)
_FONT_FACE = re.compile(r"@font-face\{font-family:GDS Transport;[^}]*\}")


def build(root: Path = ROOT, static: Path = STATIC) -> list[str]:
    """Copy and adapt the assets; returns the files written. Fails clearly if npm has not run."""
    govuk, moj = root / GOVUK, root / MOJ
    for folder in (govuk, moj):
        if not folder.is_dir():
            raise SystemExit(f"{folder} is missing: run `npm ci` first (make does this for you).")
    if static.exists():
        shutil.rmtree(static)
    (static / "images").mkdir(parents=True)
    (static / "casework").mkdir()
    written = []

    css = (govuk / "govuk-frontend.min.css").read_text()
    css = _FONT_FACE.sub("", css).replace("GDS Transport,arial,sans-serif", "arial,sans-serif")
    css = css.replace("font-family:GDS Transport", "font-family:arial,sans-serif")
    css = re.sub(r"/\*# sourceMappingURL=.*?\*/", "", css)
    (static / "govuk-frontend.min.css").write_text(css)
    written.append("govuk-frontend.min.css")

    moj_css = re.sub(r"/\*# sourceMappingURL=.*?\*/", "", (moj / "moj-frontend.min.css").read_text())
    (static / "moj-frontend.min.css").write_text(moj_css)
    written.append("moj-frontend.min.css")

    for src, name in ((govuk / "govuk-frontend.min.js", "govuk-frontend.min.js"),
                      (moj / "moj-frontend.min.js", "moj-frontend.min.js")):
        text = re.sub(r"//# sourceMappingURL=.*$", "", src.read_text(), flags=re.M)
        (static / name).write_text(text)
        written.append(name)

    for images in (govuk / "assets" / "images", moj / "assets" / "images"):
        for image in images.iterdir():
            if not _CROWN_IMAGES.search(image.name):
                shutil.copy2(image, static / "images" / image.name)
                written.append(f"images/{image.name}")

    for own in SOURCE.iterdir():
        shutil.copy2(own, static / "casework" / own.name)
        written.append(f"casework/{own.name}")
    return written


def main() -> None:
    files = build()
    print(f"Copied {len(files)} front-end files into {STATIC}")


if __name__ == "__main__":  # pragma: no cover
    main()
    sys.exit(0)
