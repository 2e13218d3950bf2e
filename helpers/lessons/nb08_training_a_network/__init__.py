"""08 · Training a network: its views (`views.PANELS`) and its exercise checkers (`checkers.EXERCISES`)."""
