"""Turn a small formula typed by a learner into a graph of `Value`s — safely, without `eval`.

    build("relu(w*x + b)", {"w": -3.0, "x": 1.0, "b": 1.0})   # → (output Value, {name: leaf})

Allowed: numbers, the names given, `+ - * /`, `**` with a plain-number exponent, unary minus,
and the functions relu, tanh, exp, log of one argument. Anything else (attributes, other calls,
comparisons, strings, …) is refused with a message that says what is allowed; a missing `*`
("2a") or a division by 0 is named as such.
"""

from __future__ import annotations

import ast
import math
import numbers
import re
from collections.abc import Mapping

from helpers.core.engine import Value

__all__ = ["ALLOWED", "build"]

ALLOWED = "numbers, your input names, + − * / **, and relu( ), tanh( ), exp( ), log( )"
_FUNCTIONS = {"relu": Value.relu, "tanh": Value.tanh, "exp": Value.exp, "log": Value.log}
_BINARY = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b,
}
_MAX_LENGTH = 200
# a number right before a name or "(": 2a, 3 (a + b) — but not 1e3 (a number itself)
_IMPLICIT_PRODUCT = re.compile(r"(?<![\w.])(\d+(?:\.\d*)?)(?![eE][+-]?\d)\s*([A-Za-z_]\w*|\()")


def build(formula: str, inputs: Mapping[str, float]) -> tuple[Value, dict[str, Value]]:
    """(the formula's output Value, {input name: its leaf Value}) for the given input values."""
    if not isinstance(formula, str):
        raise TypeError(f"formula must be text, got {type(formula).__name__}")
    if len(formula) > _MAX_LENGTH:
        raise ValueError(f"formula is {len(formula)} characters long; at most {_MAX_LENGTH}")
    leaves = {}
    for name, value in inputs.items():
        if not (isinstance(name, str) and name.isidentifier()) or name in _FUNCTIONS:
            raise ValueError(
                f"input name {name!r} must be a plain name other than {', '.join(_FUNCTIONS)}"
            )
        leaves[name] = Value(value, label=name)
    try:
        tree = ast.parse(formula.strip(), mode="eval")
    except SyntaxError as exc:
        if product := _IMPLICIT_PRODUCT.search(formula):
            number, name = product.groups()
            raise ValueError(f"write {number}*{name}: a product needs * (in {formula!r})") from None
        raise ValueError(
            f"the formula {formula!r} is not well formed ({exc.msg}). Allowed: {ALLOWED}"
        ) from None
    out = _build(tree.body, leaves)
    if not isinstance(out, Value) or not set(out.topological_order()) & set(leaves.values()):
        raise ValueError("the formula must use at least one input name")
    return out, leaves


def _build(node: ast.AST, leaves: dict[str, Value]) -> Value | float:
    if (
        isinstance(node, ast.Constant)
        and isinstance(node.value, numbers.Real)
        and not isinstance(node.value, bool)
    ):
        if not math.isfinite(node.value):
            raise ValueError(f"the number {node.value} is not finite")
        return float(node.value)
    if isinstance(node, ast.Name):
        if node.id not in leaves:
            names = ", ".join(leaves) or "none"
            raise ValueError(f"unknown name {node.id!r}; your inputs are: {names}")
        return leaves[node.id]
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        value = _build(node.operand, leaves)
        return -value if isinstance(node.op, ast.USub) else value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow):
        base, exponent = _build(node.left, leaves), _build(node.right, leaves)
        if isinstance(exponent, Value):
            raise ValueError("an exponent must be a plain number, as in x ** 2")
        return base**exponent if isinstance(base, Value) else float(base) ** exponent
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        left, right = _build(node.left, leaves), _build(node.right, leaves)
        if not isinstance(left, Value) and not isinstance(right, Value):
            left = Value(left)  # a constant sub-expression such as 2*3 becomes a node too
        if (
            isinstance(node.op, ast.Div)
            and (right.data if isinstance(right, Value) else right) == 0
        ):
            what = (
                "" if isinstance(node.right, ast.Constant) else f"{ast.unparse(node.right)} = 0: "
            )
            raise ValueError(f"{what}cannot divide by 0")
        return _BINARY[type(node.op)](left, right)
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in _FUNCTIONS
        and len(node.args) == 1
        and not node.keywords
    ):
        arg = _build(node.args[0], leaves)
        return _FUNCTIONS[node.func.id](arg if isinstance(arg, Value) else Value(arg))
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Constant):  # 2(a + b)
        number, rest = ast.unparse(node.func), ast.unparse(node.args[0]) if node.args else ""
        raise ValueError(f"write {number}*({rest}): a product needs *")
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitXor):
        raise ValueError(f"for a power write ** (as in a**2), not ^: {ast.unparse(node)!r}")
    raise ValueError(f"not allowed in a formula: {ast.unparse(node)!r}. Allowed: {ALLOWED}")
