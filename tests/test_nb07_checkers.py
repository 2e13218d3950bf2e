"""The checkers of 07_an_autograd_engine: what is specific to them (the generic "reference
accepted, each mistake named" test runs over the registry in tests/test_checkers.py)."""

import pytest

from helpers.core.engine import Value
from helpers.lessons.nb07_an_autograd_engine.bugs import backward_with
from helpers.lessons.nb07_an_autograd_engine.checkers import (
    EXERCISES,
    check_div_backward,
    check_fork,
    check_order,
)


def test_the_lesson_has_three_exercises_in_order():
    assert [ex.id for ex in EXERCISES] == ["07.1", "07.2", "07.3"]


def test_the_fork_reference_is_what_the_engine_computes():
    # the hand-derived literal [4, 3] (EXERCISES) and the engine agree; so does each bug's number
    a, b = Value(3.0), Value(-2.0)
    L = (a + b) * a
    L.backward()
    assert check_fork([a.grad, b.grad]).correct
    backward_with(L, "assign")
    assert check_fork([a.grad, b.grad]).mistake.startswith("assign_")
    backward_with(L, "mul_wrong_input")
    assert check_fork([a.grad, b.grad]).mistake == "wrong_input"


def test_a_division_rule_written_as_code_is_checked():
    a, b = Value(6.0), Value(2.0)
    out = a / b
    (out * 3).backward()  # out.grad = 3
    assert check_div_backward([a.grad, b.grad]).correct


@pytest.mark.parametrize("order", [[4, 2, 3, 1], [4, 3, 2, 1], (4.0, 3.0, 2.0, 1.0)])
def test_both_valid_orders_are_accepted(order):
    assert check_order(order).correct


@pytest.mark.parametrize(
    ("order", "late"),
    [([4, 2, 1, 3], "Node 1 comes before node 3"), ([2, 4, 3, 1], "Node 2 comes before node 4")],
)
def test_a_node_before_its_user_is_named(order, late):
    feedback = check_order(order)
    assert feedback.mistake == "node_before_its_user" and late in feedback.message


def test_the_order_checker_answers_any_input():
    assert check_order(None).status == "unanswered"
    assert check_order([4, 3, 2]).mistake == "wrong_shape"
    assert check_order("4321").mistake == "not_numeric"
    assert check_order([4, 3, 2, 1.5]).mistake == "not_each_node_once"
