"""The PNG: each target's score (1 = target met), and throughputs against the raw limits."""

from pathlib import Path

from matplotlib.figure import Figure

from bench.results import Results
from bench.targets import TARGETS, scores

THROUGHPUTS = (
    "raw_consume_eps",
    "raw_bulk_upsert_dps",
    "projection_eps",
    "replay_eps",
    "registration_rps",
)


def shown(value: float) -> str:
    """Two decimals for small figures (ratios), none for large ones."""
    return f"{value:,.2f}" if abs(value) < 10 else f"{value:,.0f}"


def draw(results: Results, path: Path) -> None:
    """Write the chart to `path`."""
    # The object API, not pyplot: no GUI backend, nothing global to close afterwards.
    fig = Figure(figsize=(13, 5.5))
    left, right = fig.subplots(1, 2)
    marks = scores(results.figures)
    names = [t.figure for t in TARGETS]
    values = [marks.get(n) or 0.0 for n in names]
    colours = ["#2e7d32" if v >= 1 else "#c62828" for v in values]
    left.barh(names, values, color=colours)
    left.axvline(1.0, color="black", linestyle="--", linewidth=1)
    for y, (name, v) in enumerate(zip(names, values, strict=True)):
        figure = results.figures.get(name)
        label = "error / not run" if figure is None else f"{shown(figure)}  ({v:.2f}x)"
        left.text(max(v, 0.02), y, f" {label}", va="center", fontsize=8)
    left.set_xscale("symlog", linthresh=1)
    left.set_xlim(0, max([*values, 1.0]) * 4)  # room for the labels
    left.invert_yaxis()
    left.set_title("score against the issue's target (>= 1 = met)")
    bars = [(n, results.figures.get(n)) for n in THROUGHPUTS]
    right.bar(
        [n.replace("_", "\n", 1) for n, _ in bars],
        [rate or 0 for _, rate in bars],
        color=["#78909c", "#78909c", "#1565c0", "#1565c0", "#1565c0"],
    )
    for x, (_, rate) in enumerate(bars):
        if rate:
            right.text(x, rate, shown(rate), ha="center", va="bottom", fontsize=8)
    if any(rate for _, rate in bars):
        right.set_yscale("log")
    right.set_title("per second: raw limits (grey) and the platform (blue)")
    right.tick_params(axis="x", labelsize=8)
    run = results.run
    quick = " (quick sizes)" if run.get("quick") else ""
    fig.suptitle(
        f"UMKM Juara bench{quick} {run.get('started_at', '')} ({run.get('git', '')}), store "
        f"{run.get('store', '')}, {run.get('cpus')} CPUs, load at start "
        f"{run.get('load_avg_at_start', '')}",
        fontsize=9,
    )
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
