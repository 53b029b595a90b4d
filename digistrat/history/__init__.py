"""The project over time: reading git revisions, ``diff`` between them, the ``bericht``."""
