"""The drawing of a Value graph: layout by depth, and texts that follow the trace."""

from helpers.core.engine import Value
from helpers.ui.plotting import new_figure, style
from helpers.ui.valuegraph import GraphDrawing, layout


def _fork():
    a = Value(3.0, label="a")
    b = a + a
    return a, b, b + b


def test_layout_columns_are_depths():
    a, b, c = _fork()
    pos = layout(c)
    assert [pos[n][0] for n in (a, b, c)] == [0.0, 1.0, 2.0]


def test_texts_follow_the_steps():
    a, b, c = _fork()
    with style():
        _fig, axes = new_figure()
        drawing = GraphDrawing(axes[0, 0], c)
    drawing.show(0)  # only a is computed
    assert drawing.boxes[a].get_text() == "a\n3"
    assert drawing.boxes[c].get_text() == "+"
    assert drawing.grads[a].get_text() == ""
    last = drawing.show(10**6)  # clipped to the last step: b hands a 2 along each use
    assert last.phase == "backward" and last.node is b
    assert drawing.grads[a].get_text() == "grad 4"
    shares = sorted(s.get_text() for child, node, _, _, s, _ in drawing.edges if child is a)
    assert shares == ["+= 2", "+= 2"]
