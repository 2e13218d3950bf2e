"""Exercise checkers, one module per notebook, built on `helpers.exercises.check_numeric`.

Each module lists its exercises in `EXERCISES`: {exercise id: (checker, reference answer,
{mistake name: a typical wrong answer})}, so one test can feed every checker its reference
answer and each typical wrong answer and assert the diagnosis.
"""
