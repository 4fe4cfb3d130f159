"""What the programme's pages show a member who may need more than a peer: crisis lines first."""

from moderation import crisis


def crisis_lines(request) -> list:
    """The few lines of the member's likely country, in the active language."""
    return crisis.prompt_lines(country=crisis.likely_country(request))
