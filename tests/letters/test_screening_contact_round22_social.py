"""Social handles and invitations in the shapes u19's letters showed (r22), in all four languages, and what stays quiet.

Each rule of the round has cases here in our own words (never the corpus letters):

* the writer's own account and a naming word, then a name of plain words up to the end of its
  clause ("my snapchat is rosie k bakes"), or of capitalised or marked words;
* an account without an owner that is the subject of its sentence and a calling word ("the
  channel is called …"), a pronoun or relative for an account named just before ("It's called …");
* an add-me cue and a place, then a name ("add me on roblox, CaptainWaffle");
* a find-me cue and "on <place> as" ("find me on insta as …"), and "as <name> on <place>";
* "my name on there is …";
* a place, then a word for "search" and the name ("follow me on tiktok, search …");
* a name spelled with one dot word, with an "@" word before it or a number after it, a dot word
  in brackets; letter by letter after "snap:"; a riddle's answer in the next sentence; two
  accounts given in one breath; "@ " and words ending in a number.

And what must stay quiet: platforms named in passing, an account introduced to be recommended
("a YouTube channel called …"), a title in quotation marks, a description after "my insta is".
"""

import pytest

from tests.letters.test_screening_contact_forms import assert_covered, findings

SOCIAL = "contact.social"

# ------------------------------------------------------------------ the writer's own account and a naming word

OWN_ACCOUNT_CASES = [
    ("en", "my snapchat is rosie k bakes, add me", "rosie k bakes"),
    ("en", "my pinterest is Tom B draws, i pin comics", "Tom B draws"),
    ("en", "My xbox gamertag is FrostyGoblin Max", "FrostyGoblin Max"),
    ("da", "min snapchat er lærke v heste, skriv til mig", "lærke v heste"),
    ("da", "mit gamertag på PS5: SkaterSvend", "SkaterSvend"),
    ("nb", "snapchatten min er oline k hester", "oline k hester"),
    ("nb", "xboxen min er Fjellrev Fredrik 77", "Fjellrev Fredrik 77"),
    ("nb", "steam-navnet mitt er Trollet Fra Hamar, legg meg til", "Trollet Fra Hamar"),
    ("nb", "gamertaggen min er SnoUgla Vilde", "SnoUgla Vilde"),
    ("fr", "mon snap c'est lina p danse, ajoute-moi", "lina p danse"),
    ("fr", "mon pseudo sur la switch : Renard Rusé", "Renard Rusé"),
]


@pytest.mark.parametrize(("language", "text", "fragment"), OWN_ACCOUNT_CASES)
def test_a_name_after_the_writers_own_account(language, text, fragment):
    assert_covered(text, language, SOCIAL, fragment)


# ------------------------------------------------------------------ an account's subject, a pronoun, an apposition

CALLED_CASES = [
    ("en", "I started a YouTube channel last month! It's called Pip Bakes Bread. I film the dough.", "Pip Bakes Bread"),
    ("en", "Hi Anna, I have a YouTube channel about trains, Steam Lines Daily, have a look!", "Steam Lines Daily"),
    ("da", "Vi lægger vores film på YouTube. Kanalen hedder Hobbit Holdet DK.", "Hobbit Holdet DK"),
    ("da", "Jeg har en YouTube-kanal nu! Den hedder Mias Hestedagbog.", "Mias Hestedagbog"),
    ("nb", "Vi legger ut filmene på YouTube. Kanalen heter Skiskytter Sofie.", "Skiskytter Sofie"),
    ("nb", "Min YouTube-kanal, som heter Fiskeklubben Nord, har 20 abonnenter.", "Fiskeklubben Nord"),
    ("fr", "On met nos vidéos sur YouTube, la chaîne s'appelle Les Lutins du Collège.", "Les Lutins du Collège"),
    ("fr", "J'ai une chaîne YouTube maintenant ! Elle s'appelle Le Carnet de Chloé Dessine.", "Le Carnet de Chloé Dessine"),
]


@pytest.mark.parametrize(("language", "text", "fragment"), CALLED_CASES)
def test_an_accounts_name_after_a_calling_word(language, text, fragment):
    assert_covered(text, language, SOCIAL, fragment)


# ------------------------------------------------------------------ an add-me cue and a place

ADD_CASES = [
    ("en", "add me on roblox, CaptainWaffle, we can build", "CaptainWaffle"),
    ("en", "add me on snapchat rosie b 12", "rosie b 12"),
    ("en", "add me on Discord — pebbleknightgames — I'm on most evenings", "pebbleknightgames"),
    ("da", "tilføj mig på xbox Stærke Sofus", "Stærke Sofus"),
    ("nb", "legg meg til på Steam, SkoleMentorKnut, så spiller vi", "SkoleMentorKnut"),
    ("fr", "ajoute-moi sur Roblox Poney Volant 2012", "Poney Volant 2012"),
    ("fr", "ajoute-moi sur ps Lyon_Fan_Noa", "Lyon_Fan_Noa"),
]


@pytest.mark.parametrize(("language", "text", "fragment"), ADD_CASES)
def test_a_name_after_an_add_me_cue_and_a_place(language, text, fragment):
    assert_covered(text, language, SOCIAL, fragment)


# ------------------------------------------------------------------ found on a place as, a name there, a search

FOUND_AS_CASES = [
    ("en", "you can find me on insta as maple draws birds", "maple draws birds"),
    ("en", "I'm on Strava as Gordon Runs Slowly if you want to see my runs", "Gordon Runs Slowly"),
    ("en", "My name on there is Poppy Jane Cake Maker.", "Poppy Jane Cake Maker"),
    ("en", "follow me on tiktok, search kitty crafts daily", "kitty crafts daily"),
    ("da", "du kan finde mig på insta som ronja tegner heste", "ronja tegner heste"),
    ("da", "Mit navn derinde er Hanne Lise Hundepasser.", "Hanne Lise Hundepasser"),
    ("da", "følg mig på tiktok, søg på emil bager kager", "emil bager kager"),
    ("nb", "du finner meg på insta som tuva tegner fjell", "tuva tegner fjell"),
    ("nb", "følg meg på tiktok, søk etter jonas lager fuglekasser", "jonas lager fuglekasser"),
    ("nb", "Mitt navn på Strava er Kari går fort, følg meg gjerne.", "Kari går fort"),
    ("nb", "følg youtuben min, den heter sindres fugler", "sindres fugler"),
    ("fr", "tu peux me trouver sur insta sous lou dessine la mer", "lou dessine la mer"),
    ("fr", "tu peux me trouver sous Sylvie Martin Couturière sur Facebook", "Sylvie Martin Couturière"),
]


@pytest.mark.parametrize(("language", "text", "fragment"), FOUND_AS_CASES)
def test_a_name_to_find_on_a_place(language, text, fragment):
    assert_covered(text, language, SOCIAL, fragment)


# ------------------------------------------------------------------ spelled names, riddles, lists

SPELLED_CASES = [
    ("en", "my snapchat is nina dot p 2011", "nina dot p 2011"),
    ("en", "find me on TikTok, I'm at milo dot skates", "at milo dot skates"),
    ("en", "snap me at rory (dot) climbs", "rory (dot) climbs"),
    ("en", "add me on snap: f l o r a m o o n", "f l o r a m o o n"),
    ("en", "my snap is my dog's name plus 2012 lol. rolo2012", "rolo2012"),
    ("en", "ig is @tess.paints, snap is tesspaints", "tesspaints"),
    ("en", "my tiktok is @ jake skates 10", "@ jake skates 10"),
    ("da", "min snapchat er frida punktum k 2011", "frida punktum k 2011"),
    ("da", "add mig på ig, det er karl prik fiskeren", "karl prik fiskeren"),
    ("da", "snap er @malou.heste, tiktok er malouheste", "malouheste"),
    ("nb", "snapen min er navnet på hunden min pluss 2012 haha. bamse2012", "bamse2012"),
    ("nb", "add meg på ig, det er sondre punktum fiskeren", "sondre punktum fiskeren"),
    ("nb", "Finn meg på TikTok, jeg heter krøllalfa sara punktum baker", "krøllalfa sara punktum baker"),
    ("fr", "mon snapchat c'est lola point m 2011", "lola point m 2011"),
    ("fr", "snap-moi à hugo (point) velo", "hugo (point) velo"),
    ("fr", "mon instagram c'est paul point dessine point deux mille onze", "paul point dessine point deux mille onze"),
]


@pytest.mark.parametrize(("language", "text", "fragment"), SPELLED_CASES)
def test_names_spelled_or_given_apart(language, text, fragment):
    assert_covered(text, language, SOCIAL, fragment)


# ------------------------------------------------------------------ what stays quiet

QUIET_CASES = [
    ("en", "I watched a video on YouTube about volcanoes."),
    ("en", "she posted it on Instagram and everyone saw it"),
    ("en", "I follow a baker on TikTok, she makes huge cakes"),
    ("en", "Also I found this YouTube channel called Ocean Facts Daily, it's good."),
    ("en", "my roblox is lagging so much today"),
    ("en", "my xbox is broken again so I read more"),
    ("en", "We watched it on YouTube as Mum said we could."),
    ("en", "at one point there were 400 people in the queue"),
    ("en", "My Xbox One is old but it works."),
    ("en", "My channel is called Cool Stuff and it has 3 videos."),
    ("da", "Jeg har fundet en YouTube-kanal med naturfilm til dig. Den hedder noget med fugle."),
    ("da", "Red Barnet har en side der hedder \"Stop Mobning\" med gode råd."),
    ("da", "min snap er mit navn med to l'er, spørg din mor om du må"),
    ("nb", "Jeg solgte mitt gamle Xbox One på Finn for 1.100 kroner."),
    ("nb", "NASA har en side som heter \"Spot the Station\" der du ser ISS."),
    ("nb", "snapen min er full av hundebilder"),
    ("fr", "Mon colis Vinted est enfin arrivé au point relais."),
    ("fr", "j'ai vendu 6 cartes sur vinted : 4€ chacune"),
    ("fr", "Sur YouTube je regarde une chaîne qui s'appelle \"Le Petit Chimiste\"."),
    ("fr", "Ma sœur regarde une vidéo sur TikTok, elle s'appelle Léa Martin."),
]


@pytest.mark.parametrize(("language", "text"), QUIET_CASES)
def test_platforms_in_passing_stay_quiet(language, text):
    assert [finding for finding in findings(text, language) if finding[0] == SOCIAL] == []
