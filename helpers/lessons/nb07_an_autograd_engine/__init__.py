"""07 · An autograd engine: its views (`views.PANELS`) and its exercise checkers (`checkers.EXERCISES`)."""
