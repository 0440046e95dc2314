"""Who a message is about: the user, or someone the user helps (and how to speak about them)."""

import pytest

from actions import people


@pytest.mark.parametrize(
    ("text", "subject", "pronoun"),
    [
        ("ik krijg doodsbedreigingen via instagram", "self", "die persoon"),
        ("mijn adres is gedeeld in een telegramgroep", "self", "die persoon"),
        ("er staat sinds gisteren mn adres op een telegramgroep", "self", "die persoon"),
        ("ik word bedreigd omdat mijn vrouw raadslid is", "self", "zij"),
        (
            "Ik ben griffier. Een raadslid belde me net, ze wordt bedreigd via facebook.",
            "other",
            "zij",
        ),
        ("een collega van mij in de raad wordt bedreigd, ik wil hem helpen", "other", "hij"),
        (
            "Mijn fractiegenoot wordt gestalkt door een man, hij stuurt haar berichten",
            "other",
            "zij",
        ),
        (
            "vorige week werd een raadslid van onze fractie tot aan huis gevolgd",
            "other",
            "die persoon",
        ),
        ("Bedreiging online", None, "die persoon"),
        # an official about their family, targeted because of the office: about the user
        ("ik ben wethouder. mijn partner is net gebeld door iemand", "self", "die persoon"),
        ("Ik ben burgemeester en mijn dochter wordt op school lastiggevallen", "self", "zij"),
        ("ik ben raadslid, mijn collega wordt bedreigd", "other", "die persoon"),
    ],
)
def test_subject_and_pronoun_come_from_the_words(text, subject, pronoun):
    assert people.subject_in(text) == subject
    assert people.pronoun_in(text) == pronoun


def test_a_role_decides_when_the_words_do_not():
    assert people.subject_in("Griffier hier, wethouder Jansen belt", helper_role=True) == "other"
    assert (
        people.subject_in("Burgemeester hier. Een bezoekje aan de woning", official_role=True)
        == "self"
    )


def test_the_person_helped_gets_a_name_when_no_pronoun_fits():
    assert people.helped_name("Ik help een raadslid dat wordt lastiggevallen") == "het raadslid"
    assert people.helped_name("het adres van onze wethouder staat online") == "de wethouder"
    assert people.helped_name("mijn vriendin zit in de raad") == "je vriendin"
    assert people.helped_name("het gaat om iets anders") is None


def test_aggression_from_inside_the_council_is_recognised():
    assert people.from_inside("Een collega-raadslid intimideert mij steeds")
    assert people.from_inside("een wethouder schreeuwt steeds tegen me en dreigt")
    assert not people.from_inside("een collega van mij wordt bedreigd op facebook")
    assert not people.from_inside("mijn man is wethouder, hij wordt al dagen bedreigt")


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Ik ben wethouder en ik word bedreigd", "self"),
        ("ze bedreigen mij al weken", "self"),
        ("mijn vrouw wordt bedreigd", "other"),
        ("ik help iemand", "other"),
        ("ik ben griffier", None),  # a role alone says nothing outright
        ("om wie gaat het?", None),
    ],
)
def test_only_outright_words_say_who_it_is_about(text, said):
    assert people.said_subject(text) == said
