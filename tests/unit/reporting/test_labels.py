"""Every value of every closed vocabulary has a label in Bahasa Indonesia and in English."""

from umkm_shared.contracts.labels import LABELS, VOCABULARIES, label
from umkm_shared.contracts.vocabularies import DIMENSIONS, MILESTONES, SESSION_TOPICS


def test_every_value_of_every_vocabulary_has_a_label_in_both_languages() -> None:
    assert set(LABELS) == set(VOCABULARIES)
    for vocabulary, values in VOCABULARIES.items():
        assert values, vocabulary
        assert set(LABELS[vocabulary]) == set(values), vocabulary
        for value in values:
            both = LABELS[vocabulary][value]
            assert set(both) == {"id", "en"}
            assert all(text.strip() for text in both.values()), (vocabulary, value)


def test_the_vocabularies_are_read_from_the_contracts() -> None:
    assert VOCABULARIES["dimension"] == DIMENSIONS
    assert "digital_onboarding" in DIMENSIONS
    assert VOCABULARIES["milestone"] == MILESTONES
    assert VOCABULARIES["session_topic"] == SESSION_TOPICS
    assert VOCABULARIES["consent_purpose"] == ("bank_jabar_mentoring_feed",)
    assert VOCABULARIES["session_mode"] == ("tatap_muka", "daring")
    assert VOCABULARIES["financing_source"] == ("kur", "bank_credit", "other")


def test_a_label_reads_in_either_language_and_an_unknown_value_reads_as_itself() -> None:
    assert label("session_topic", "keuangan_akses_pembiayaan") == "Keuangan dan akses pembiayaan"
    assert label("session_topic", "keuangan_akses_pembiayaan", "en") == (
        "Finance and access to financing"
    )
    assert label("session_topic", "baru") == "baru"
    assert label("scale_class", None) == ""
