"""The tables of one SME's record (GET /smes/{sme_id}) as exports (pure: record in, rows out).

The same tables, columns and labels as the SME page of the dashboard; the SME's masked NIK,
financials and licences are not among them.
"""

from typing import Any

from reporting.adapters.exports.layout import Column
from umkm_shared.contracts.labels import label

Rows = list[dict[str, Any]]
C = Column
RECORD_TABLES: dict[str, tuple[str, list[Column]]] = {
    "sessions": (
        "Sesi Pendampingan",
        [
            C("date", "Tanggal"),
            C("mentor_name", "Pendamping"),
            C("topics", "Topik"),
            C("mode", "Cara"),
            C("duration_minutes", "Durasi (menit)", "int"),
        ],
    ),
    "milestones": ("Capaian", [C("milestone", "Capaian"), C("achieved_on", "Tanggal")]),
    "graduation": (
        "Kelulusan",
        [C("dimension", "Dimensi"), C("before", "Sebelum"), C("after", "Sesudah")],
    ),
    "scale": (
        "Riwayat Skala Usaha",
        [C("figures_as_of", "Tanggal"), C("from_class", "Sebelum"), C("to_class", "Sesudah")],
    ),
    "partnerships": (
        "Kemitraan",
        [
            C("partner_name", "Mitra"),
            C("pattern", "Pola Kemitraan"),
            C("status", "Status"),
            C("product_count", "Produk", "int"),
            C("units_sold", "Unit Terjual", "int"),
            C("gross_sales", "Nilai Penjualan", "rupiah"),
        ],
    ),
}
"""The SME page's tables by name: title and columns."""


def record_title(table: str, sme: dict[str, Any]) -> str:
    """`Sesi Pendampingan - Warung Bu Sari (sme-…)`; the graduation's says when and by which
    policy."""
    title = f"{RECORD_TABLES[table][0]} - {sme.get('business_name') or '-'} ({sme['sme_id']})"
    g = sme.get("graduation")
    if table == "graduation" and g:
        return f"{title}, lulus {g.get('graduated_on')} ({g.get('policy_version')})"
    return title


def record_rows(table: str, sme: dict[str, Any]) -> Rows:
    """The rows of one of the SME page's tables, codes as their Indonesian labels."""
    if table == "sessions":
        return [
            {
                **s,
                "topics": ", ".join(label("session_topic", t) for t in s.get("topics", [])),
                "mode": label("session_mode", s.get("mode")),
            }
            for s in sme.get("sessions", [])
        ]
    if table == "milestones":
        milestones = sme.get("milestones", [])
        return [{**m, "milestone": label("milestone", m["milestone"])} for m in milestones]
    if table == "graduation":
        dimensions = (sme.get("graduation") or {}).get("dimensions", [])
        return [
            {
                "dimension": label("dimension", d["dimension"]),
                "before": label("scale_class", d.get("before")),
                "after": label("scale_class", d.get("after")),
            }
            for d in dimensions
        ]
    if table == "scale":
        return [
            {
                **h,
                "from_class": label("scale_class", h.get("from_class")),
                "to_class": label("scale_class", h.get("to_class")),
            }
            for h in sme.get("scale_history", [])
        ]
    return [
        {
            **p,
            "partner_name": p.get("partner_name") or p.get("partner_id"),
            "pattern": label("partnership_pattern", p.get("pattern")),
            "status": label("partnership_status", p.get("status")),
        }
        for p in sme.get("partnerships", [])
    ]
