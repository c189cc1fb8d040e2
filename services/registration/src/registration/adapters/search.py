"""Searching the register: the API's filters and the indexes that serve them."""

import re
from dataclasses import dataclass

from pymongo import ASCENDING, IndexModel

from registration.adapters.documents import Doc

# One index per API filter; kecamatan on its own too, since its codes are asked for alone.
SEARCH_INDEXES = [
    IndexModel([("kabupaten_code", ASCENDING), ("kecamatan_code", ASCENDING)]),
    IndexModel([("kecamatan_code", ASCENDING)]),
    IndexModel([("scale_class", ASCENDING)]),
    IndexModel([("kbli", ASCENDING)]),
    IndexModel([("status", ASCENDING)]),
    IndexModel([("search_name", ASCENDING)]),  # a substring regex scans keys, not documents
    IndexModel([("registered_at", ASCENDING), ("_id", ASCENDING)]),  # the result order
]
ORDER = [("registered_at", ASCENDING), ("_id", ASCENDING)]


@dataclass(frozen=True)
class SmeFilter:
    """Search criteria; None means any."""

    kabupaten_code: str | None = None
    kecamatan_code: str | None = None
    scale_class: str | None = None
    kbli: str | None = None
    status: str | None = None
    text: str | None = None
    sme_ids: list[str] | None = None  # e.g. a cohort's members
    region: str | None = None
    """The caller's region (`umkm_shared.auth.region_filter`): its code and every code under it."""

    def query(self) -> Doc:
        """The MongoDB filter."""
        query: Doc = {
            name: value
            for name in ("kabupaten_code", "kecamatan_code", "scale_class", "kbli", "status")
            if (value := getattr(self, name)) is not None
        }
        if self.text:
            query["search_name"] = {"$regex": re.escape(self.text.lower())}
        if self.sme_ids is not None:
            query["_id"] = {"$in": self.sme_ids}
        if self.region is not None:
            # Besides a kabupaten filter (both hold): `32.16` itself, or `32` and every code in it.
            within = {"$regex": f"^{re.escape(self.region)}(\\.|$)"}
            query["$and"] = [{"kabupaten_code": within}]
        return query
