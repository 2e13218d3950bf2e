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
    [
        ([4, 2, 1, 3], "Node 1 (c) comes before node 3 (e)"),
        ([2, 4, 3, 1], "Node 2 (d) comes before node 4 (L)"),
    ],
)
def test_a_node_before_its_user_is_named(order, late):
    feedback = check_order(order)
    assert feedback.mistake == "node_before_its_user" and late in feedback.message


def test_the_order_checker_answers_any_input():
    assert check_order(None).status == "unanswered"
    assert check_order([4, 3, 2]).mistake == "wrong_shape"
    assert check_order("4321").mistake == "not_numeric"
    assert check_order([4, 3, 2, 1.5]).mistake == "not_each_node_once"


def test_a_node_run_too_early_names_what_its_inputs_miss():
    # [4, 1, 2, 3]: c (node 1) runs before d and e add their shares, so a and b get only part
    message = check_order([4, 1, 2, 3]).message
    assert "a and b receive only part of c's grad, or none of it" in message


@pytest.mark.parametrize(
    ("checker", "answer", "said"),
    [
        # 07.1, reference [4, 3]: one entry right, the other unrecognised
        (check_fork, [4, -2], "∂L/∂a = 4 is right. ∂L/∂b: b is used once"),
        (check_fork, [5, 3], "∂L/∂b = 3 is right. ∂L/∂a: a is used twice"),
        # 07.2, reference (1.5, −4.5)
        (check_div_backward, (2, -4.5), "∂L/∂b = −4.5 is right. ∂L/∂a = (1/b)·out.grad"),
        (check_div_backward, (1.5, 4), "∂L/∂a = 1.5 is right. ∂L/∂b = (−a/b²)·out.grad"),
    ],
)
def test_a_pair_with_one_entry_right_says_which(checker, answer, said):
    feedback = checker(answer)
    assert feedback.status == "wrong" and feedback.mistake is None
    assert said in feedback.message


def test_a_pair_typed_as_text_or_as_one_number_is_shown_how_to_write_it():
    assert "without quotes, e.g. [4, 3]" in check_fork("4,3").message
    assert check_fork("4,3").mistake == "not_numeric"
    assert "two numbers, e.g. (0.25, -7)" in check_div_backward(1.5).message
    assert check_div_backward(1.5).mistake == "wrong_shape"


@pytest.mark.parametrize(
    ("answer", "echo"),
    [
        ("[4,3]", "e.g. [4, 3]"),
        ("(4, 3)", "e.g. [4, 3]"),
        (" [4, 3] ", "e.g. [4, 3]"),
        ("[four, three]", "e.g. [0.25, -7]"),  # not two numbers: the standard example
    ],
)
def test_a_pair_typed_as_text_with_brackets_is_echoed_as_the_pair(answer, echo):
    feedback = check_fork(answer)
    assert feedback.mistake == "not_numeric" and echo in feedback.message
    assert "e.g. (1.5, -4.5)" in check_div_backward("(1.5, -4.5)").message


@pytest.mark.parametrize("answer", ["4,3,2,1", "[4, 3, 2, 1]", [4, 3, 2, True]])
def test_an_order_that_is_not_numbers_is_asked_for_a_list_of_four(answer):
    feedback = check_order(answer)
    assert feedback.mistake == "not_numeric"
    assert "Write a list of the 4 node numbers" in feedback.message
    assert "give a number" not in feedback.message
