"""The SME as a MongoDB document and back. The NIK is only ever stored as ciphertext."""

import hashlib
from dataclasses import fields
from datetime import date
from typing import Any

from registration.adapters.nik_vault import NikVault
from registration.domain.sme import Sme
from registration.domain.values import Contacts, Financials, Licences, Scale
from umkm_shared.programme_time import programme_day

Doc = dict[str, Any]


def owner_business_key(nik_pseudonym: str, business_name: str) -> str:
    """Natural key without a NIB: one business of this name per owner."""
    normalised = " ".join(business_name.lower().split())
    return hashlib.sha256(f"{nik_pseudonym}|{normalised}".encode()).hexdigest()


def _flat(value: Licences | Contacts | Financials | Scale) -> Doc:
    """The fields of a flat value object (dataclasses.asdict deep-copies: slow in bulk)."""
    return {f.name: getattr(value, f.name) for f in fields(value)}


def _dated(value: Financials | Scale | None) -> Doc | None:
    if value is None:
        return None
    doc = _flat(value)
    doc["as_of"] = value.as_of.isoformat()  # BSON has no plain date
    return doc


def to_document(sme: Sme, vault: NikVault) -> Doc:
    """All fields the repository stores (`_id`, `nib` and the outbox are added by it)."""
    return {
        "business_name": sme.business_name,
        "search_name": sme.business_name.lower(),
        "kbli": sme.kbli,
        "kabupaten_code": sme.kabupaten_code,
        "kecamatan_code": sme.kecamatan_code,
        "desa_code": sme.desa_code,
        "owner_nik_encrypted": vault.seal(sme.owner_nik),
        "nik_pseudonym": sme.nik_pseudonym,
        "nik_masked": sme.nik_masked,
        "owner_business_key": owner_business_key(sme.nik_pseudonym, sme.business_name),
        "registered_at": sme.registered_at,
        "joined_on": sme.joined_on.isoformat(),
        "licences": _flat(sme.licences),
        "contacts": _flat(sme.contacts) if sme.contacts else None,
        "financials": _dated(sme.financials),
        "scale": _dated(sme.scale),
        "scale_class": sme.scale.scale_class if sme.scale else None,
        "consents": sorted(sme.consents),
        "status": "withdrawn" if sme.withdrawn else "active",
        "version": sme.version,
    }


def _undated(doc: Doc | None) -> Doc | None:
    return None if doc is None else {**doc, "as_of": date.fromisoformat(doc["as_of"])}


def joined_on(doc: Doc) -> date:
    """When the SME joined the programme; for SMEs stored before it was kept, the day it was
    registered in Asia/Jakarta (as SMERegistered says of events without `joined_on`)."""
    stored = doc.get("joined_on")
    return date.fromisoformat(stored) if stored else programme_day(doc["registered_at"])


def from_document(doc: Doc, vault: NikVault) -> Sme:
    """The aggregate back from its stored form."""
    financials, scale = _undated(doc.get("financials")), _undated(doc.get("scale"))
    return Sme(
        sme_id=doc["_id"],
        business_name=doc["business_name"],
        kbli=doc["kbli"],
        kabupaten_code=doc["kabupaten_code"],
        kecamatan_code=doc["kecamatan_code"],
        desa_code=doc.get("desa_code"),
        owner_nik=vault.open(doc["owner_nik_encrypted"]),
        nik_pseudonym=doc["nik_pseudonym"],
        nik_masked=doc["nik_masked"],
        registered_at=doc["registered_at"],
        joined_on=joined_on(doc),
        licences=Licences(**doc.get("licences", {})),
        contacts=Contacts(**doc["contacts"]) if doc.get("contacts") else None,
        financials=Financials(**financials) if financials else None,
        scale=Scale(**scale) if scale else None,
        consents=frozenset(doc.get("consents", [])),
        withdrawn=doc.get("status") == "withdrawn",
        version=doc["version"],
    )
