"""The ranges of the numbers that name stored things, the same on every supported database.

An id or a number outside its range names nothing: it is refused where it enters (the URL
converters of entraide.converters, the form fields of entraide.forms.fields) and never reaches a
query, where SQLite raises OverflowError and PostgreSQL a DataError."""

# Primary keys: BigAutoField (DEFAULT_AUTO_FIELD), a signed 64-bit integer on every database.
ID_MAX = 2**63 - 1
# Numbers stored in a PositiveIntegerField (a post's number in its thread): PostgreSQL's
# `integer` is 32-bit.
NUMBER_MAX = 2**31 - 1


def parse(value, maximum: int = ID_MAX) -> int | None:
    """`value` (text or int) as an int from 1 to `maximum`, else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        value = value.strip()
        # Longer than the maximum's digits cannot be in range; int() of a very long text is slow.
        if not value.isascii() or not value.isdigit() or len(value) > len(str(maximum)):
            return None
        value = int(value)
    if not isinstance(value, int) or not 1 <= value <= maximum:
        return None
    return value
