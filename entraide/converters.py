"""Path converters for the numbers in URLs: <id:pk> for primary keys, <number:number> for a post's
number in its thread. A value outside what the database stores does not match, so the URL
answers 404 before any view or query runs. Registered in EntraideConfig.ready()."""

from . import ids


class IdConverter:
    regex = "[1-9][0-9]{0,18}"
    maximum = ids.ID_MAX

    def to_python(self, value: str) -> int:
        number = ids.parse(value, self.maximum)
        if number is None:
            raise ValueError(value)  # Django reads it as "no match"
        return number

    def to_url(self, value) -> str:
        number = ids.parse(value, self.maximum)
        if number is None:
            raise ValueError(value)  # reverse() then raises NoReverseMatch
        return str(number)


class NumberConverter(IdConverter):
    regex = "[1-9][0-9]{0,9}"
    maximum = ids.NUMBER_MAX


def register() -> None:
    from django.urls import register_converter

    register_converter(IdConverter, "id")
    register_converter(NumberConverter, "number")
