"""Writing project files: comment-preserving round trip, ``init``, ``neu`` and ``fmt``."""
