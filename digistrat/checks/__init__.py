"""Checks that need more than one file: references, uniqueness, agenda completeness."""
