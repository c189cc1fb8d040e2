"""Query API: the regency's compliance view of partnering with UMKM (Perbup 73/2020)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from reporting.adapters.queries import compliance
from reporting.adapters.queries.rows import KecamatanComplianceRow, PartnerComplianceRow
from reporting.adapters.queries.source import narrowed
from reporting.entrypoints.deps import GUARDED, ModelsDep, Reader
from umkm_shared.auth import region_filter
from umkm_shared.errors import RefusalError
from umkm_shared.regions import is_west_java_kabupaten
from umkm_shared.service import problems

router = APIRouter(prefix="/partnerships/compliance", responses=GUARDED)


def kabupaten_filter(
    kabupaten_code: Annotated[
        str | None,
        Query(
            pattern=r"^\d{2}\.\d{2}$",
            description="Only this kabupaten/kota (Kemendagri code, in the caller's region); "
            "all of the caller's region if absent.",
            examples=["32.16"],
        ),
    ] = None,
) -> str | None:
    """The kabupaten filter, refused unless it is one of West Java's 27 kabupaten/kota."""
    if kabupaten_code is not None and not is_west_java_kabupaten(kabupaten_code):
        raise RefusalError(
            "not_found",
            "Kabupaten/kota dengan kode ini tidak ada di Jawa Barat.",
            "No kabupaten/kota of West Java has this code.",
        )
    return kabupaten_code


KabupatenDep = Annotated[str | None, Depends(kabupaten_filter)]


@router.get("/partners", responses=problems.responses(404, 422))
async def get_partner_compliance(
    caller: Reader, models: ModelsDep, kabupaten_code: KabupatenDep
) -> list[PartnerComplianceRow]:
    """Per partner: active partnerships by pattern, UMKM partnered, products, sales to date."""
    region = narrowed(region_filter(caller), kabupaten_code)
    return await compliance.partner_compliance(models, region)


@router.get("/kecamatan", responses=problems.responses(404, 422))
async def get_kecamatan_compliance(
    caller: Reader, models: ModelsDep, kabupaten_code: KabupatenDep
) -> list[KecamatanComplianceRow]:
    """Per kecamatan of registration: UMKM with an active partnership."""
    region = narrowed(region_filter(caller), kabupaten_code)
    return await compliance.kecamatan_compliance(models, region)
