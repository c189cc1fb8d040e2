"""Flat, queryable fields of an SME document, derived from its sections alone.

Each section comes from one topic, so whatever order the topics interleave in, the same
sections give the same flat fields: booleans for yes/no facts, integers for counts.
"""

from reporting.domain.values import Doc
from umkm_shared.contracts.vocabularies import moved_up

BANK_FEED = "bank_jabar_mentoring_feed"
"""The consent purpose of the Bank Jabar mentoring feed (counted on the dashboard)."""


def _registration_fields(reg: Doc | None) -> Doc:
    if reg is None:
        return {"registered": False, "status": None, "kabupaten_code": None, "kecamatan_code": None}
    history = reg["scale_history"]
    return {
        "registered": True,
        "business_name": reg["business_name"],
        "nib": reg["nib"],
        "kbli": reg["kbli"],
        "kabupaten_code": reg["kabupaten_code"],
        "kecamatan_code": reg["kecamatan_code"],
        "nik_masked": reg["nik_masked"],
        "registered_at": reg["registered_at"],
        "registered_on": reg["registered_on"],
        "status": reg["status"],
        "withdrawn": reg["status"] == "withdrawn",
        "scale_class": reg["scale_class"],
        "naik_kelas_scale": any(moved_up(h["from_class"], h["to_class"]) for h in history),
        "annual_sales": (reg["financials"] or {}).get("annual_sales"),
        "joined_on": reg.get("joined_on") or reg["registered_on"],
        "withdrawn_on": reg["withdrawn_on"],
        "scale_moves": [
            {"on": h["figures_as_of"], "at": h.get("at", "")}
            for h in history
            if moved_up(h["from_class"], h["to_class"])
        ],
        "bank_feed_consent": reg["consents"].get(BANK_FEED) is True,
    }


def _mentoring_fields(men: Doc | None) -> Doc:
    sessions = men["sessions"] if men else []
    milestones = {m["milestone"] for m in men["milestones"]} if men else set()
    graduation = men["graduation"] if men else None
    dims = {d["dimension"] for d in graduation["dimensions"]} if graduation else set()
    return {
        "cohort_id": men["cohort_id"] if men else None,
        "enrolled": bool(men and men["enrolled_at"]),
        "mentor_id": men["mentor_id"] if men else None,
        "session_count": len(sessions),
        "mentored": bool(sessions),
        "last_session_date": sessions[-1]["date"] if sessions else None,
        "enrolled_on": men.get("enrolled_on") if men else None,
        "enrolled_at": men["enrolled_at"] if men else None,
        "session_log": [
            {
                "date": s["date"],
                "mentor_id": s["mentor_id"],
                "at": s.get("at", ""),
                "topics": s["topics"],
            }
            for s in sessions
        ],
        "milestone_log": [
            {"milestone": m["milestone"], "on": m["achieved_on"], "at": m.get("at", "")}
            for m in (men["milestones"] if men else [])
        ],
        "mentor_log": [
            {
                "mentor_id": h["mentor_id"],
                "on": h.get("assigned_on") or h["assigned_at"][:10],  # WIB day before v1.2
                "at": h["assigned_at"],
            }
            for h in (men["mentor_history"] if men else [])
        ],
        "graduated_at": graduation.get("at", "") if graduation else None,
        "graduated_dimensions": sorted(dims),
        "milestone_count": len(milestones),
        "graduated": graduation is not None,
        "graduated_on": graduation["graduated_on"] if graduation else None,
    }


def sme_document(sme_id: str, applied: Doc, reg: Doc | None, men: Doc | None) -> Doc:
    """The whole SME document: what was applied, the raw sections and the flat fields."""
    return {
        "_id": sme_id,
        "applied": applied,
        "reg": reg,
        "men": men,
        **_registration_fields(reg),
        **_mentoring_fields(men),
    }
