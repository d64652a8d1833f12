from typing import List, Literal


class UnknownUnitError(Exception):
    """Raised for a unit the converter does not know."""


def convert_temperature(value: float, from_unit: Literal["C", "F", "K"], to_unit: Literal["C", "F", "K"]) -> float:
    """
    Convert a temperature between Celsius, Fahrenheit and Kelvin.

    Parameters
    ----------
    value : float
        The temperature to convert.
    from_unit : {"C", "F", "K"}
        The unit of ``value``.
    to_unit : {"C", "F", "K"}
        The unit to convert to.

    Returns
    -------
    float
        The converted temperature, rounded to two decimals.

    Raises
    ------
    UnknownUnitError
        If either unit is not C, F or K.
    """
    to_kelvin = {"C": lambda v: v + 273.15, "F": lambda v: (v - 32) * 5 / 9 + 273.15, "K": lambda v: v}
    from_kelvin = {"C": lambda v: v - 273.15, "F": lambda v: (v - 273.15) * 9 / 5 + 32, "K": lambda v: v}
    if from_unit not in to_kelvin or to_unit not in from_kelvin:
        raise UnknownUnitError("Units must be C, F or K.")
    return round(from_kelvin[to_unit](to_kelvin[from_unit](value)), 2)


def average(values: List[float], weights=None):
    """
    Weighted mean of a list of numbers.

    Parameters
    ----------
    values : list of float
        The numbers to average.
    weights : list of float, optional
        One weight per value; equal weights when omitted.

    Returns
    -------
    mean : float
        The weighted mean.
    """
    weights = weights or [1.0] * len(values)
    return sum(v * w for v, w in zip(values, weights)) / sum(weights)
