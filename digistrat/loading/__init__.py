"""Loading: find a project, read its files (bytes → text → data), validate them against the schemas."""
