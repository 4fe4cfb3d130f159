"""What a form that did not validate says, when a page has room for one message only."""


def first_error(form) -> str:
    """The first message of the first field (or of the form) that failed."""
    return next(iter(form.errors.values()))[0]
