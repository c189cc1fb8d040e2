"""The curation (kurasi) checklist: what the SME's facts and the staff's checks say."""

from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict

from partnership.domain.sme import SmeFacts

UMKM_CLASSES = ("mikro", "kecil", "menengah")


class CheckItem(BaseModel):
    """One checklist item, met or not, with the reason in both languages."""

    model_config = ConfigDict(frozen=True)

    item: str
    met: bool
    pesan: str
    message: str


@dataclass(frozen=True)
class StaffChecks:
    """What the staff checked themselves."""

    standard_packaging: bool
    steady_supply: bool


def _item(item: str, met: bool, yes: tuple[str, str], no: tuple[str, str]) -> CheckItem:
    pesan, message = yes if met else no
    return CheckItem(item=item, met=met, pesan=pesan, message=message)


def _licence(facts: SmeFacts, item: str, name: str, name_en: str) -> CheckItem:
    return _item(
        item,
        facts.holds(item),
        (f"{name} tercatat", f"{name_en} on record"),
        (f"{name} belum tercatat", f"no {name_en} on record"),
    )


def checklist(facts: SmeFacts, staff: StaffChecks) -> tuple[CheckItem, ...]:
    """Every item, in a fixed order; the curation passes when all are met."""
    scale = facts.scale_class
    return (
        _licence(facts, "nib", "NIB", "NIB"),
        _licence(facts, "halal", "Sertifikat halal", "halal certificate"),
        _item(
            "pirt_or_bpom",
            facts.holds("pirt") or facts.holds("bpom"),
            ("Nomor PIRT atau BPOM tercatat", "PIRT or BPOM number on record"),
            ("Belum ada nomor PIRT maupun BPOM", "neither a PIRT nor a BPOM number on record"),
        ),
        _item(
            "scale_class",
            scale in UMKM_CLASSES,
            (f"Kelas usaha {scale} (UMKM)", f"scale class {scale} (an UMKM)"),
            (
                f"Kelas usaha {scale or 'belum diketahui'}: bukan UMKM",
                f"scale class {scale or 'unknown'}: not an UMKM",
            ),
        ),
        _item(
            "not_withdrawn",
            not facts.withdrawn,
            ("Masih peserta program", "still in the programme"),
            ("Sudah keluar dari program", "withdrawn from the programme"),
        ),
        _item(
            "standard_packaging",
            staff.standard_packaging,
            ("Kemasan memenuhi standar", "packaging meets the standard"),
            ("Kemasan belum memenuhi standar", "packaging does not meet the standard"),
        ),
        _item(
            "steady_supply",
            staff.steady_supply,
            ("Pasokan mampu stabil", "can supply steadily"),
            ("Pasokan belum stabil", "cannot supply steadily yet"),
        ),
    )
