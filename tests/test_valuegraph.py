"""The drawing of a Value graph: layout by depth, and texts and colours that follow the trace."""

import itertools

import numpy as np
from matplotlib.colors import to_rgba

from helpers.core.engine import Value
from helpers.ui.plotting import COLORS, new_figure, png_bytes, style
from helpers.ui.valuegraph import GraphDrawing, figure_size, layout


def _fork():
    a = Value(3.0, label="a")
    b = a + a
    return a, b, b + b


def _drawing(root):
    with style():
        fig, axes = new_figure(figsize=figure_size(root))
        fig.subplots_adjust(0, 0, 1, 1)
        return fig, GraphDrawing(axes[0, 0], root)


def test_layout_columns_are_depths():
    a, b, c = _fork()
    pos = layout(c)
    assert [pos[n][0] for n in (a, b, c)] == [0.0, 1.0, 2.0]


def test_texts_follow_the_steps():
    a, b, c = _fork()
    _, drawing = _drawing(c)
    drawing.show(0)  # only a is computed
    texts = drawing.texts()
    assert texts["name", a] == "a" and texts["value", a] == "3"
    assert texts["name", c] == "+₂" and ("value", c) not in texts  # numbered: b is +₁
    assert not [key for key in texts if key[0] == "grad"]
    assert [text for key, text in texts.items() if key[0] == "edge"] == ["3", "3"]  # a → b, twice
    drawing.show(3)  # the seed: only c has a grad so far
    assert [key[1] for key in drawing.texts() if key[0] == "grad"] == [c]
    last = drawing.show(10**6)  # clipped to the last step: b hands a 2 along each use
    assert last.phase == "backward" and last.node is b
    texts = drawing.texts()
    assert (texts["value", c], texts["grad", c]) == ("12", "grad 1")  # c = 4a = 12, seed 1
    assert texts["grad", b] == "grad 2" and texts["grad", a] == "grad 4"  # 1 + 1, then 2 + 2
    shares = sorted(text for key, text in texts.items() if key[0] == "edge" and key[1][0] is a)
    assert shares == ["+= 2", "+= 2"]  # each edge's value 3 was replaced by its share


def test_edges_turn_black_forward_and_orange_backward():
    a, b, c = _fork()
    _, drawing = _drawing(c)
    orange, black = to_rgba(COLORS["vermillion"]), to_rgba(COLORS["black"])
    drawing.show(1)  # a and b computed: a's two edges into b carry 3 forward
    colours = [tuple(col) for col in drawing.lines.get_colors()]
    into_b = [col for (child, _, _), col in zip(drawing.edges, colours, strict=True) if child is a]
    assert into_b == [black, black]
    drawing.show(4)  # the seed and c's step: b's edges into c have handed back their shares
    colours = [tuple(col) for col in drawing.lines.get_colors()]
    for (child, _, _), col in zip(drawing.edges, colours, strict=True):
        assert col == (orange if child is b else black)


def test_the_current_node_is_highlighted():
    *_, c = _fork()
    _, drawing = _drawing(c)
    step = drawing.show(2)  # forward: c
    assert step.node is c
    x, y = drawing.pos[c]
    box = drawing.highlight
    assert np.isclose(box.get_x() + box.get_width() / 2, x)
    assert np.isclose(box.get_y() + box.get_height() / 2, y)


def test_labels_are_drawn_as_cached_bitmaps():
    *_, c = _fork()
    fig, drawing = _drawing(c)
    drawing.show(5)
    first = png_bytes(fig)
    count = len(drawing.labels._bitmaps)
    items = drawing.labels.items.values()
    drawn = {(text, colour, size, halo) for _, _, text, colour, size, halo in items if text}
    assert count == len(drawn) > 0  # one bitmap per string, colour, size and background
    drawing.show(0)
    png_bytes(fig)
    drawing.show(5)
    assert png_bytes(fig) == first  # the same moment draws the same picture


def _box_hit(path, centre, pad=0.0):
    from helpers.ui.valuegraph import BOX_H, BOX_W

    inside = (np.abs(path[:, 0] - centre[0]) < BOX_W / 2 + pad) & (
        np.abs(path[:, 1] - centre[1]) < BOX_H / 2 + pad
    )
    return bool(inside.any())


def test_an_edge_that_skips_a_column_goes_around_the_box_between():
    a = Value(3.0, label="a")
    s = a + a
    out = s * a  # a → × skips the column of a + a, which sits level with a
    _, drawing = _drawing(out)
    (path,) = [
        p for (c, n, _), p in zip(drawing.edges, drawing.paths, strict=True) if n is out and c is a
    ]
    assert drawing.pos[s][1] == drawing.pos[a][1]  # a straight edge would cross the + box
    assert not _box_hit(path, drawing.pos[s])
    label = drawing.label_at[a, out, 1]
    assert not _box_hit(np.array([label]), drawing.pos[s])


def test_boxes_of_one_column_never_overlap():
    from helpers.core.expr import build
    from helpers.ui.valuegraph import BOX_H

    root, _ = build("relu(a*b + a) * tanh(b) + a/b", {"a": 2.0, "b": -3.0})
    pos = layout(root)
    for x in {x for x, _ in pos.values()}:
        ys = sorted(y for px, y in pos.values() if px == x)
        assert all(high - low > 1.0 - 1e-9 for low, high in itertools.pairwise(ys))  # GAP
    assert BOX_H < 1.0  # so boxes GAP apart are apart


def test_operations_are_numbered_in_the_order_they_are_computed():
    from helpers.ui.valuegraph import node_names

    a = Value(2.0, label="a")
    s = a * a
    t = s + a
    out = t.relu()
    names = node_names(out)
    assert [names[n] for n in (a, s, t, out)] == ["a", "×₁", "+₂", "relu₃"]
