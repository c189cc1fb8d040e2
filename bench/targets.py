"""The issue's targets, how far each figure is from its target, and the printed table."""

from collections.abc import Callable
from dataclasses import dataclass

from bench.results import FIGURES, Results

Figures = dict[str, float | None]


@dataclass(frozen=True)
class Target:
    """One target: the figure it judges, as text, and the score (>= 1 means met)."""

    figure: str
    text: str
    score: Callable[[Figures], float | None]


def _ratio(top: str, bottom: str, scale: float = 1.0) -> Callable[[Figures], float | None]:
    def score(f: Figures) -> float | None:
        a, b = f.get(top), f.get(bottom)
        return None if a is None or not b else scale * a / b

    return score


def _at_least(figure: str, target: float) -> Callable[[Figures], float | None]:
    return lambda f: None if f.get(figure) is None else f[figure] / target  # type: ignore[operator]


def _at_most(figure: str, target: float) -> Callable[[Figures], float | None]:
    def score(f: Figures) -> float | None:
        value = f.get(figure)
        return None if value is None else target / max(value, 1e-9)

    return score


TARGETS = (
    Target("projection_ratio", ">= 0.5", _at_least("projection_ratio", 0.5)),
    Target("replay_eps", ">= projection_eps", _ratio("replay_eps", "projection_eps")),
    Target("e2e_p99_ms", "<= 500 ms at 50/s", _at_most("e2e_p99_ms", 500)),
    Target("registration_rps", ">= 300 req/s", _at_least("registration_rps", 300)),
    Target(
        "mentoring_p95_ms_13000",
        "<= 2 x p95 at 100",
        _ratio("mentoring_p95_ms_100", "mentoring_p95_ms_13000", 2.0),
    ),
    Target("import_13000_visible_s", "<= 180 s", _at_most("import_13000_visible_s", 180)),
    Target("max_service_rss_mb", "<= 200 MB each", _at_most("max_service_rss_mb", 200)),
)


def scores(figures: Figures) -> dict[str, float | None]:
    """Each target's score: value against target, >= 1 when met."""
    return {t.figure: t.score(figures) for t in TARGETS}


def table(results: Results) -> str:
    """Every figure with its target, score and verdict; errors underneath."""
    by_figure = {t.figure: t for t in TARGETS}
    marks = scores(results.figures)
    lines = [f"{'figure':<26}{'value':>14}  {'target':<22}{'score':>7}  verdict", "-" * 80]
    names = [*FIGURES, *(k for k in results.figures if k not in FIGURES)]
    for name in names:
        value = results.figures.get(name)
        target = by_figure.get(name)
        score = marks.get(name)
        verdict = "-" if score is None else ("met" if score >= 1 else "MISSED")
        if value is None and name not in results.errors:
            continue  # not in this run
        if value is None:
            verdict = "error"
        shown = "" if value is None else f"{value:,.2f}" if value < 10 else f"{value:,.0f}"
        lines.append(
            f"{name:<26}{shown:>14}  {target.text if target else '':<22}"
            f"{'' if score is None else f'{score:.2f}':>7}  {verdict}"
        )
    lines += [f"  {k}: {v}" for k, v in results.errors.items()]
    return "\n".join(lines)
