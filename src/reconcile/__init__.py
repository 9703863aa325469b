"""reconcile: find where news sources about one story agree and where they contradict each other."""

__version__ = "0.1.0"
