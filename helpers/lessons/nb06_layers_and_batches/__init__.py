"""06 · Layers and batches: its views (`views.PANELS`) and its exercise checkers (`checkers.EXERCISES`)."""
