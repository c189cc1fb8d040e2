"""The labels of every closed vocabulary, for the dashboard and any other client."""

from fastapi import APIRouter

from umkm_shared.contracts.labels import LABELS

router = APIRouter()


@router.get("/labels")
async def labels() -> dict[str, dict[str, dict[str, str]]]:
    """Every closed vocabulary's values with their labels: vocabulary → value → {"id", "en"}.

    Open like the dashboard's config: the words of the contracts, no data.
    """
    return LABELS
