"""Screening rules of the twenty-first round in Norwegian Bokmål, from u19's nb misses.

u19 was folded into the development corpus and the nb items that neither the rules nor the
model caught were read for this round. The nb lexicon gained the phrases marked "r21: from
u19's misses": a child's disclosures (thoughts of dying, hurting oneself, a parent's blows or
neglect, what an adult did), what a child tells of someone being used by others (the new
exploitation concept) and an adult's grooming moves (secrecy, gifts, meetings, moving to
another app, camera and photo requests, flattery, questions about the home). Each phrase was
checked against the ordinary development letters before it went in, and the everyday senses
of their words ("jeg tok på meg jakka", "vi hadde ikke strøm i hele natt", "slo hodet i
skapet") must stay quiet.

Each case is screened by the rules alone; the sentences are our own.
"""

import pytest

from tests.letters.screening_checks import urgent_concepts


@pytest.mark.parametrize("author, concept, text", [
    ("mentee", "suicidal", "Det spiller liksom ingen rolle hva som skjer med meg lenger."),
    ("mentee", "suicidal", "Jeg tror ikke jeg lever lenge nok til å se neste sommer."),
    ("mentee", "self_harm", "Når det blir for mye napper jeg ut håret mitt i klumper."),
    ("mentee", "abuse", "Når han blir sint kaster han meg i dammen bak huset."),
    ("mentee", "abuse", "Mamma drar meg i håret når jeg glemmer oppvasken."),
    ("mentee", "neglect", "Det er bare en liten elektrisk ovn hjemme og vinduene er is på innsiden."),
    ("mentee", "sexual", "Barnevakten tar på meg når de voksne har lagt seg."),
    ("mentee", "exploitation", "Kusina mi bor hos en mann på 29 som ikke lar henne ringe hjem."),
    ("mentee", "exploitation", "En fyr på nettet har sendt meg oppskrifter på sprengstoff."),
    ("mentor", "grooming.secrecy", "Når du har lest dette, riv i stykker brevet og kast det."),
    ("mentor", "grooming.platform", "Fortell meg resten på Discord, der kan vi skrive fritt."),
    ("mentor", "grooming.photo", "Slå på kameraet i kveld, da er det mer koselig."),
    ("mentor", "grooming.meeting", "Kom til hytta mi neste helg, det blir bare meg der."),
])
def test_round21_nb_phrase_is_found(author, concept, text):
    assert concept in urgent_concepts(text, "nb", author)


@pytest.mark.parametrize("author, text", [
    ("mentee", "Jeg tok på meg jakka og skjerfet før jeg gikk til bussen."),
    ("mentee", "Vi hadde ikke strøm i hele natt på grunn av stormen, det var skummelt men gøy."),
    ("mentee", "Jeg slo hodet i skapet da jeg skulle hente en bolle, au!"),
    ("mentee", "Jeg har knyttet meg veldig til hesten på stallen."),
    ("mentee", "Jeg låste meg ute i går og måtte vente på naboen."),
    ("mentor", "Du har blitt så stor siden vi begynte å skrive, så fint å se."),
    ("mentor", "Jeg var på hytta mi i helgen og plukket blåbær med barnebarna."),
])
def test_round21_nb_everyday_sentence_stays_quiet(author, text):
    assert urgent_concepts(text, "nb", author) == set()
