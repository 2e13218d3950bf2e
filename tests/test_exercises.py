from helpers.lessons.exercises import check_numeric

MISTAKES = {"swapped": ([-3.0, -1.0, 2.0], "That is dL/dx: you multiplied by w instead of x.")}


def _check(answer):
    return check_numeric(answer, [1.0, -2.0, 3.0], what="dL/dw", mistakes=MISTAKES, hint="Use x.")


def test_check_numeric_diagnoses():
    assert _check(None).status == "unanswered"
    assert _check([1, -2, 3]).correct
    wrong = _check([-3, -1, 2])
    assert (wrong.status, wrong.mistake) == ("wrong", "swapped")
    assert _check([1, 2]).mistake == "wrong_shape"
    assert "as a list of 3 numbers, got a list of 2 numbers" in _check([1, 2]).message
    assert "got one number" in _check(0).message
    assert _check("abc").mistake == "not_numeric"
    assert _check([0, 0, 7]).mistake is None and _check([0, 0, 7]).message == "Use x."
    assert repr(_check(None)).startswith("… Not answered yet.")
