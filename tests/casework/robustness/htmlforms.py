"""Reading the forms on a page as a browser does: where each posts to, and the fields it sends.

A field is what the browser would post under one name: a text box, a hidden field, a group of
radios or checkboxes, a select, or the three boxes of a GOV.UK date input (day, month and year
all posted under the field's name).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

#: Input types a browser posts as typed text.
_TEXT_TYPES = {"text", "email", "password", "search", "tel", "url", "number", "time", "date", "month"}


@dataclass
class FormField:
    name: str
    #: "hidden", "text", "date" (several text boxes under one name), "choice" (radios, a select,
    #: named buttons), "multi" (checkboxes, a multiple select).
    kind: str
    #: What the browser would send now, as the page shows it.
    values: list[str] = field(default_factory=list)
    #: The values a choice offers.
    options: list[str] = field(default_factory=list)


@dataclass
class HtmlForm:
    method: str
    action: str
    fields: dict[str, FormField] = field(default_factory=dict)

    @property
    def path(self) -> str:
        return urlsplit(self.action).path

    def add(self, name: str, kind: str, value: str | None = None, *, option: str | None = None,
            chosen: bool = False) -> None:
        existing = self.fields.get(name)
        if existing is None:
            existing = self.fields[name] = FormField(name, kind)
        elif existing.kind == "text" and kind == "text":
            existing.kind = "date"  # day, month and year boxes share the field's name
        if option is not None:
            existing.options.append(option)
            if chosen:
                existing.values.append(option)
        elif value is not None:
            existing.values.append(value)


class _FormParser(HTMLParser):
    def __init__(self, page_path: str):
        super().__init__(convert_charrefs=True)
        self.page_path = page_path
        self.forms: list[HtmlForm] = []
        self.form: HtmlForm | None = None
        self.select: tuple[str, bool] | None = None
        self.option: tuple[str | None, bool] | None = None
        self.option_text = ""
        self.textarea: str | None = None
        self.textarea_text = ""

    def handle_starttag(self, tag, attrs):
        attributes = {key: (value if value is not None else "") for key, value in attrs}
        if tag == "form":
            method = attributes.get("method", "get").lower()
            self.form = HtmlForm(method, attributes.get("action") or self.page_path)
            self.forms.append(self.form)
            return
        if self.form is None:
            return
        name = attributes.get("name")
        if tag == "input" and name:
            kind = attributes.get("type", "text").lower()
            value = attributes.get("value", "")
            if kind == "hidden":
                self.form.add(name, "hidden", value)
            elif kind == "radio":
                self.form.add(name, "choice", option=value or "on", chosen="checked" in attributes)
            elif kind == "checkbox":
                self.form.add(name, "multi", option=value or "on", chosen="checked" in attributes)
            elif kind in _TEXT_TYPES:
                self.form.add(name, "text", value)
            elif kind == "submit":
                self.form.add(name, "choice", option=value)
        elif tag == "button" and name:
            self.form.add(name, "choice", option=attributes.get("value", ""))
        elif tag == "select" and name:
            self.select = (name, "multiple" in attributes)
            self.form.add(name, "multi" if "multiple" in attributes else "choice")
        elif tag == "option" and self.select:
            self.option = (attributes.get("value"), "selected" in attributes)
            self.option_text = ""
        elif tag == "textarea" and name:
            self.textarea = name
            self.textarea_text = ""

    def handle_data(self, data):
        if self.option is not None:
            self.option_text += data
        if self.textarea is not None:
            self.textarea_text += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "option" and self.select and self.option is not None:
            value, chosen = self.option
            option = self.option_text.strip() if value is None else value
            self.form.add(self.select[0], "choice", option=option, chosen=chosen)
            self.option = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            # The browser drops one newline straight after <textarea>.
            text = self.textarea_text[1:] if self.textarea_text.startswith("\n") else self.textarea_text
            self.form.add(self.textarea, "text", text)
            self.textarea = None


def forms_on(html: str, page_url: str) -> list[HtmlForm]:
    """Every form on the page; a form without an action posts to the page itself."""
    parser = _FormParser(page_url)
    parser.feed(html)
    parser.close()
    return parser.forms


def form_posting_to(html: str, page_url: str, path: str) -> HtmlForm | None:
    """The POST form on the page whose action is `path` (ignoring any query string)."""
    for form in forms_on(html, page_url):
        if form.method == "post" and form.path == path:
            return form
    return None
