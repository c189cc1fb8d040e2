"""The registration section of an SME document, folded from the registration topic."""

from typing import Any

from pydantic import BaseModel

from reporting.domain.values import Doc, iso_time, wib_day
from umkm_shared.contracts.registration import (
    FinancialFigures,
    SMEConsentChanged,
    SMEProfileUpdated,
    SMERegistered,
    SMEScaleChanged,
    SMEWithdrawn,
)
from umkm_shared.programme_time import WIB


def _figures(fin: FinancialFigures | None) -> Doc | None:
    if fin is None:
        return None
    return {
        "business_capital": fin.business_capital,
        "annual_sales": fin.annual_sales,
        "employees": fin.employees,
        "as_of": fin.as_of.isoformat(),
    }


def _registered(data: SMERegistered, at: str) -> Doc:
    history: list[Doc] = []
    if data.scale_class is not None:
        fin = data.financials
        history.append(
            {
                "from_class": None,
                "to_class": data.scale_class,
                "business_capital": fin.business_capital if fin else None,
                "annual_sales": fin.annual_sales if fin else None,
                "figures_as_of": fin.as_of.isoformat() if fin else None,
                "rule_version": data.scale_rule_version,
                "source": "registered",
                "at": at,
            }
        )
    # Contacts are deliberately not copied: reports do not need them (UU 27/2022 purpose).
    return {
        "business_name": data.business_name,
        "nib": data.nib,
        "kbli": data.kbli,
        "kabupaten_code": data.kabupaten_code,
        "kecamatan_code": data.kecamatan_code,
        "desa_code": data.desa_code,
        "nik_masked": data.owner.nik_masked,
        "registered_at": iso_time(data.registered_at),
        "registered_on": wib_day(data.registered_at),
        # Programme time: the day it joined; older events name none (then the WIB day).
        "joined_on": (data.joined_on or data.registered_at.astimezone(WIB).date()).isoformat(),
        "status": "active",
        "withdrawn_on": None,
        "withdrawal_reason": None,
        "financials": _figures(data.financials),
        "licences": {"nib": data.nib, "halal_certificate": None, "pirt": None, "bpom": None},
        "scale_class": data.scale_class,
        "scale_rule_version": data.scale_rule_version,
        "scale_history": history,
        "consents": {},
    }


def _profile_updated(reg: Doc, data: SMEProfileUpdated) -> Doc:
    if data.business_name is not None:
        reg["business_name"] = data.business_name
    if data.kbli is not None:
        reg["kbli"] = data.kbli
    if data.financials is not None:
        reg["financials"] = _figures(data.financials)
    if data.licences is not None:
        reg["licences"] = data.licences.model_dump(mode="json")
        reg["nib"] = data.licences.nib
    if data.scale_class is not None:
        reg["scale_class"] = data.scale_class
        reg["scale_rule_version"] = data.scale_rule_version
    return reg


def _scale_changed(reg: Doc, data: SMEScaleChanged, at: str) -> Doc:
    reg["scale_history"] = [
        *reg["scale_history"],
        {
            "from_class": data.from_class,
            "to_class": data.to_class,
            "business_capital": data.business_capital,
            "annual_sales": data.annual_sales,
            "figures_as_of": data.figures_as_of.isoformat(),
            "rule_version": data.rule_version,
            "source": "scale_changed",
            "at": at,
        },
    ]
    reg["scale_class"] = data.to_class
    reg["scale_rule_version"] = data.rule_version
    return reg


def fold_registration(section: Doc | None, data: BaseModel, at: str = "") -> Doc | None:
    """The section after one registration event processed `at` (None: not registered yet)."""
    if isinstance(data, SMERegistered):
        return _registered(data, at)
    if section is None:
        return None  # a later event without its registration: nothing to attach it to
    reg: dict[str, Any] = dict(section)
    if isinstance(data, SMEProfileUpdated):
        return _profile_updated(reg, data)
    if isinstance(data, SMEScaleChanged):
        return _scale_changed(reg, data, at)
    if isinstance(data, SMEConsentChanged):
        reg["consents"] = {**reg["consents"], data.purpose: data.granted}
    elif isinstance(data, SMEWithdrawn):
        reg["status"] = "withdrawn"
        reg["withdrawn_on"] = wib_day(data.withdrawn_at)
        reg["withdrawal_reason"] = data.reason
    return reg
