"""Presentation: figures (`plotting`), live panels around plain views (`panel`), and showing a
helper's source in a notebook (`source`). Views draw what the core computes; they never compute
the maths themselves.
"""
