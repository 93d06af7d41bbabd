"""Offline speech: engines, the pronunciation table and the one speech worker thread."""
