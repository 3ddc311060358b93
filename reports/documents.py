"""HTML and PDF documents of a return (WeasyPrint for the PDF).

The same template makes the downloadable HTML file and the PDF: a cover, every section, the
outcome table and simple bar charts drawn as SVG shapes, with page numbers in the PDF footer. The
document needs nothing from outside itself; WeasyPrint is given a URL fetcher that refuses every
URL except inline ``data:`` ones, so a value that looked like a link could never make the server
read a local file or call another machine.
"""

from __future__ import annotations

import gc
import threading
from contextlib import contextmanager

from jinja2 import Environment, PackageLoader, select_autoescape
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from reports.canonical import ReturnDocument
from reports.layout import layout

__all__ = ["RefusingURLFetcher", "html_bytes", "pdf_bytes"]

_environment = Environment(
    loader=PackageLoader("reports", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


class RefusedURL(ValueError):
    """WeasyPrint asked for a URL the return's documents may not fetch."""


class RefusingURLFetcher(URLFetcher):
    """Fetches only ``data:`` URLs; ``file:``, ``http(s):`` and everything else are refused."""

    def fetch(self, url, headers=None):
        if not str(url).lower().startswith("data:"):
            raise RefusedURL(
                f"refused to fetch {str(url)[:80]!r}: return documents load nothing from outside"
            )
        return super().fetch(url, headers)


def html_bytes(document: ReturnDocument) -> bytes:
    """The return as one self-contained HTML file."""
    template = _environment.get_template("return_document.html")
    return template.render(view=layout(document)).encode("utf-8")


@contextmanager
def _without_cycle_collection():
    """Pause Python's cycle collector while WeasyPrint renders the document.

    Rendering allocates hundreds of thousands of short-lived objects, which sets the collector off
    over and over, and each older-generation pass also walks every object the application holds
    (about a quarter of the rendering time). The collector finds nothing to free there: the boxes
    are released by reference counting when rendering ends. It is switched back on afterwards
    only if it was on before, so two renderings at once (or code that turned it off on purpose)
    never leave it in the wrong state for long.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


_fonts = threading.local()


def _font_configuration() -> FontConfiguration:
    """This thread's font configuration, made at its first PDF and kept for the next ones.

    A new configuration per document loads the system's font list again and starts Pango's font
    cache empty, so every glyph is measured afresh (about a sixth of a rendering). The template
    declares no ``@font-face``, so nothing of one document stays in it but the fonts themselves.
    Pango's font map is not safe to share between threads, hence one per thread.
    """
    configuration = getattr(_fonts, "configuration", None)
    if configuration is None:
        configuration = _fonts.configuration = FontConfiguration()
    return configuration


def pdf_bytes(document: ReturnDocument) -> bytes:
    """The return as a PDF: cover, sections, outcome table, charts and page numbers."""
    html = html_bytes(document).decode("utf-8")
    with _without_cycle_collection():
        return HTML(string=html, base_url=None, url_fetcher=RefusingURLFetcher()).write_pdf(
            font_config=_font_configuration()
        )
