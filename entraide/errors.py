class DomainError(Exception):
    """A request the rules refuse, with a message written for the member.

    Views turn it into a page with that message and the status given here
    (400 by default, 409 when it clashes with what is stored)."""

    status = 400

    def __init__(self, message, *, status: int | None = None):
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status


class Conflict(DomainError):
    status = 409


class NotAllowed(DomainError):
    status = 403
