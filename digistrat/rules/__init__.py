"""Lint rules (``DS1xx``): domain checks that a JSON Schema cannot express.

One module per rule, each a :class:`~digistrat.rules.base.Rule` subclass whose docstring is its
German user documentation; :mod:`digistrat.rules.registry` lists them explicitly. The machinery
around the rules (configuration, inline comments, baseline) lives beside them; the library entry
point that ties everything together is :mod:`digistrat.linting`.
"""
