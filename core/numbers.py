"""Numbers as Belgian readers write them: decimal comma, thousands with a dot (1.500; 132,83), whatever the
interface language. One function for every surface: templates use it through the ``be_number`` filter."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import numberformat


def belgian_number(value, places: int = 2) -> str:
    """*value* with a decimal comma and a dot between thousands; '' for None or text that is no number.

    *places* > 0: at most that many decimals, trailing zeros dropped (FTE 132,8300 -> '132,83', 107,60 ->
    '107,6', 1500,00 -> '1.500'). *places* < 0: no decimals for a whole number, else exactly -places
    (amounts: 1500000,00 -> '1.500.000', 1234,5 -> '1.234,50'). *places* == 0: rounded to a whole number.
    """
    if value is None or value == "" or isinstance(value, bool):
        return ""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return ""
    if not number.is_finite():
        return ""
    decimals = abs(int(places))
    number = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    elif places > 0:
        number = number.normalize()
    if number == 0:
        number = abs(number)  # -0,001 rounds to 0, not "-0"
    # Django's own number formatting, with the Belgian separators whatever the active language.
    return numberformat.format(number, ",", grouping=3, thousand_sep=".", force_grouping=True)
