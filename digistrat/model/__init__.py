"""Typed model of a project (format v1, v1.1). Built from validated data by :mod:`digistrat.model.build`."""

from digistrat.model.types import *  # noqa: F403
from digistrat.model.types import __all__  # noqa: F401
