"""07 · An autograd engine: its views (`views.PANELS`: the step-through player), its exercise
checkers (`checkers.EXERCISES`) and the broken backward passes of its "break it" section (`bugs`)."""
