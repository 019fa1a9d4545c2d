"""Area figures (common/figures.py): what a district's average is made of and says."""

from __future__ import annotations

import pytest

from common.figures import AreaFigures, area_figures
from common.forms import FormDefinition, load_definitions
from tests.conftest import FORMS_DIR


@pytest.fixture(scope="module")
def health_center() -> FormDefinition:
    return {d.form: d for d in load_definitions(FORMS_DIR)}["health_center"]


def test_each_average_counts_only_the_units_with_a_value(health_center: FormDefinition) -> None:
    forms = [{"anc1_coverage": 95.0, "open_24h": True, "hc_chief_name": "Sok"},
             {"anc1_coverage": 85.0, "open_24h": False},
             {"open_24h": True}]
    figures = area_figures("0102", 2026, health_center, forms)
    assert figures.units == 3
    anc1 = figures.indicators["anc1_coverage"]
    assert (anc1.average, anc1.units, anc1.met) == (90.0, 2, 1)  # standard: at least 90
    open_24h = figures.indicators["open_24h"]
    assert open_24h.units == 3 and open_24h.met == 2
    assert open_24h.average == pytest.approx(2 / 3)  # the share of units answering yes
    # A text is not averaged, and an indicator nobody answered has no figure at all.
    assert "hc_chief_name" not in figures.indicators
    assert figures.average("penta3_coverage") is None


def test_an_indicator_without_a_standard_has_no_met_count(health_center: FormDefinition) -> None:
    figures = area_figures("01", 2026, health_center, [{"catchment_population": 1000},
                                                        {"catchment_population": 3000}])
    population = figures.indicators["catchment_population"]
    assert (population.average, population.units, population.met) == (2000.0, 2, None)


def test_figures_cross_json_unchanged(health_center: FormDefinition) -> None:
    figures = area_figures("0102", 2025, health_center,
                           [{"anc1_coverage": 70.5, "stockout_days": 3}])
    again = AreaFigures.from_dict(figures.as_dict())
    assert again == figures
    assert again.averages() == {"anc1_coverage": 70.5, "stockout_days": 3.0}


@pytest.mark.parametrize("broken", [{}, {"area_code": "01", "year": "x", "form_code": "f",
                                         "units": 1},
                                    {"area_code": "01", "year": 2026, "form_code": "f",
                                     "units": 1, "indicators": {"a": {"average": "n"}}}])
def test_malformed_figures_are_refused(broken: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="not area figures"):
        AreaFigures.from_dict(broken)


@pytest.mark.parametrize("item", [
    "not a mapping", ["a", "list"], None,
    {"area_code": "01", "year": 2026, "form_code": "f", "units": 1,
     "indicators": {"a": "not a mapping"}},
    {"area_code": "01", "year": 2026, "form_code": "f", "units": 1,
     "indicators": {"a": {"average": float("nan"), "units": 1}}},
    {"area_code": "01", "year": 2026, "form_code": "f", "units": 1,
     "indicators": {"a": {"average": "inf", "units": 1}}},
    {"area_code": "01", "year": 2026, "form_code": "f", "units": -3},
    {"area_code": "01", "year": 2026, "form_code": "f", "units": 2.5},
])
def test_figures_from_a_misbehaving_server_are_refused_not_crashed_on(item: object) -> None:
    with pytest.raises(ValueError, match="not area figures"):
        AreaFigures.from_dict(item)
