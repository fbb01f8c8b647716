"""Kommuner som din: standardised figures, Euclidean distance over the figures both have, the nearest first.

A constructed set of four municipalities with two figures each (the others missing), by hand:
children: A 100, B 200, C 300, D 400 -> mean 250, sd sqrt((150² + 50² + 50² + 150²) / 4) = sqrt(12500) = 111.80
pedagogues: A 10, B 10, C 40, D 20 -> mean 20, sd sqrt((100 + 100 + 400 + 0) / 4) = sqrt(150) = 12.247
z(children): A -1.3416, B -0.4472, C 0.4472, D 1.3416; z(pedagogues): A -0.8165, B -0.8165, C 1.6330, D 0
From A: B sqrt((0.8944² + 0²) / 2) = 0.6325; D sqrt((2.6833² + 0.8165²) / 2) = 1.9833;
        C sqrt((1.7889² + 2.4495²) / 2) = 2.1448.
"""

from types import SimpleNamespace

import pytest

from indicators.similarity import Figures, most_similar


def _figures(pk: int, name: str, children, pedagogues, share=None, leavers=None, seniors=None) -> Figures:
    return Figures(SimpleNamespace(id=pk, name=name), 2025, children, pedagogues, share, leavers, seniors)


def test_it_ranks_by_distance_over_standardised_figures(monkeypatch):
    monkeypatch.setattr("indicators.similarity.MIN_SHARED", 2)
    everyone = [_figures(1, "A", 100, 10), _figures(2, "B", 200, 10), _figures(3, "C", 300, 40),
                _figures(4, "D", 400, 20)]
    ranked = most_similar(1, everyone)
    assert [s.figures.municipality.name for s in ranked] == ["B", "D", "C"]
    assert [round(s.distance, 4) for s in ranked] == [0.6325, 1.9833, 2.1448]
    assert [s.shared for s in ranked] == [2, 2, 2]


def test_it_compares_only_figures_both_have_and_skips_those_sharing_too_few(monkeypatch):
    monkeypatch.setattr("indicators.similarity.MIN_SHARED", 2)
    everyone = [_figures(1, "A", 100, 10), _figures(2, "B", 200, 10), _figures(3, "C", 300, 40),
                _figures(4, "D", 400, 20), _figures(5, "E", None, 10)]
    # E lacks children: it shares one figure with A, too few to be ranked; the others' z-scores for
    # pedagogues now include E (mean 18, sd sqrt((64+64+484+4+64)/5) = sqrt(136) = 11.662):
    # z A -0.6860, B -0.6860, C 1.8865, D 0.1715. From A: B 0.6325 as before,
    # D sqrt((2.6833² + 0.8575²) / 2) = 1.9919, C sqrt((1.7889² + 2.5725²) / 2) = 2.2156.
    ranked = most_similar(1, everyone)
    assert [(s.figures.municipality.name, round(s.distance, 4)) for s in ranked] == [
        ("B", 0.6325), ("D", 1.9919), ("C", 2.2156)]
    assert most_similar(5, everyone) == []  # E shares at most one figure with anyone


def test_it_breaks_ties_by_name_and_keeps_ten():
    everyone = [_figures(0, "Own", 100, 10, 50, 10, 20)]
    everyone += [_figures(pk, f"M{pk:02d}", 200, 20, 60, 12, 25) for pk in range(12, 0, -1)]
    everyone += [_figures(99, "Far", 900, 90, 90, 30, 40)]
    ranked = most_similar(0, everyone)
    assert len(ranked) == 10
    assert [s.figures.municipality.name for s in ranked] == [f"M{pk:02d}" for pk in range(1, 11)]
    assert all(s.shared == 5 for s in ranked)


@pytest.mark.parametrize("own", [1])
def test_a_figure_that_does_not_vary_makes_them_equal_on_it(own, monkeypatch):
    monkeypatch.setattr("indicators.similarity.MIN_SHARED", 2)
    everyone = [_figures(1, "A", 100, 10), _figures(2, "B", 100, 30), _figures(3, "C", 100, 20)]
    # children are all 100: z = 0 for all; pedagogues mean 20, sd sqrt(200/3) = 8.165 -> A -1.2247, B 1.2247,
    # C 0. From A: C sqrt((0 + 1.2247²) / 2) = 0.8660, B sqrt((0 + 2.4495²) / 2) = 1.7321.
    ranked = most_similar(own, everyone)
    assert [(s.figures.municipality.name, round(s.distance, 4), s.shared) for s in ranked] == [
        ("C", 0.866, 2), ("B", 1.7321, 2)]
