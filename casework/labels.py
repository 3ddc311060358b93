"""Labels for stored codes on pages. A page never fails on a code it does not recognise (an old
import, a retired code): it shows the code itself instead."""

from programmes.vocabulary import label_for


def label(vocabulary, code: str | None) -> str:
    """The label of `code` in `vocabulary`, or the code made readable if it is not there."""
    if code is None:
        return ""
    try:
        return label_for(vocabulary, code)
    except KeyError:
        return str(code).replace("_", " ")
