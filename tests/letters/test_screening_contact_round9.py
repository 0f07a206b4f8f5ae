"""Contact details in the shapes the u7 letters showed, in all four languages, beside near misses.

u7 (1,680 letters by seven writers who had not read the detector) was measured twice as the
unseen split and then folded into the development corpus. Its home addresses were the weakest
contact kind (25 of 56 covered) and pulled the whole development split under the floor of 0.85;
its ordinary letters raised contact alarms on venues, booking codes and apps named in passing.
Each class fixed in the ninth round has cases here in our own words (never the corpus letters),
each beside a near miss that must stay quiet:

* a home told by where it stands: after the writer's "we live" (`home_cues`), a definite dwelling
  ("the yellow house", "det røde rækkehus", "la maison jaune") or a relation ("above the
  bakery") and enough to find the door in the sentence (a street, a shop, a town, a number, a
  floor or door: `_locators`); the whole description is the address, as redaction must hide it;
* the description that goes on after an address (", the blue door opposite the chemist", ", le
  code c'est …"): the address is widened to the end of its sentence;
* a capitalised name and a number before a postcode and town are the street, whatever the name
  ends in ("Skovbrynet 8, 5260 Odense S"), and a Danish district of two letters ("Odense SV");
* the town's postcode after it ("i vejle 7100"), a French floor without "étage" ("au 2ème"), a
  floor as a word ("andre etasje"), "porte de gauche", a "lieu-dit" before the road, and an
  estate with its town before its building;
* venues: a named place right before the address after a comma ("we went to Kelvin Hall, …"), a
  public event in the sentence ("author visit", "forfatterbesøk", "atelier d'écriture"), and
  opening hours that "the address is" no longer outweighs (only "I live", "my address" do);
* a booking code is not a British postcode (only the real postcode areas are), and "3 BD à 2 €"
  are comics, not a boulevard.
"""

import pytest

from tests.letters.test_screening_contact_forms import ADDRESS, assert_covered, findings


def _addresses(text: str, language: str, region: str | None = None) -> list[str]:
    return [covered for kind, covered in findings(text, language, region) if kind == ADDRESS]


# ------------------------------------------------------------------ a home told by where it stands

DESCRIBED_HOME_CASES = [
    ("en", "GB", "If you're ever passing, we live in the green house at the top of Mill Brow in Kendal, "
                 "the one with the swing. Mum says hi.",
     "the green house at the top of Mill Brow in Kendal, the one with the swing"),
    ("en", "US", "we live above my grandpa's bakery, Rosa's on Fifth Street, the side door, apartment 2. come by",
     "above my grandpa's bakery, Rosa's on Fifth Street, the side door, apartment 2"),
    ("da", "DK", "vi bor i det hvide hus lige bag Brugsen på Kirkebakken i Hammel, det med flagstangen.",
     "det hvide hus lige bag Brugsen på Kirkebakken i Hammel, det med flagstangen"),
    ("da", "DK", "Jeg bor i den grå blok ved siden af skolen i Gellerup, 4. sal, der står Ali på døren.",
     "den grå blok ved siden af skolen i Gellerup, 4. sal, der står Ali på døren"),
    ("nb", "NO", "nå bor vi i det røde huset overfor Coop Extra på Nesbyen, nummer 7. kom gjerne",
     "det røde huset overfor Coop Extra på Nesbyen, nummer 7"),
    ("nb", "NO", "Vi bor i den blå blokka rett bak kirka i Grorud, 2. etasje, det står Ahmed på døra.",
     "den blå blokka rett bak kirka i Grorud, 2. etasje, det står Ahmed på døra"),
    ("fr", "FR", "on habite la maison blanche au bout de l'impasse des Cerisiers à Quimper, celle avec le portail vert.",
     "la maison blanche au bout de l'impasse des Cerisiers à Quimper, celle avec le portail vert"),
    ("fr", "FR", "J'habite au-dessus de la pharmacie de la place du Marché à Dole, porte bleue, 1er étage.",
     "au-dessus de la pharmacie de la place du Marché à Dole, porte bleue, 1er étage"),
]


@pytest.mark.parametrize(("language", "region", "text", "fragment"), DESCRIBED_HOME_CASES)
def test_a_home_told_by_where_it_stands_is_an_address(language, region, text, fragment):
    assert_covered(text, language, ADDRESS, fragment, region)


NOT_A_DESCRIBED_HOME_CASES = [
    # No "we live": a house in a story or a walk.
    ("en", "GB", "In the book they find the green house at the top of Mill Brow in Kendal, the one with the swing."),
    # Someone else's caravan, and numbers that are days.
    ("en", "GB", "We're in my aunt's caravan in Cornwall for 9 days and it rained on 6 of them."),
    # Any house, said with an indefinite article.
    ("da", "DK", "Vi bor i et hvidt hus i Hammel, og jeg har mit eget værelse nu."),
    # A dwelling with one locator is not enough to find the door.
    ("nb", "NO", "Vi bor i det gule huset i Bergen, og jeg har fått eget rom."),
    ("fr", "FR", "On habite la maison de ma grand-mère depuis l'été, c'est plus grand."),
]


@pytest.mark.parametrize(("language", "region", "text"), NOT_A_DESCRIBED_HOME_CASES)
def test_a_house_without_the_way_to_its_door_stays_quiet(language, region, text):
    assert _addresses(text, language, region) == []


# ------------------------------------------------------------------ the description after an address

DESCRIPTION_AFTER_CASES = [
    ("en", "GB", "i live at 14 Wren Road, the red door next to the chemist in Hove, so come by",
     "14 Wren Road, the red door next to the chemist in Hove"),
    ("da", "DK", "min adresse er Lindevej 6, det blå hus lige overfor bageren. Hilsen",
     "Lindevej 6, det blå hus lige overfor bageren"),
    ("nb", "NO", "Adressen min er Furuveien 3 i Moss, i det grønne huset rett ved butikken. Ha det",
     "Furuveien 3 i Moss, i det grønne huset rett ved butikken"),
    ("fr", "FR", "C'est au 9 rue des Acacias, 44000 Nantes, 3e étage, le code c'est 19B4. Bisous",
     "9 rue des Acacias, 44000 Nantes, 3e étage, le code c'est 19B4"),
    ("fr", "FR", "J'habite 5 rue Pasteur à Albi, l'immeuble au-dessus du fleuriste, 2e étage. Bises",
     "5 rue Pasteur à Albi, l'immeuble au-dessus du fleuriste, 2e étage"),
]


@pytest.mark.parametrize(("language", "region", "text", "fragment"), DESCRIPTION_AFTER_CASES)
def test_the_description_after_an_address_is_part_of_it(language, region, text, fragment):
    assert_covered(text, language, ADDRESS, fragment, region)


@pytest.mark.parametrize(("language", "region", "text"), [
    ("en", "GB", "The red door next to the chemist in Hove is where the story starts."),
    ("da", "DK", "Det blå hus lige overfor bageren er med i bogen."),
    ("nb", "NO", "Det grønne huset rett ved butikken er i kapittel 3."),
    ("fr", "FR", "L'immeuble au-dessus du fleuriste, dans le livre, brûle au chapitre 4."),
])
def test_a_description_alone_without_an_address_or_a_home_cue_stays_quiet(language, region, text):
    assert _addresses(text, language, region) == []


# ------------------------------------------------------------------ a street of any name before its postcode

STREET_BEFORE_POSTCODE_CASES = [
    ("en", "DK", "Our new address is Engtoften 12, 8260 Viby J, come for cake!", "Engtoften 12, 8260 Viby J"),
    ("da", "DK", "Kom til fest på lørdag, Skovkanten 5, 5260 Odense S.", "Skovkanten 5, 5260 Odense S"),
    ("da", "DK", "Adressen er Fasanhaven 19, 2. tv, 5250 Odense SV.", "Fasanhaven 19, 2. tv, 5250 Odense SV"),
    ("nb", "NO", "Vi har flyttet til Løvåsberget 4, 1475 Finstadjordet!", "Løvåsberget 4, 1475 Finstadjordet"),
    ("fr", "NO", "On a déménagé en Norvège : Granlia 8, 0680 Oslo.", "Granlia 8, 0680 Oslo"),
]


@pytest.mark.parametrize(("language", "region", "text", "fragment"), STREET_BEFORE_POSTCODE_CASES)
def test_a_name_and_a_number_before_a_postcode_are_its_street(language, region, text, fragment):
    assert_covered(text, language, ADDRESS, fragment, region)


@pytest.mark.parametrize(("language", "region", "text"), [
    ("en", "DK", "We read Harry Potter 3, 2013 was the year I started."),
    ("da", "DK", "Jeg fik Lego 4 og 1000 brikker."),
    ("nb", "NO", "Vi vant Cupen 2, 2000 folk så på."),
    ("fr", "FR", "J'ai lu Astérix 12, 2002 pages en tout cet été."),
])
def test_a_title_and_a_year_are_not_a_street_and_postcode(language, region, text):
    assert _addresses(text, language, region) == []


# ------------------------------------------------------------------ the details around a street

DETAIL_CASES = [
    ("en", "GB", "We moved! 12 Larch Way, Hexham NE46 3QP, second floor, so come and see.",
     "12 Larch Way, Hexham NE46 3QP, second floor"),
    ("da", "DK", "send bogen til mosevej 4 1. th i silkeborg 8600 tak", "mosevej 4 1. th i silkeborg 8600"),
    ("nb", "NO", "Vi bor i Kirkegata 22, andre etasje over frisøren, i Larvik.",
     "Kirkegata 22, andre etasje over frisøren, i Larvik"),
    ("fr", "FR", "j'habite 3 rue des Pins à Dax, au 2ème, porte de gauche", "3 rue des Pins à Dax, au 2ème, porte de gauche"),
    ("fr", "FR", "Écris-moi au lieu-dit Les Landes, chemin du Lac, 40200 Mimizan.",
     "lieu-dit Les Landes, chemin du Lac, 40200 Mimizan"),
    ("fr", "FR", "Envoie-le à : résidence du Parc à Bron, bâtiment F, 4e étage.",
     "résidence du Parc à Bron, bâtiment F, 4e étage"),
]


@pytest.mark.parametrize(("language", "region", "text", "fragment"), DETAIL_CASES)
def test_the_floors_towns_and_postcodes_around_a_street_belong_to_it(language, region, text, fragment):
    assert_covered(text, language, ADDRESS, fragment, region)


# ------------------------------------------------------------------ venues

VENUE_CASES = [
    ("en", "GB", "On Sunday we went to Kelvin Hall, 1445 Argyle Street, Glasgow G3 8AW, and saw the whales."),
    ("en", "GB", "The library holds an author visit on 4 May from 5 to 6 pm at Bridge House, 12 Quay Street, "
                 "Truro TR1 2HE; your coordinator can sign you up."),
    ("da", "DK", "I søndags var vi i Kulturhuset Kasernen, Nørrebrogade 20, 8000 Aarhus C, og så en film."),
    ("da", "DK", "Byens bibliotek holder forfattermøde torsdag kl. 16-17 i Salen, Torvet 3, 7100 Vejle."),
    ("nb", "NO", "Vi var på Teknisk museum, Kjelsåsveien 143, 0491 Oslo, hele lørdagen."),
    ("nb", "NO", "Det er forfatterbesøk for ungdom tirsdag kl. 18 på Torggata 1, 0181 Oslo, ta med klassen."),
    ("nb", "NO", "Jeg var på Bjørnholt bibliotek i helgen. Adressen er Olaf Helsets vei 4, 0694 Oslo. "
                 "De har åpent 10-19 på hverdager."),
    ("fr", "FR", "Mercredi on est allés à la Cité des jeux, 4 rue du Port, 17000 La Rochelle, c'était génial."),
    ("fr", "FR", "La médiathèque du quartier organise un atelier d'écriture pour les collégiens le samedi de 10 h "
                 "à 12 h, au 8 rue Balzac, 37000 Tours."),
]


@pytest.mark.parametrize(("language", "region", "text"), VENUE_CASES)
def test_a_venue_or_an_event_keeps_its_address_quiet(language, region, text):
    assert _addresses(text, language, region) == []


HOME_NEAR_A_VENUE_CASES = [
    ("en", "GB", "I live at 6 Kelvin Drive, Glasgow G20 8QQ, next to the Kelvin Hall."),
    ("da", "DK", "Jeg bor på Nørrebrogade 22, 8000 Aarhus C, lige ved Kulturhuset."),
    ("nb", "NO", "Min adresse er Kjelsåsveien 150, 0491 Oslo. Butikken under oss har åpent 8-22."),
    ("fr", "FR", "J'habite au 6 rue du Port, 17000 La Rochelle, à côté de la Cité des jeux."),
]


@pytest.mark.parametrize(("language", "region", "text"), HOME_NEAR_A_VENUE_CASES)
def test_a_home_near_a_venue_stays_held(language, region, text):
    assert _addresses(text, language, region) != []


# ------------------------------------------------------------------ codes and comics

@pytest.mark.parametrize(("language", "region", "text"), [
    ("en", "GB", "Our flight is on Friday, booking ref QX72TN, from Bristol at 07:10."),
    ("da", "GB", "Billetten til London har koden JV38KP, og vi flyver kl. 9."),
    ("nb", "GB", "Hotellet i Leeds ga oss koden ZX41RW for bagasjen."),
    ("fr", "FR", "J'ai vendu 4 BD à 3 € et 2 romans à 1 €."),
])
def test_a_booking_code_and_comics_are_not_addresses(language, region, text):
    assert _addresses(text, language, region) == []


@pytest.mark.parametrize(("language", "region", "text", "fragment"), [
    ("en", "GB", "Send it to 4 Dale View, Keswick CA12 5DD please", "CA12 5DD"),
    ("da", "GB", "Min onkel bor på 9 Park Lane, Hull HU5 2TT.", "HU5 2TT"),
    ("nb", "GB", "Skriv til meg på 2 Mill Road, Ely CB7 4NN.", "CB7 4NN"),
    ("fr", "FR", "Écris-moi au 12 bd Voltaire, 75011 Paris.", "12 bd Voltaire, 75011 Paris"),
])
def test_real_postcodes_and_boulevards_stay_held(language, region, text, fragment):
    assert_covered(text, language, ADDRESS, fragment, region)


# ------------------------------------------------------------------ apps named in passing

from tests.letters.test_screening_contact_forms import SOCIAL, URL  # noqa: E402


def _kinds(text: str, language: str, region: str | None = None) -> list[str]:
    return [kind for kind, _ in findings(text, language, region)]


APP_IN_PASSING_CASES = [
    # "over" a platform after anything but a verb of talking.
    ("en", "My best friend fell out with me over snap and now the whole class knows."),
    ("da", "Min kæreste droppede mig over insta i går, så nu er jeg single."),
    ("nb", "Han gjorde det slutt med meg over snap, så flaut."),
    # A group chat for homework, said after the platform.
    ("en", "We set up a group chat on whatsapp for our science project and nobody answers."),
    ("nb", "Vi har en gruppe-chat på Messenger for prosjektet i naturfag, men ingen skriver noe."),
    ("da", "Vi lavede en gruppe-chat på snap til projektet i dansk."),
    ("fr", "On a fait un groupe sur whatsapp pour l'exposé d'histoire et personne ne répond."),
    # Words and a number after a game or a user-name word that are a sentence, not a name.
    ("en", "My roblox island is on day 140 and my cat has 3 lives left."),
    ("da", "Min minecraft verden er på dag 98 nu, og jeg er ikke død endnu."),
    ("nb", "Gamertaggen min har tallene 1204 fordi det er bursdagen min."),
    ("fr", "On l'a cherché pendant 15 minutes dans le métro."),
    # A word that starts like an add-me cue.
    ("nb", "Søknadsfristen er 1. mars, så jeg må skynde meg."),
    ("da", "Søgemaskinen er 10 gange bedre nu."),
]


@pytest.mark.parametrize(("language", "text"), APP_IN_PASSING_CASES)
def test_an_app_or_a_name_word_in_passing_is_no_handle(language, text):
    assert SOCIAL not in _kinds(text, language)


OFFER_NEAR_MISS_CASES = [
    ("en", "text me over snap later, I'm lily_b2012", "text me over snap"),
    ("da", "skriv til mig på snap, jeg hedder freja.k11", "skriv til mig på snap"),
    ("nb", "vi kan chatte på Snapchat, brukernavn: ola_fotball7", "chatte på Snapchat"),
    ("fr", "ajoute-moi sur insta, mon pseudo c'est lea_dessine08", "ajoute-moi sur insta"),
    ("en", "can we chat on whatsapp instead?", "chat on whatsapp"),
]


@pytest.mark.parametrize(("language", "text", "fragment"), OFFER_NEAR_MISS_CASES)
def test_an_offer_to_talk_on_an_app_is_still_held(language, text, fragment):
    assert_covered(text, language, SOCIAL, fragment)


@pytest.mark.parametrize(("language", "text"), [
    ("en", "We looked the word up on dictionary.com in class."),
    ("da", "Vi bruger ordnet.dk til at slå ord op i dansk."),
    ("nb", "På ung.no kan man spørre om alt, helt anonymt."),
    ("fr", "J'ai cherché le mot sur larousse.fr pour mon exposé."),
])
def test_a_reference_or_help_site_is_no_contact(language, text):
    assert URL not in _kinds(text, language)


@pytest.mark.parametrize(("language", "text", "fragment"), [
    ("en", "my blog is lilydraws.co.uk, have a look", "lilydraws.co.uk"),
    ("da", "Min side hedder fodboldfreja.dk", "fodboldfreja.dk"),
    ("nb", "bloggen min er bokormen.no", "bokormen.no"),
    ("fr", "mon blog c'est chatsdelea.fr", "chatsdelea.fr"),
])
def test_a_childs_own_site_is_still_held(language, text, fragment):
    assert_covered(text, language, URL, fragment)


@pytest.mark.parametrize(("language", "text", "fragment"), [
    ("en", "add me on roblox, I'm SkyPirateKing. see you there", "SkyPirateKing"),
    ("da", "på fortnite jeg hedder LynUlvenDK, skriv hvis du vil spille", "LynUlvenDK"),
    ("nb", "på roblox heter jeg IsbjornKongen, legg meg til", "IsbjornKongen"),
    ("fr", "sur fortnite je suis LoupDeFeu, ajoute-moi", "LoupDeFeu"),
])
def test_a_name_in_mixed_case_after_a_platform_is_a_handle(language, text, fragment):
    assert_covered(text, language, SOCIAL, fragment)


@pytest.mark.parametrize(("language", "text"), [
    ("en", "She left me over text on snap, so now I'm single."),
    ("da", "Han slog op på snap i går, så nu er jeg single."),
    ("nb", "Vi snakket på snap i går, og nå er jeg lettet."),
    ("fr", "On s'est parlé sur snap hier et maintenant je suis soulagée."),
])
def test_a_plain_word_that_ends_a_sentence_after_a_platform_is_no_handle(language, text):
    assert SOCIAL not in _kinds(text, language)


# ------------------------------------------------------------------ phone numbers in pieces

from tests.letters.test_screening_contact_forms import PHONE  # noqa: E402

LABELLED_PARTS_CASES = [
    ("en", "GB", "ok my number in bits. first part is 0791\n\nthe book was sad\n\nsecond part: 184\n\nlast bit is 2 3 5 6",
     ["0791", "184", "2 3 5 6"]),
    ("da", "DK", "mit nummer starter med 31\n\njeg er på kapitel 4\n\nså kommer 62\n\nog det slutter med 90 48", ["31", "62", "90 48"]),
    ("nb", "NO", "nummeret mitt starter på 93\n\nboka er fin\n\nså kommer 41\n\nog det slutter på 27 06", ["93", "41", "27 06"]),
    ("fr", "FR", "le début c'est 07 48\n\nj'ai fini le livre\n\nla suite c 21\n\net la fin c 66 30", ["07 48", "21", "66 30"]),
]


@pytest.mark.parametrize(("language", "region", "text", "parts"), LABELLED_PARTS_CASES)
def test_a_number_given_in_labelled_parts_across_a_letter(language, region, text, parts):
    for part in parts:
        assert_covered(text, language, PHONE, part, region)


@pytest.mark.parametrize(("language", "region", "text"), [
    ("en", "GB", "The first part of the book has 12 chapters and the second part has 14."),
    ("da", "DK", "Første del af bogen er 120 sider, og anden del er 98."),
    ("nb", "NO", "Første del av filmen var 45 minutter, og andre del var 50."),
    ("fr", "FR", "La première partie dure 45 minutes et la deuxième partie 30."),
])
def test_labelled_parts_of_a_book_are_not_a_number(language, region, text):
    assert PHONE not in _kinds(text, language, region)


JOINED_PARTS_CASES = [
    ("en", "US", "my cell starts with 415 then 620 and the last four are 3381", "415 then 620 and the last four are 3381"),
    ("en", "GB", "My number is oh seven seven zero zero, nine double oh, one two nought", "oh seven seven zero zero, nine double oh, one two nought"),
    ("da", "DK", "mit nummer starter med 28 og så 51, og de sidste fire er 7730", "28 og så 51, og de sidste fire er 7730"),
    ("nb", "NO", "nummeret mitt begynner på 4 og så 81 og så 22 og så 905", "4 og så 81 og så 22 og så 905"),
    ("nb", "NO", "ring meg på 915/33/802 hvis du vil", "915/33/802"),
    ("fr", "FR", "mon numéro c'est 07 puis 61 puis 28 puis 44 puis 90", "07 puis 61 puis 28 puis 44 puis 90"),
]


@pytest.mark.parametrize(("language", "region", "text", "fragment"), JOINED_PARTS_CASES)
def test_a_number_in_parts_with_counted_or_single_digit_parts(language, region, text, fragment):
    assert_covered(text, language, PHONE, fragment, region)


@pytest.mark.parametrize(("language", "region", "text"), [
    ("en", "GB", "We played 3 matches then 4 more and the last four were draws."),
    ("da", "DK", "Vi læste 3 kapitler og så 12 sider, og de sidste fire er kedelige."),
    ("nb", "NO", "Bursdagen er 14/07/2012 og vi blir 9 og så 12 på festen."),
    ("fr", "FR", "On a gagné 3 puis 2 puis 4 puis 1 cette saison."),
])
def test_counts_and_dates_in_parts_stay_quiet(language, region, text):
    assert PHONE not in _kinds(text, language, region)


@pytest.mark.parametrize(("language", "region", "text", "fragment"), [
    ("en", "US", "my cell starts 415 and the rest is 6o2 - 33 - 81", "415 and the rest is 6o2 - 33 - 81"),
    ("da", "DK", "mit nummer starter med 61 og resten er 4o-27-93", "61 og resten er 4o-27-93"),
    ("nb", "NO", "nummeret mitt er 472 og resten er 8o 1 66", "472 og resten er 8o 1 66"),
    ("nb", "NO", "ring meg på 41O/77/3l9 i kveld", "41O/77/3l9"),
    ("fr", "FR", "mon numéro c'est 06 et la suite c'est 2o 41 87 33", "06 et la suite c'est 2o 41 87 33"),
])
def test_letters_for_digits_in_the_rest_of_a_number(language, region, text, fragment):
    assert_covered(text, language, PHONE, fragment, region)


@pytest.mark.parametrize(("language", "region", "text"), [
    ("en", "GB", "The rest is 10 of us on the bus, and the rest of the class."),
    ("da", "DK", "Resten er 2o grader varmt og sol."),
    ("nb", "NO", "Resten er 1o km å gå, sier pappa."),
    ("fr", "FR", "La suite c'est 2o pages de plus."),
])
def test_the_rest_of_something_else_is_no_number(language, region, text):
    assert PHONE not in _kinds(text, language, region)


# ------------------------------------------------------------------ user names told how to write

SPELLED_NAME_CASES = [
    ("en", "I made a booktok!! it's called Page Turner Pip but all one word, no spaces.", "Page Turner Pip"),
    ("en", "my xbox gamertag is Sleepy Otter 31 (no spaces when you type it)", "Sleepy Otter 31"),
    ("en", "my insta is sky pilot 12 but with underscores instead of the spaces", "sky pilot 12 but with underscores instead of the spaces"),
    ("da", "jeg har lavet en booktok, den hedder emma elsker bøger men i ét ord uden mellemrum", "emma elsker bøger"),
    ("da", "mit roblox navn er Grøn Ninja Helt 4 (uden mellemrum)", "Grøn Ninja Helt 4"),
    ("nb", "jeg har en bokkanal på tiktok, den heter jonas leser mye men alt i ett ord", "jonas leser mye"),
    ("nb", "brukernavnet mitt på fortnite er Rask Rev Kongen (med mellomrom)", "Rask Rev Kongen"),
    ("fr", "j'ai créé un compte booktok, il s'appelle lina lit tout mais tout attaché sans espaces", "lina lit tout"),
    ("fr", "mon pseudo fortnite c'est Le Chat Noir 22 (avec les espaces)", "Le Chat Noir 22"),
]


@pytest.mark.parametrize(("language", "text", "fragment"), SPELLED_NAME_CASES)
def test_a_name_the_writer_says_how_to_write_is_a_handle(language, text, fragment):
    assert_covered(text, language, SOCIAL, fragment)


@pytest.mark.parametrize(("language", "text"), [
    # A spelling lesson, with no account or platform before it.
    ("en", "In spelling we learnt that 'into' is one word, no spaces, and 'a lot' is two."),
    ("da", "Læreren siger at fodboldbane er i ét ord uden mellemrum."),
    ("nb", "Vi lærte at fotballbane skrives i ett ord, uten mellomrom."),
    ("fr", "La maîtresse dit que « aujourd'hui » s'écrit sans espaces et avec l'apostrophe."),
])
def test_a_spelling_lesson_is_no_handle(language, text):
    assert SOCIAL not in _kinds(text, language)


SAME_NAME_CASES = [
    ("en", "add me on roblox, I'm Bolt_Runner7. my tiktok is the same but all lowercase.", "my tiktok is the same but all lowercase"),
    ("da", "på roblox hedder jeg Lyn_Drengen. min snap er det samme bare uden store bogstaver.", "min snap er det samme bare uden store bogstaver"),
    ("nb", "på fortnite er jeg Isfjell_22. snappen min er den samme men med små bokstaver.", "snappen min er den samme men med små bokstaver"),
    ("fr", "mon pseudo fortnite c'est Zorro_13. sur insta c'est le même mais sans le 13.", "sur insta c'est le même mais sans le 13"),
]


@pytest.mark.parametrize(("language", "text", "fragment"), SAME_NAME_CASES)
def test_a_handle_given_as_the_same_as_another_is_held(language, text, fragment):
    assert_covered(text, language, SOCIAL, fragment)


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Everyone at school says snap is the same as insta now."),
    ("da", "Min bror siger tiktok er det samme som youtube."),
    ("nb", "Pappa tror snap er det samme som messenger."),
    ("fr", "Ma mère pense que tiktok c'est pareil que youtube."),
])
def test_saying_two_apps_are_alike_is_no_handle(language, text):
    assert SOCIAL not in _kinds(text, language)


@pytest.mark.parametrize(("language", "text", "fragment"), [
    ("en", "my discord is maya k#2210 if you want", "maya k#2210"),
    ("da", "min discord er emil s#5531", "emil s#5531"),
    ("nb", "discorden min er ola b#7788", "ola b#7788"),
    ("fr", "mon discord c'est lou m#9012", "lou m#9012"),
])
def test_a_discord_tag_with_a_first_name_and_an_initial(language, text, fragment):
    assert_covered(text, language, SOCIAL, fragment)


# ------------------------------------------------------------------ player ids, "dc:" and spelled e-mails

from tests.letters.test_screening_contact_forms import EMAIL  # noqa: E402


@pytest.mark.parametrize(("language", "text", "fragment"), [
    ("en", "do you have a switch? my friend code is SW-1234-5678-9012", "SW-1234-5678-9012"),
    ("en", "if you play valorant my riot id is tealfox#EUW", "tealfox#EUW"),
    ("da", "spiller du genshin? mit uid er 803344129", "803344129"),
    ("nb", "riot id-en min er fjellrev#NOR, legg meg til", "fjellrev#NOR"),
    ("fr", "tu joues à genshin ? mon UID c'est 701234567", "701234567"),
    ("en", "find me on discord, dc: moonlit.fox.09", "moonlit.fox.09"),
])
def test_a_player_id_after_its_word_is_a_handle(language, text, fragment):
    assert_covered(text, language, SOCIAL, fragment)


@pytest.mark.parametrize(("language", "text"), [
    ("en", "The code on the box was 12345678 and it still didn't work."),
    ("da", "Koden til skabet er 40112233, sagde læreren."),
    ("nb", "Koden på billetten var 55667788."),
    ("fr", "Le code du colis c'est 12345678."),
])
def test_a_code_that_is_no_player_id_stays_quiet(language, text):
    assert SOCIAL not in _kinds(text, language)


@pytest.mark.parametrize(("language", "text", "fragment"), [
    ("en", "my aunt's email is ana dot silva 61 at sapo dot pt", "ana dot silva 61 at sapo dot pt"),
    ("da", "min mors mail er ola dot berg at onet dot pl", "ola dot berg at onet dot pl"),
    ("nb", "mammas e-post er rita dot hansen 70 at wp dot pl", "rita dot hansen 70 at wp dot pl"),
    ("fr", "l'adresse de ma tante c'est maria dot lopez at terra dot es", "maria dot lopez at terra dot es"),
])
def test_a_name_spelled_with_dots_at_any_domain_is_an_email(language, text, fragment):
    assert_covered(text, language, EMAIL, fragment)


@pytest.mark.parametrize(("language", "text"), [
    ("en", "There were 12 at swim club and 3 at the pool."),
    ("da", "Vi var 20 at se filmen."),
    ("nb", "Vi så 3 elger at the hytte, haha."),
    ("fr", "On était 12 at the cinema avec la classe."),
])
def test_counts_before_at_are_no_email(language, text):
    assert EMAIL not in _kinds(text, language)


@pytest.mark.parametrize(("language", "text", "fragment"), [
    ("en", "Do you have Snapchat? We could chat about the book so much faster than with letters. Mine is tom.k88, add me.", "tom.k88"),
    ("da", "Har du Snapchat? Så kan vi skrive meget hurtigere end med de her breve. Mit er ida.b09, bare tilføj mig.", "ida.b09"),
    ("nb", "Har du Snapchat? Da kan vi skrive mye fortere enn med disse brevene. Min er ola.h07, bare legg meg til.", "ola.h07"),
    ("fr", "Search « mia draws 12 » on TikTok, that's me.", "mia draws 12"),
    ("fr", "Cherche « lou danse 08 » sur TikTok, c'est moi.", "lou danse 08"),
])
def test_a_name_a_sentence_after_its_platform_or_in_quotation_marks(language, text, fragment):
    assert_covered(text, language, SOCIAL, fragment)


@pytest.mark.parametrize(("language", "text"), [
    ("en", "My sister saw it on Snapchat and laughed. Mine is version 2.0 of the game, hers is 3.1."),
    ("da", "Min bror så det på Snapchat i går. Mit er nummer 3.5 på listen over film."),
    ("nb", "Broren min så det på Snapchat. Min er bare versjon 2.0 av spillet."),
    ("fr", "Cherche « le petit prince » à la bibliothèque, c'est super."),
])
def test_a_version_number_or_a_book_title_is_no_handle(language, text):
    assert SOCIAL not in _kinds(text, language)


# ------------------------------------------------------------------ a thing's number

@pytest.mark.parametrize(("language", "region", "text"), [
    ("en", "GB", "Dad wrote down the frame number in case the bike gets stolen, it's 07 4412 8830 X."),
    ("da", "DK", "Far skrev stelnummeret ned hvis cyklen bliver stjålet, det er 40 1122 3344 A."),
    ("nb", "NO", "Pappa skrev ned rammenummeret i tilfelle sykkelen blir stjålet, det er 41 2233 4455 B."),
    ("fr", "FR", "Papa a noté le numéro de cadre au cas où on le vole, c'est 06 1122 3344 C."),
])
def test_a_number_named_as_a_things_earlier_in_the_sentence_is_no_phone(language, region, text):
    assert PHONE not in _kinds(text, language, region)


@pytest.mark.parametrize(("language", "region", "text", "fragment"), [
    ("en", "GB", "I lost the serial number of my bike, but my mobile is 07700 900 418.", "07700 900 418"),
    ("da", "DK", "Serienummeret er væk, men ring til mig på 40 11 22 33.", "40 11 22 33"),
    ("nb", "NO", "Serienummeret er borte, men ring meg på 41 22 33 44.", "41 22 33 44"),
    ("fr", "FR", "J'ai perdu le numéro de série, mais appelle-moi au 06 12 34 56 78.", "06 12 34 56 78"),
])
def test_a_phone_after_a_things_number_with_a_cue_between_is_held(language, region, text, fragment):
    assert_covered(text, language, PHONE, fragment, region)


@pytest.mark.parametrize(("language", "text", "fragment"), [
    ("en", "write to me at lucy green (at) gmail (dot) com (no spaces)", "lucy green (at) gmail (dot) com"),
    ("da", "skriv til mig på emma holm [snabel-a] gmail [punktum] com (uden mellemrum)", "emma holm [snabel-a] gmail [punktum] com"),
    ("nb", "skriv til meg på ida berg (krøll) gmail (punktum) com (uten mellomrom)", "ida berg (krøll) gmail (punktum) com"),
    ("fr", "écris-moi à lea martin (arobase) gmail (point) com (sans espaces)", "lea martin (arobase) gmail (point) com"),
])
def test_an_email_typed_with_spaces_is_held_from_its_first_word(language, text, fragment):
    assert_covered(text, language, EMAIL, fragment)
