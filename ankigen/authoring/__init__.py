"""Helping an author with a content file: a new one to start from, and `fmt`, which tidies one."""
