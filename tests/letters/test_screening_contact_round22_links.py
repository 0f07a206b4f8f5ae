"""E-mail addresses and links in the shapes u19's letters showed (round 22), and what stays quiet.

Each class of u19's e-mail and link misses has cases here in our own words, in every language
where the shape applies (never the corpus letters):

* an address with a written "@" and a host of any ending ("…@letterbox.example", ".shop"), the
  "@" typed twice, a pictograph glued inside the name ("lucy💕2012@…");
* a name typed as words, letters or digits apart before a spelled, bracketed or described "@"
  ("molly x shelter at outlook dot com", "w i l l a punktum l a e s e r snabel a …",
  "johan (snabel-a tegnet) example.dk", "ollie.birds@ then example.com"), the "@" a plain "at"
  or a preposition when the host is spelled out or words that give an address stand before;
* an address spelled with commas between the letters, and one written backwards of any host;
* links of any ending with a page after them ("kahoot.it/challenge/…", "is.gd/…"), a game
  server's port, a scheme spelled "h t t p s : / /", a host with spaced dots, a carrd page
  ("… dot carrd dot co") and a page named after a spelled "slash at".
"""

import pytest

from tests.letters.test_screening_contact_forms import assert_covered, findings

EMAIL = "contact.email"
URL = "contact.url"

# ------------------------------------------------------------------ a written "@", any ending

ANY_ENDING_CASES = [
    ("en", "you can write to me at rosa.teacher@reading.club if your dad agrees", "rosa.teacher@reading.club"),
    ("en", "oops: sam_2012@@example.net (I hit the key twice)", "sam_2012@@example.net"),
    ("en", "mine is maisie💖2013@gmail.com but without the heart", "maisie💖2013@gmail.com"),
    ("da", "min nye mail er frederik.hold@spejderpost.eksempel, skriv hvis du vil", "frederik.hold@spejderpost.eksempel"),
    ("da", "skriv til freja⭐2012@hotmail.com (uden stjernen)", "freja⭐2012@hotmail.com"),
    ("nb", "e-posten til lagleder er trond.fotball@klubben.lag", "trond.fotball@klubben.lag"),
    ("nb", "e-post: sindre_fisk@@eksempel.no (én krøll for mye)", "sindre_fisk@@eksempel.no"),
    ("fr", "pour le club de lecture : marie.livres@bouquins.exemple", "marie.livres@bouquins.exemple"),
]


@pytest.mark.parametrize(("language", "text", "fragment"), ANY_ENDING_CASES)
def test_a_written_at_sign_makes_an_address_of_any_ending(language, text, fragment):
    assert_covered(text, language, EMAIL, fragment)


# ------------------------------------------------------------------ a name typed apart before its "@"

TYPED_APART_CASES = [
    ("en", "my email's tom x rocket at outlook dot com, no spaces", "tom x rocket at outlook dot com"),
    ("en", "email me!! zara 2 0 1 3 at example dot co dot uk", "zara 2 0 1 3 at example dot co dot uk"),
    ("en", "j o s h dot p at example dot com is where I am", "j o s h dot p at example dot com"),
    ("en", "it is lily hyphen may at example dot org", "lily hyphen may at example dot org"),
    ("en", "you can reach me at evie underscore 12 at example dot com", "evie underscore 12 at example dot com"),
    ("en", "my email is frog boy 22 at gmail (all together)", "frog boy 22 at gmail"),
    ("en", "mine is oscar at example.co.uk if you want it", "oscar at example.co.uk"),
    ("en", "write to ben (at symbol) example.com", "ben (at symbol) example.com"),
    ("en", "its tessa, the at sign, example.com", "tessa, the at sign, example.com"),
    ("en", "its kit.draws@ then example.com", "kit.draws@ then example.com"),
    ("en", "email = nina<at>example<dot>org", "nina<at>example<dot>org"),
    ("da", "min mail er sofie x hest snabel-a example punktum dk", "sofie x hest snabel-a example punktum dk"),
    ("da", "mail mig!! karl 2 0 1 2 snabel a example prik dk", "karl 2 0 1 2 snabel a example prik dk"),
    ("da", "min mail er emil 2011 på hotmail prik dk, uden mellemrum", "emil 2011 på hotmail prik dk"),
    ("da", "min mail er jens bindestreg holm snabel a example dk", "jens bindestreg holm snabel a example dk"),
    ("da", "min mail er ida (snabel-a tegnet) example.dk", "ida (snabel-a tegnet) example.dk"),
    ("da", "min mail er mit navn otto og så snabel a example punktum dk", "otto og så snabel a example punktum dk"),
    ("nb", "e-posten min er ola x skog krøllalfa example punktum no", "ola x skog krøllalfa example punktum no"),
    ("nb", "send e-post!! mia 2 0 1 0 krøllalfa example punktum no", "mia 2 0 1 0 krøllalfa example punktum no"),
    ("nb", "e-posten min er snøugle 12 på gmail, alt i ett", "snøugle 12 på gmail"),
    ("nb", "e-posten min er per (krøllalfa-tegnet) example.no", "per (krøllalfa-tegnet) example.no"),
    ("nb", "den er erik.fugler@ og så example.no", "erik.fugler@ og så example.no"),
    ("fr", "mon mail c'est lina tiret bas danse chez example point com", "lina tiret bas danse chez example point com"),
    ("fr", "envoie un mail !! paul 2 0 1 2 arobase example point fr", "paul 2 0 1 2 arobase example point fr"),
    ("fr", "mon mail c'est jade point m point deux mille onze arobase example point fr",
     "jade point m point deux mille onze arobase example point fr"),
    ("fr", "mon mail c'est leo (le symbole arobase) example.fr", "leo (le symbole arobase) example.fr"),
    ("fr", "le mien c'est hugo sur example.fr, tout simple", "hugo sur example.fr"),
    ("fr", "c'est rose.chats@ puis example.fr", "rose.chats@ puis example.fr"),
]


@pytest.mark.parametrize(("language", "text", "fragment"), TYPED_APART_CASES)
def test_a_name_typed_apart_before_its_at_is_one_address(language, text, fragment):
    assert_covered(text, language, EMAIL, fragment)


COMMA_AND_BACKWARDS_CASES = [
    ("en", "here goes: R, O, S, I, E, dot, B, at, example, dot, com", "R, O, S, I, E, dot, B, at, example, dot, com"),
    ("en", "read it backwards: moc.elpmaxe@nallac", "moc.elpmaxe@nallac"),
    ("da", "jeg staver: S, O, F, I, E, punktum, K, snabel-a, eksempel, punktum, dk",
     "S, O, F, I, E, punktum, K, snabel-a, eksempel, punktum, dk"),
    ("da", "læs den baglæns: kd.lepmske@ennah", "kd.lepmske@ennah"),
    ("nb", "jeg staver: E, M, I, L, punktum, H, krøllalfa, eksempel, punktum, no",
     "E, M, I, L, punktum, H, krøllalfa, eksempel, punktum, no"),
    ("nb", "les den baklengs: on.lepmske@arokin", "on.lepmske@arokin"),
    ("fr", "j'épelle : L, U, C, A, S, point, B, arobase, exemple, point, fr",
     "L, U, C, A, S, point, B, arobase, exemple, point, fr"),
    ("fr", "à lire à l'envers : rf.elpmexe@enirolc", "rf.elpmexe@enirolc"),
]


@pytest.mark.parametrize(("language", "text", "fragment"), COMMA_AND_BACKWARDS_CASES)
def test_an_address_spelled_with_commas_or_backwards(language, text, fragment):
    assert_covered(text, language, EMAIL, fragment)


PLUS_AND_ADDITION_CASES = [
    ("en", "it's ruby + my lucky number (7) @example.com", "ruby + my lucky number (7) @example.com"),
    ("en", "my email is theo at example.com but with \"99\" after theo", "theo at example.com but with \"99\" after theo"),
    ("da", "den er bo + mit husnummer (14) @example.dk", "bo + mit husnummer (14) @example.dk"),
    ("da", "min mail er liva snabel-a example.dk men med \"07\" efter liva", "liva snabel-a example.dk men med \"07\" efter liva"),
    ("nb", "den er eli + året jeg begynte på skolen (2019) @example.no", "eli + året jeg begynte på skolen (2019) @example.no"),
    ("nb", "e-posten min er even krøllalfa example.no men med \"11\" etter even",
     "even krøllalfa example.no men med \"11\" etter even"),
    ("fr", "c'est nina + mon numéro de maillot (10) @example.fr", "nina + mon numéro de maillot (10) @example.fr"),
    ("fr", "mon mail c'est remi arobase example.fr mais avec \"33\" après remi", "remi arobase example.fr mais avec \"33\" après remi"),
]


@pytest.mark.parametrize(("language", "text", "fragment"), PLUS_AND_ADDITION_CASES)
def test_what_to_add_to_a_name_belongs_to_the_address(language, text, fragment):
    assert_covered(text, language, EMAIL, fragment)


def test_an_addition_that_names_no_part_of_the_address_stays_out():
    text = "my email is theo at example.com with 2 friends after school"
    assert [covered for kind, covered in findings(text, "en") if kind == EMAIL] == ["theo at example.com"]


# ------------------------------------------------------------------ links

LINK_CASES = [
    ("en", "play my quiz kahoot.it/challenge/0912345 it's about volcanoes", "kahoot.it/challenge/0912345"),
    ("en", "pics from the trip: is.gd/miaHols", "is.gd/miaHols"),
    ("en", "my podcast anchor.fm/two-sisters-talk is out", "anchor.fm/two-sisters-talk"),
    ("en", "my server: mc.treehouse-example.net:25565 come build", "mc.treehouse-example.net:25565"),
    ("en", "copy this, it isn't a link: h t t p s : / / tinyurl . com / catpics", "h t t p s : / / tinyurl . com / catpics"),
    ("en", "my cat blog: whiskerblog . example . org", "whiskerblog . example . org"),
    ("en", "go to moon-child-12 dot carrd dot co, that's me", "moon-child-12 dot carrd dot co"),
    ("en", "my channel: yt dot com slash at lily draws", "yt dot com slash at lily draws"),
    ("da", "prøv min quiz kahoot.it/challenge/0612345 om vikinger", "kahoot.it/challenge/0612345"),
    ("da", "vores server er mc.skolegaard.dk:25565 kom ind", "mc.skolegaard.dk:25565"),
    ("da", "billederne: h t t p s : / / bit . ly / sommerfotos", "h t t p s : / / bit . ly / sommerfotos"),
    ("da", "gå ind på maanepige-12 prik carrd prik co det er min side", "maanepige-12 prik carrd prik co"),
    ("da", "min kanal: yt prik com skråstreg snabel-a ida tegner", "yt prik com skråstreg snabel-a ida tegner"),
    ("nb", "bli med på quizen min kahoot.it/challenge/0712345", "kahoot.it/challenge/0712345"),
    ("nb", "bildene: is.gd/siriTur", "is.gd/siriTur"),
    ("nb", "bloggen min: fjellblogg . example . net", "fjellblogg . example . net"),
    ("nb", "gå inn på nordlys-11 punktum carrd punktum co", "nordlys-11 punktum carrd punktum co"),
    ("fr", "fais mon quiz kahoot.it/challenge/0812345 sur les volcans", "kahoot.it/challenge/0812345"),
    ("fr", "mon serveur : mc.cabane-example.fr:25565 viens", "mc.cabane-example.fr:25565"),
    ("fr", "le lien : h t t p s : / / monblog . example . fr", "h t t p s : / / monblog . example . fr"),
    ("fr", "ma chaîne : yt point com slash arobase lea dessine", "yt point com slash arobase lea dessine"),
]


@pytest.mark.parametrize(("language", "text", "fragment"), LINK_CASES)
def test_a_link_in_its_many_shapes(language, text, fragment):
    assert_covered(text, language, URL, fragment)


# ------------------------------------------------------------------ ordinary text stays quiet

ORDINARY_CASES = [
    ("en", "We swam at the lake.It was freezing but fun."),
    ("en", "I got there at 5.30 and the 2024.25 season starts soon."),
    ("en", "my essay is called final_draft.docx and minecraft is on version 1.20.4"),
    ("en", "I gave the book 4.5/5 stars, and/or I might read it again."),
    ("en", "There were 12 at free swim and 3 at live music."),
    ("en", "We met at school. the end . no more homework"),
    ("en", "I looked at it.Then/after dinner I slept"),
    ("da", "Jeg var hjemme.No problem, sagde mor kl. 14.30."),
    ("da", "Jeg lovede at skrive et punktum til sidst, og så gik vi på biblioteket."),
    ("da", "filen hedder billede_01.jpg og den er på 2.5 mb"),
    ("nb", "Vi var på hytta.Det var kaldt, og kampen startet 18.45."),
    ("nb", "Jeg tror at det går bra, og så skal vi på kino."),
    ("fr", "On était chez moi.Le chien dormait, il était 17.30."),
    ("fr", "C'est un point de vue, et puis sur le moment j'ai ri."),
    ("fr", "la saison 2024.25 commence, j'ai eu 15.5/20 en maths"),
    ("en", "me + my sister went to the park @ 5 and it was fun"),
    ("en", "see you at 5.30 . no rush though"),
    ("en", "mum said ok.bye/see ya and left, my notes are in notes_v2.docx/old"),
    ("nb", "vi ses på 18.45 . no stress"),
    ("da", "Gå ind på biblioteket og spørg efter bogen, det er nemt."),
]


@pytest.mark.parametrize(("language", "text"), ORDINARY_CASES)
def test_ordinary_text_has_no_email_or_link(language, text):
    assert [kind for kind, _ in findings(text, language) if kind in (EMAIL, URL)] == []
