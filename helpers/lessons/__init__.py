"""The lessons: one package per notebook, `nbNN_<notebook name>`, holding its `views` (the
pictures and live panels, listed in `PANELS`) and its `checkers` (the exercises, listed in
`EXERCISES`). `helpers.series` lists the lessons in order; `exercises` is the checkers' shared
feedback machinery.
"""
