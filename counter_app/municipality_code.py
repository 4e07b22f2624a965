"""The 全国地方公共団体コード (local government code): five digits and a check digit.

The check digit (JIS X 0402 検査数字) is modulus 11: the first five digits weighted 6, 5, 4, 3, 2,
summed, the sum's remainder by 11 subtracted from 11, and of that the last digit (a remainder of
0 gives 1, a remainder of 1 gives 0).
"""

from __future__ import annotations

from typing import Final

WEIGHTS: Final = (6, 5, 4, 3, 2)


def check_digit(first_five: str) -> int:
    """The check digit of a five-digit code, e.g. 13101 -> 6 (千代田区, 131016)."""
    if len(first_five) != len(WEIGHTS) or not first_five.isascii() or not first_five.isdigit():
        raise ValueError(f"not five digits: {first_five!r}")
    total = sum(int(digit) * weight for digit, weight in zip(first_five, WEIGHTS, strict=True))
    return (11 - total % 11) % 10


def code_problem(code: str) -> str | None:
    """Why `code` is not a six-digit local government code with its check digit, or None."""
    if len(code) != 6 or not code.isascii() or not code.isdigit():
        return f"{code!r} is not six digits"
    expected = check_digit(code[:5])
    if int(code[5]) != expected:
        return f"the check digit of {code[:5]} is {expected}, not {code[5]}"
    return None
