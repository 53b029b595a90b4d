"""digistrat: joint digital strategies of German Kreise and their partners as YAML files.

Library first: the CLI in :mod:`digistrat.cli` is a thin layer over
:mod:`digistrat.loading` (files → data), :mod:`digistrat.model` (typed objects),
:mod:`digistrat.checks` / :mod:`digistrat.rules` (findings), :mod:`digistrat.budget`
(rollups) and :mod:`digistrat.reporters` / :mod:`digistrat.render` (output).
"""

__version__ = "0.1.0"
