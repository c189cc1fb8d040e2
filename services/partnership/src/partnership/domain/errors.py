"""Domain refusals in Indonesian and English; the shared handlers give them the error shape."""

from umkm_shared.errors import FieldProblem, RefusalError

STATE_NAMES = {
    "proposed": ("diusulkan", "proposed"),
    "curation_failed": ("gagal kurasi", "failed curation"),
    "curated": ("lolos kurasi", "passed curation"),
    "active": ("aktif", "active"),
    "ended": ("berakhir", "ended"),
}


def not_found(noun: str, noun_en: str, key: str) -> RefusalError:
    """Something named does not exist, or not for this partner."""
    return RefusalError("not_found", f"{noun} {key} tidak ditemukan", f"{noun_en} {key} not found")


def invalid(field: str, pesan: str, message: str) -> RefusalError:
    """A value that breaks a rule; names the field, never echoes the value."""
    return RefusalError("invalid", pesan, message, errors=[FieldProblem(field, pesan, message)])


def wrong_state(
    state: str, action: str, action_en: str, allowed: str, allowed_en: str
) -> RefusalError:
    """A transition the current state does not allow; names the state."""
    name, name_en = STATE_NAMES[state]
    return RefusalError(
        "conflict",
        f"Kemitraan berstatus '{name}': tidak dapat {action}; hanya bisa bila {allowed}",
        f"The partnership is '{name_en}': cannot {action_en}; only when {allowed_en}",
        extra={"current_state": state},
    )


def sme_withdrawn(sme_id: str) -> RefusalError:
    """The SME left the programme."""
    return RefusalError(
        "conflict",
        f"UMKM {sme_id} sudah keluar dari program",
        f"SME {sme_id} has withdrawn from the programme",
        extra={"current_state": "withdrawn"},
    )


def partner_exists(partner_id: str) -> RefusalError:
    """A partner with this NIB is registered already."""
    return RefusalError(
        "conflict",
        f"Mitra dengan NIB ini sudah terdaftar sebagai {partner_id}",
        f"A partner with this NIB is registered already as {partner_id}",
        extra={"existing_partner_id": partner_id},
    )


def partner_id_taken() -> RefusalError:
    """The chosen partner id belongs to another partner already."""
    pesan = "Id mitra ini sudah dipakai mitra lain"
    message = "This partner id belongs to another partner already"
    return RefusalError(
        "conflict", pesan, message, errors=[FieldProblem("partner_id", pesan, message)]
    )
