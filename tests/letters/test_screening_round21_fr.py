"""Screening rules of the twenty-first round in French, from u19's misses.

u19 was folded into the development corpus in this round; the items its letters disclosed that
neither the rules nor the model caught were read for phrases (marked "r21: from u19's misses"
in letters/screening/lexicon/fr.toml): a child's self-harm, suicidal plans, violence, neglect
and sexual abuse told in plain words, exploitation (a child made to sell or carry, a friend sold
or held, a forced marriage, a call to violence), and an adult's grooming moves (a phone number
to text, a camera left on, a cover story for the parents, a question about when the house is
empty). Every phrase was checked against the ordinary development letters: none of them raised
a new urgent alarm. Words that are close to everyday French ("je me suis planté" at an exam,
"dormir par terre" at a sleepover, "vendre" a bike, "on dirait que") were written narrowly.

Each case is screened by the rules alone, next to ordinary sentences that must stay quiet; the
sentences are our own.
"""

import pytest

from tests.letters.screening_checks import urgent_concepts


@pytest.mark.parametrize("author, concept, text", [
    ("mentee", "self_harm", "hier soir je me suis planté la pointe du compas dans la main"),
    ("mentee", "self_harm", "quand j'ai raté l'interro je me suis frappée au visage"),
    ("mentee", "suicidal", "franchement je veux plus vivre comme ça"),
    ("mentee", "suicidal", "j'ai pris toute une plaquette de somnifères d'un coup samedi"),
    ("mentee", "abuse", "mon beau-père m'a traînée par les cheveux dans le couloir"),
    ("mentee", "abuse", "ma mère m'a jeté du café brûlant dessus parce que j'étais en retard"),
    ("mentee", "neglect", "on vit dans un studio sans eau ni électricité depuis l'automne"),
    ("mentee", "neglect", "il y a des cafards dans la cuisine et personne ne lave le linge"),
    ("mentee", "sexual", "le gardien m'a touchée dans le vestiaire après la piscine"),
    ("mentee", "exploitation", "des grands du quartier veulent que je vende du shit devant le lycée"),
    ("mentor", "grooming.platform", "C'est plus simple par SMS, écris-moi au 06 11 22 33 44."),
    ("mentor", "grooming.photo", "Laisse ta caméra allumée quand tu fais tes devoirs ce soir."),
    ("mentor", "grooming.secrecy", "Si ta mère demande, dis que tu es chez ta copine Inès."),
    ("mentor", "grooming.personal_info", "Chez vous, la maison est vide à quelle heure le mercredi ?"),
])
def test_a_disclosure_or_move_in_plain_words_is_urgent(author, concept, text):
    assert concept in urgent_concepts(text, "fr", author)


@pytest.mark.parametrize("author, text", [
    ("mentee", "je me suis planté à l'exposé d'histoire, j'avais tout oublié"),
    ("mentee", "à la soirée pyjama on a dormi par terre dans le salon de Léa"),
    ("mentee", "mon oncle a vendu sa moto et il s'est acheté un vélo électrique"),
    ("mentor", "On dirait que tu as beaucoup progressé en anglais ce trimestre !"),
    ("mentor", "J'ai écrit la date du 06/07/2025 dans ton agenda, c'est le jour du spectacle."),
    ("mentee", "ma mère dit que c'est une honte de gaspiller le pain, alors on fait du pain perdu"),
])
def test_ordinary_words_near_the_new_phrases_stay_quiet(author, text):
    assert urgent_concepts(text, "fr", author) == set()
