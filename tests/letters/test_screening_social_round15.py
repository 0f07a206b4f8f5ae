"""Social handles of the fifteenth round, from the misses of batch u13, in all four languages.

u13 (9,088 letters by eight writers who had not read the detector) was measured once as the
unseen split of the fourteenth round and then folded into the development corpus; its social
misses were read for this round: names announced on a platform ("my roblox is …", "sur Yubo
je suis …"), coined names no dictionary knows, capitalised names the reader is told to search
for, player ids with the game between word and id, and names spelled one letter at a time.
The sentences below are our own, written for these tests.
"""

import pytest

from tests.letters.screening_checks import covered


def socials(text: str, language: str) -> list[str]:
    """The words each social-handle finding covers in `text`."""
    return covered("contact.social", text, language)


def held_whole(name: str, text: str, language: str) -> bool:
    """True if one social finding covers the whole of `name`."""
    return any(name in span for span in socials(text, language))


@pytest.mark.parametrize("language, text, name", [
    # A capital inside the word.
    ("en", "we did the whole raid last night. my xbox is TurboWombatUK if u want to join", "TurboWombatUK"),
    ("da", "jeg er kommet i guld i Rocket League! mit navn er FlyvendeFrikadelle, tilføj mig", "FlyvendeFrikadelle"),
    # A "#" tag a sentence after its game.
    ("nb", "bli med i klanen vår i Clash of Clans! taggen er #9RLQ2V8P, vi trenger flere", "#9RLQ2V8P"),
    # A riot id, a cash tag, a reddit name.
    ("fr", "sur league of legends je suis PetitRenard#EUW, viens en duo", "PetitRenard#EUW"),
    ("en", "mowing lawns pays! my Cash App is $LawnKingLeo for anyone who wants theirs done", "$LawnKingLeo"),
    ("fr", "je poste mes dessins sur Reddit, mon pseudo c'est u/crayon_bavard", "u/crayon_bavard"),
    # A dotted name on a profile site.
    ("nb", "på Yubo er jeg tiril.fjell.07 hvis du vil prate", "tiril.fjell.07"),
])
def test_a_name_announced_on_a_platform_is_held(language, text, name):
    assert held_whole(name, text, language)


@pytest.mark.parametrize("language, text, name", [
    ("en", "I post my bakes on Instagram, search sugardustdiaries and you'll see the unicorn cake", "sugardustdiaries"),
    ("da", "min vinted hedder tøjtilsmåpenge, der sælger jeg alt det jeg er vokset ud af", "tøjtilsmåpenge"),
    ("nb", "jeg har en kanal på YouTube, den heter Fiskesnakkeren, sjekk den", "Fiskesnakkeren"),
    ("fr", "mon compte tiktok c'est tartinesdeleo, 300 abonnés déjà", "tartinesdeleo"),
])
def test_a_coined_name_no_dictionary_knows_is_held(language, text, name):
    assert held_whole(name, text, language)


@pytest.mark.parametrize("language, text, name", [
    ("da", "Når programmet slutter, så skriv til mig på Messenger, søg på Ole Brink Mortensen.", "Ole Brink Mortensen"),
    ("nb", "Jeg logger turene mine på Strava, og jeg heter Bjørn Fjellgeit Molde der.", "Bjørn Fjellgeit Molde"),
    ("fr", "J'ai une chaîne YouTube de magie, elle s'appelle Les Tours de Timéo 12, abonne-toi", "Les Tours de Timéo 12"),
    ("en", "Look me up on Facebook, search Derek Holloway Wirral, and send a request.", "Derek Holloway Wirral"),
])
def test_capitalised_words_are_a_name_when_searched_for_or_the_writers_own(language, text, name):
    assert held_whole(name, text, language)


@pytest.mark.parametrize("language, text", [
    # Someone else's channel, a game's name, a shout: capitals alone are not an account.
    ("en", "My brother watches YouTube all day, his favourite channel is called Mark Rober."),
    ("en", "On Roblox my favourite game is Adopt Me, we built a huge treehouse."),
    ("da", "På YouTube ser jeg mest en kanal der hedder Bro Code om programmering."),
    ("nb", "HVA ER DU HENNE ANTON, svar på snap!!"),
    # Everyday words the dictionaries lack, and codes that are mostly digits.
    ("fr", "je suis toujours sur Snapchat le soir, ma mère dit que c'est trop"),
    ("fr", "j'ai acheté un pull sur Vinted. le numéro de suivi c'est 8J00412298771, il arrive jeudi"),
    ("nb", "Vi flyr Wizz Air til Gdańsk, og bookingkoden er R2JXD9 hvis pappa glemmer den."),
    ("en", "I watched three YouTube videos about volcanoes, it is absolutely fascinating"),
])
def test_names_of_others_and_ordinary_words_near_a_platform_are_not_held(language, text):
    assert socials(text, language) == []


@pytest.mark.parametrize("language, text, code", [
    ("fr", "mon UID Genshin c'est 804 316 275, ajoute-moi", "804 316 275"),
    ("nb", "vennekoden min i Pokémon GO er 3071 5529 8164, legg meg til", "3071 5529 8164"),
    ("en", "my steam friend code is 309 884 126 if you ever play", "309 884 126"),
])
def test_a_player_id_with_the_game_between_its_word_and_the_id_is_held(language, text, code):
    assert held_whole(code, text, language)


@pytest.mark.parametrize("language, text, name", [
    ("en", "my snap is t o b y k 0 4 no spaces, add me", "t o b y k 0 4"),
    ("da", "min snap er e m i l  x 7 uden mellemrum", "e m i l  x 7"),
])
def test_a_name_spelled_one_letter_at_a_time_with_a_digit_is_held(language, text, name):
    assert held_whole(name, text, language)
