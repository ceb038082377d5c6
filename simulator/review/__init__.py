"""Reviewing scored calls: the history index, terminal review, reports, progress."""
