"""Answers as given: whole numbers only, so that a typed 3.5 or True is reported rather than scored."""

from __future__ import annotations

from typing import Iterable, TypeGuard


def is_whole_number(value: object) -> TypeGuard[int]:
    """True for an int that is not a bool (``True`` is an int to Python but not an answer)."""
    return isinstance(value, int) and not isinstance(value, bool)


def whole_numbers(values: Iterable[object]) -> list[int] | None:
    """The values as whole numbers, or ``None`` if any of them is not one."""
    numbers: list[int] = []
    for value in values:
        if not is_whole_number(value):
            return None
        numbers.append(value)
    return numbers


def checked_whole_number(value: object) -> int:
    """An answer that validation has already passed, as the whole number it is."""
    if not is_whole_number(value):
        # Scoring runs only after validation, so this is reached only if a caller skipped it.
        raise ValueError(f"{value!r} is not a whole number; validate the answers before scoring them.")
    return int(value)
