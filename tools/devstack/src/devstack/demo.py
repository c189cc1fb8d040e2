"""Demo data for `./dev up`: a handful of Kabupaten Bekasi UMKM, registered through the API."""

import time

import httpx

# NIKs here are made up but well-formed (region 32.16.xx, valid birth dates).
DEMO_SMES = [
    ("Keripik Tempe Bu Sari", "3216014506900001", "10792", "32.16.01", "9120001234501"),
    ("Batik Tulis Cikarang", "3216061203850002", "13134", "32.16.06", "9120001234502"),
    ("Dodol Betawi Mang Udin", "3216071508780003", "10739", "32.16.07", None),
    ("Kopi Bojongmangu", "3216235201920004", "10761", "32.16.23", "9120001234504"),
    ("Anyaman Bambu Sukatani", "3216092011800005", "16292", "32.16.09", None),
]


def seed_demo(registration_url: str, reporting_url: str, timeout: float = 30.0) -> int:
    """Register the demo SMEs (a re-run changes nothing) and wait until reporting shows them."""
    ids = []
    for name, nik, kbli, kecamatan, nib in DEMO_SMES:
        body = {
            "business_name": name,
            "owner_nik": nik,
            "kbli": kbli,
            "kabupaten_code": "32.16",
            "kecamatan_code": kecamatan,
            "nib": nib,
        }
        resp = httpx.post(
            f"{registration_url}/smes",
            json=body,
            headers={"Idempotency-Key": f"demo-{nik}"},
            timeout=10,
        )
        if resp.status_code not in (200, 201, 409):
            raise RuntimeError(f"demo registration failed: {resp.status_code} {resp.text}")
        ids.append(resp.json()["sme_id"])
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if all(httpx.get(f"{reporting_url}/smes/{i}", timeout=5).status_code == 200 for i in ids):
            return len(ids)
        time.sleep(0.5)
    raise RuntimeError("demo SMEs did not reach the reporting read model in time")
