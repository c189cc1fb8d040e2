"""Valid new SMEs for registration's POST /smes: the import test sheet's rows, as JSON bodies."""

from typing import Any

from tests.integration.umkm_sheet import valid_row


def registration_body(i: int) -> dict[str, Any]:
    """Row `i` of the clean test sheet (unique NIK, NIB and name; real Bekasi region codes)."""
    row = valid_row(i)
    return {
        "business_name": row["nama_usaha"],
        "owner_nik": row["nik_pemilik"],
        "kbli": row["kbli"],
        "kabupaten_code": row["kode_kabupaten"],
        "kecamatan_code": row["kode_kecamatan"],
        "desa_code": row["kode_desa"],
        "nib": row["nib"],
        "phone": row["no_hp"],
        "email": row["email"],
        "financials": {
            "business_capital": (i % 50 + 1) * 10_000_000,
            "annual_sales": row["omzet_tahunan"],
            "employees": row["jumlah_karyawan"],
            "as_of": "2024-06-30",
        },
    }
