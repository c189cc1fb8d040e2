"""The dashboard's cards of a level as an export table (pure: totals in, rows out)."""

from typing import Any

from reporting.adapters.queries.rows import Totals
from umkm_shared.contracts.labels import label

_CARDS = {
    "registered": "UMKM terdaftar",
    "active": "UMKM aktif",
    "withdrawn": "Mengundurkan diri",
    "enrolled": "Peserta angkatan",
    "mentored": "Didampingi",
    "sessions": "Sesi pendampingan",
    "graduated": "Lulus (naik kelas pada minimal satu dimensi)",
    "naik_kelas_scale": "Naik kelas skala usaha (PP 7/2021)",
    "mentors": "Pendamping",
    "bank_feed_consents": "Persetujuan data untuk Bank Jabar",
    "partnerships_active": "Kemitraan aktif",
    "partners": "Mitra usaha besar/menengah",
    "umkm_partnered": "UMKM bermitra",
    "gross_sales": "Nilai penjualan melalui kemitraan (Rp)",
}


def card_rows(t: Totals) -> list[dict[str, Any]]:
    """The cards of a level as rows: indicator, value (the dashboard's cards, in order)."""
    rows = [{"indicator": text, "value": getattr(t, key)} for key, text in _CARDS.items()]
    rows += [
        {"indicator": f"Lulus - {label('dimension', d)}", "value": n}
        for d, n in t.graduated_by_dimension.items()
    ]
    rows += [
        {"indicator": f"Capaian - {label('milestone', m)}", "value": n}
        for m, n in t.milestones.items()
    ]
    if t.target is not None:
        rows += [
            {
                "indicator": f"Target lulus ({t.target.decided_by or t.target.source})",
                "value": t.target.naik_kelas,
            },
            {"indicator": "Capaian target (%)", "value": round(t.target.progress_pct)},
        ]
    return rows
