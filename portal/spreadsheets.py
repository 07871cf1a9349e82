"""Spreadsheet cells that stay text: the one protection against formula injection.

A cell whose text starts with = + - @ (or a tab, a carriage return, or the full-width
forms some spreadsheets also accept) runs as a formula when a coordinator or an employer
opens the file: a structure named « =HYPERLINK(...) » must reach them as text. Every CSV
or XLSX the portal writes passes each cell through `safe_cell` *after* converting it to
text (a related object's `str()` included); every import refuses such a cell.
"""

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def looks_like_formula(text):
    return isinstance(text, str) and text.lstrip(" ").startswith(FORMULA_PREFIXES)


def safe_cell(value):
    """`value` for a spreadsheet cell: numbers, dates and booleans as they are; anything
    else converted to text, prefixed with an apostrophe when it would run as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float) or hasattr(value, "isoformat"):
        return value
    text = str(value)
    return "'" + text if looks_like_formula(text) else text
