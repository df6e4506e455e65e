"""Check-digit algorithms for 全国地方公共団体コード and 法人番号.

Both follow ``shared/spec/checkdigits.md``: the local-government code uses
weights 6-5-4-3-2 modulo 11 (ones digit of ``11 - r``), the corporate number
uses weights 1/2 from the right modulo 9.
"""

from __future__ import annotations

from functools import lru_cache

_LG_WEIGHTS = (6, 5, 4, 3, 2)


def local_gov_check_digit(code5: str) -> str:
    """Return the check digit of a 5-digit local-government code."""
    if len(code5) != 5 or not code5.isascii() or not code5.isdigit():
        raise ValueError(f"expected 5 ASCII digits, got {code5!r}")
    total = sum(int(d) * w for d, w in zip(code5, _LG_WEIGHTS, strict=True))
    # r = 0 gives 1 and r = 1 gives 0: the ones digit of 11 - r.
    return str((11 - total % 11) % 10)


@lru_cache(maxsize=8192)
def is_valid_local_gov_code(code6: str) -> bool:
    """True when ``code6`` is six ASCII digits whose last digit checks."""
    return (
        len(code6) == 6
        and code6.isascii()
        and code6.isdigit()
        and local_gov_check_digit(code6[:5]) == code6[5]
    )


def corporate_number_check_digit(base12: str) -> str:
    """Return the leading check digit of a 12-digit 法人番号 base number."""
    if len(base12) != 12 or not base12.isascii() or not base12.isdigit():
        raise ValueError(f"expected 12 ASCII digits, got {base12!r}")
    # n counts from the right starting at 1; odd positions weigh 1, even 2.
    total = sum(int(base12[12 - n]) * (1 if n % 2 else 2) for n in range(1, 13))
    return str(9 - total % 9)


@lru_cache(maxsize=8192)
def is_valid_corporate_number(num13: str) -> bool:
    """True when ``num13`` is a 13-digit 法人番号 with a correct check digit."""
    return (
        len(num13) == 13
        and num13.isascii()
        and num13.isdigit()
        and num13[0] != "0"
        and corporate_number_check_digit(num13[1:]) == num13[0]
    )
