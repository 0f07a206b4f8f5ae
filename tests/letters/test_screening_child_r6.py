"""A child's disclosures the u4 and u5 letters missed, by class, in all four languages.

The sixth round's safeguarding rules for self-harm, suicidal thoughts, abuse, neglect and
sexual abuse are tried here with wordings that are in no letter of the corpus (other verb
forms, other body parts, other objects), so that a rule fitted to one letter fails here.
Each class has quiet counterparts: the same words about something harmless, hyperbole,
sports and games, the shared reading. The rules are measured alone (no model), so that a
wording caught here is caught by a rule that will not move when the model is retrained.
"""

import pytest

from letters.screening.concepts import ConceptLexicon

from tests.letters.screening_checks import urgent_concepts


# (language, text, concept): one class per row group.
DISCLOSURES = [
    # a body part + so nobody sees
    ("en", "I only do it on my upper arm where it doesn't show", "self_harm"),
    ("da", "jeg gør det på lårene så ingen ser det", "self_harm"),
    ("nb", "jeg gjør det på overarmen så ingen merker det", "self_harm"),
    ("fr", "je le fais sur le haut des cuisses, personne ne le voit", "self_harm"),
    # started again (the slot trap: "began cutting|to cut" meant two phrasings)
    ("en", "last month I began scratching again", "self_harm"),
    ("en", "I've started to burn myself again", "self_harm"),
    ("da", "jeg er startet med at ridse mig igen", "self_harm"),
    ("nb", "jeg har startet å kutte meg igjen", "self_harm"),
    ("fr", "j'ai recommencé à me griffer les bras", "self_harm"),
    # scratched until it bled
    ("da", "jeg kradsede mig selv til blods i nat", "self_harm"),
    ("nb", "jeg har klort meg til blods på leggen", "self_harm"),
    ("fr", "je me suis grattée jusqu'au sang hier soir", "self_harm"),
    # long sleeves in the heat, or to hide the marks
    ("en", "I kept my long sleeves on at sports day although it was boiling", "self_harm"),
    ("da", "jeg går i hættetrøje selv om det er hedebølge", "self_harm"),
    ("nb", "jeg har på hettegenser selv om det er 28 grader", "self_harm"),
    ("fr", "je porte des manches longues même quand il fait très chaud", "self_harm"),
    # a cover story for the marks
    ("en", "I wear plasters and tell everyone it was the kitten", "self_harm"),
    ("nb", "jeg har plaster og sier at det er katten", "self_harm"),
    ("fr", "j'ai des pansements et je dis à tout le monde que c'est le chat", "self_harm"),
    # a goodbye phrased as a last chance, or as needing nothing any more
    ("en", "thank you for everything in case I never get the chance again", "suicidal"),
    ("en", "I won't be needing anything after Sunday", "suicidal"),
    ("da", "jeg har ikke brug for dem længere alligevel", "suicidal"),
    ("nb", "du kan ta sykkelen, jeg trenger den ikke lenger uansett", "suicidal"),
    ("fr", "tu peux prendre mes mangas, j'en aurai plus besoin de toute façon", "suicidal"),
    # no more letters from me
    ("da", "jeg tænker ikke at jeg skriver flere breve", "suicidal"),
    ("nb", "jeg tror ikke jeg skriver mer", "suicidal"),
    ("fr", "je pense pas que je t'écrirai encore", "suicidal"),
    # a last wish if I die
    ("en", "if I died would you tell my sister she can keep my Lego", "suicidal"),
    ("da", "hvis jeg dør, vil du så give min bror mine kort", "suicidal"),
    ("nb", "hvis jeg dør, kan du gi katten min til Ola", "suicidal"),
    ("fr", "si je mourais, tu pourrais donner mes livres à ma cousine", "suicidal"),
    # killing myself in slang
    ("en", "honestly I'm about to kms", "suicidal"),
    ("fr", "j'ai envie de me foutre en l'air", "suicidal"),
    ("nb", "jeg vil bare kms ærlig talt", "suicidal"),
    # a fatal fall or crossing imagined as the way out
    ("en", "sometimes I think if I stepped in front of a bus it would all be over", "suicidal"),
    ("fr", "si je sautais du balcon ce serait fini", "suicidal"),
    ("da", "jeg har stået på kanten af taget flere gange og kigget ned", "suicidal"),
    ("nb", "jeg har stått på brua mange ganger alene og sett ned", "suicidal"),
    ("da", "næste gang springer jeg bare", "suicidal"),
    # pills put aside
    ("en", "I've put aside some of nan's painkillers", "suicidal"),
    ("da", "jeg har lagt nogle sovepiller til side", "suicidal"),
    ("nb", "jeg har gjemt paracet til side i en eske", "suicidal"),
    ("fr", "je mets de côté des comprimés depuis un mois", "suicidal"),
    # wishing never to have been born
    ("en", "I wished I had never been born", "suicidal"),
    ("da", "jeg ønsker tit at jeg aldrig var blevet født", "suicidal"),
    ("nb", "jeg skulle ønske jeg aldri ble født", "suicidal"),
    ("fr", "j'aurais préféré ne jamais naître", "suicidal"),
    # not your fault, no need to write back
    ("en", "it's not your fault. You don't need to reply to this", "suicidal"),
    ("da", "det er ikke din skyld, og du behøver ikke svare igen", "suicidal"),
    # a carer says the child is a brat, or that nobody wants them
    ("en", "my stepmum tells me I'm a waste of space", "abuse"),
    ("da", "min far kalder mig en møgunge når han er sur", "abuse"),
    ("nb", "mamma sier at jeg er en drittunge", "abuse"),
    ("fr", "mon père dit que je suis un boulet", "abuse"),
    ("da", "hun sagde at ingen gider mig", "abuse"),
    # a parent who sees it and does nothing
    ("en", "my dad saw it happen and said nothing", "abuse"),
    ("nb", "pappa så det men sa ingenting", "abuse"),
    ("fr", "ma mère voit tout mais elle dit rien", "abuse"),
    # kept in the room or locking the door when he drinks
    ("en", "I stay in my room when my stepdad's drunk", "abuse"),
    ("da", "jeg låser døren når han har drukket", "abuse"),
    ("nb", "det skjedde igjen når han hadde drukket", "abuse"),
    ("fr", "ça arrive chaque fois qu'il a bu", "abuse"),
    # locked up for the night, in the dark
    ("en", "she left me in the shed for hours in the dark", "abuse"),
    ("da", "jeg sad i kælderen i timevis uden lys", "abuse"),
    ("nb", "jeg satt i kjelleren hele natta i mørket", "abuse"),
    ("fr", "il m'a laissé dans le garage des heures dans le noir", "abuse"),
    # thrown against something hard
    ("en", "he shoved me into the wardrobe", "abuse"),
    ("da", "han kastede mig ind i skabet", "abuse"),
    ("nb", "han slengte meg mot døra", "abuse"),
    ("fr", "il m'a projeté contre l'armoire", "abuse"),
    # a body part the colour of a bruise
    ("en", "my ribs are all purple", "abuse"),
    ("da", "ryggen er helt blå efter i går", "abuse"),
    ("nb", "beina mine er helt blå", "abuse"),
    ("fr", "j'ai le dos tout violet", "abuse"),
    # told the child will be taken into care if they tell
    ("en", "if I say anything they'll put me into care", "abuse"),
    ("da", "hvis jeg fortæller noget bliver jeg anbragt", "abuse"),
    ("nb", "hvis jeg forteller noe havner jeg i fosterhjem", "abuse"),
    ("fr", "si je parle je vais être placée", "abuse"),
    # hearing a parent being hit
    ("en", "I heard him punching my mum last night", "abuse"),
    ("da", "jeg hørte at han sparkede min mor", "abuse"),
    ("fr", "j'ai entendu papa frapper maman", "abuse"),
    ("nb", "jeg tørs ikke dra hjem i dag", "abuse"),
    # paid to carry a package
    ("en", "he said I could make 100 quid carrying a rucksack to the city", "abuse"),
    ("da", "han siger jeg kan tjene 500 kr på at køre en pakke ud", "abuse"),
    ("nb", "han gir meg 500 kroner for å frakte en sekk til byen", "abuse"),
    ("fr", "il me propose de l'argent pour que je livre un sac", "abuse"),
    ("fr", "ils veulent que je fasse le guet en bas de la tour", "abuse"),
    # a cover story an adult told, or told the child to tell
    ("en", "dad told the nurse I slipped in the bath", "abuse"),
    ("en", "mum said to tell them I fell off my bike if anyone asks", "abuse"),
    ("da", "min mor sagde til lægen at jeg faldt på trappen", "abuse"),
    ("nb", "mamma sa til legevakta at jeg datt på sykkelen", "abuse"),
    ("fr", "mon père m'a demandé de dire que j'étais tombée dans l'escalier", "abuse"),
    ("fr", "à l'école j'ai dit que c'était une porte", "abuse"),
    # not fed
    ("da", "jeg får aldrig morgenmad", "neglect"),
    ("nb", "jeg får ofte ikke middag hjemme", "neglect"),
    ("en", "I rarely get tea at home", "neglect"),
    ("nb", "ingen smører matpakke til meg", "neglect"),
    ("fr", "personne me prépare mon goûter", "neglect"),
    ("en", "I'm hungry all the time", "neglect"),
    ("fr", "j'ai faim tous les jours", "neglect"),
    ("da", "jeg er sulten hele tiden", "neglect"),
    ("en", "I only eat at school", "neglect"),
    ("fr", "je mange que à la cantine", "neglect"),
    # pain nobody treats
    ("en", "my ear has been hurting for months", "neglect"),
    ("fr", "j'ai mal aux dents depuis des semaines", "neglect"),
    # power cut off at home
    ("en", "our gas has been cut off", "neglect"),
    ("da", "strømmen er blevet lukket hjemme", "neglect"),
    ("nb", "strømmen ble stengt i forrige uke", "neglect"),
    ("fr", "le chauffage a été coupé chez nous", "neglect"),
    # alone at night, parents back late or not at all
    ("en", "I'm home alone most nights", "neglect"),
    ("da", "jeg er alene hjemme de fleste aftener", "neglect"),
    ("nb", "jeg er alene hjemme hver kveld", "neglect"),
    ("fr", "les soirs je reste seule jusqu'à minuit", "neglect"),
    ("fr", "ma mère rentre tard ou pas du tout", "neglect"),
    ("en", "dad doesn't come home at all some nights", "neglect"),
    # minding a small sibling while the parent is gone
    ("en", "dad has been gone since Tuesday. I have to look after my baby sister", "neglect"),
    # shown videos of naked adults
    ("en", "my uncle showed me videos of naked people", "sexual"),
    ("da", "han viste mig film med nøgne voksne", "sexual"),
    ("nb", "han viste meg bilder av nakne damer", "sexual"),
    ("fr", "il m'a montré des photos de gens tout nus", "sexual"),
]

# (language, text): the same words about something harmless; no urgent finding.
QUIET = [
    ("en", "I put sun cream on my arms so nobody sees me burn"),
    ("en", "I started cutting out pictures for my scrapbook again"),
    ("en", "I wore long sleeves to the wedding even though it was hot"),
    ("da", "jeg har ondt i maven så ingen kan se mig spise"),
    ("nb", "jeg har på hettegenser på trening"),
    ("fr", "je porte un pull parce qu'il fait froid"),
    ("en", "thank you for the book, in case I don't get another chance before the holidays"),
    ("en", "I won't need anything after school, I'll have lunch at gran's"),
    ("da", "jeg tror ikke jeg skriver igen før efter ferien"),
    ("nb", "jeg trenger ikke skoene lenger, de er for små"),
    ("fr", "je n'en aurai plus besoin, elles sont trop petites"),
    ("en", "if I die in the game can you take over my level"),
    ("fr", "si je meurs de rire tu seras responsable"),
    ("en", "we stood on the bridge again and looked down at the ducks"),
    ("da", "næste gang hopper jeg fra vippen"),
    ("en", "I'm going to die of boredom in this chapter"),
    ("en", "I could kill my brother for eating my sweets"),
    ("en", "mum put away the headache tablets"),
    ("en", "I'm sick of living in this tiny flat, I want a garden"),
    ("en", "my little brother says I'm a pest when I take his toys"),
    ("en", "I lock my door when my sister wants to borrow my clothes"),
    ("en", "we camped all night in the dark and told ghost stories in the tent"),
    ("en", "my face went purple from laughing so much"),
    ("en", "my legs were blue from the cold after swimming"),
    ("en", "I earn money delivering newspapers on Saturdays"),
    ("en", "mum told the teacher I was ill on Monday"),
    ("en", "I never get breakfast in bed, only on my birthday"),
    ("en", "I'm always hungry after football, mum says I'm growing"),
    ("en", "my wobbly tooth has been hurting for weeks"),
    ("en", "the power got cut off in the storm for an hour"),
    ("en", "in the book the pirate showed the boy a map"),
    ("en", "in chapter six the girl scratches herself until it bleeds, which was hard to read"),
    ("fr", "dans le roman, Lou recommence à se couper"),
    ("da", "min lillebror siger jeg er dum til FIFA"),
    ("da", "vi fik strømafbrydelse i stormen i to timer"),
    ("da", "jeg får ofte aftensmad hos mormor om torsdagen"),
    ("nb", "jeg er sulten hele tiden etter trening, mamma sier jeg vokser"),
    ("nb", "jeg får ofte middag hos bestemor"),
    ("nb", "bestefar viste meg bilder av hytta"),
    ("fr", "le courant a été coupé pendant l'orage une heure"),
    ("fr", "je mange seulement des frites à la cantine"),
    ("fr", "ma mère rentre tard le jeudi mais elle m'appelle tous les soirs"),
    ("fr", "la prof nous a montré des photos de statues toutes nues au musée"),
    ("fr", "dans le livre, le guetteur voit arriver les pirates"),
    ("fr", "je vais mourir d'ennui avec ce livre"),
]


# (language, text): an adult's own life, written by a mentor; no urgent finding.
MENTOR_QUIET = [
    ("en", "Since I moved into my own flat nobody makes dinner for me, so I live on toast!"),
    ("nb", "Etter at jeg flyttet hjemmefra er det ingen som lager middag til meg"),
    ("da", "jeg tror ikke jeg skriver igen før efter eksamen"),
    ("fr", "depuis que j'habite seule, personne me fait à manger"),
]


@pytest.mark.parametrize(("language", "text"), MENTOR_QUIET)
def test_an_adults_own_everyday_life_raises_nothing_urgent(language, text):
    assert urgent_concepts(text, language, author_role="mentor") == set()


@pytest.mark.parametrize(("language", "text", "concept"), DISCLOSURES)
def test_a_childs_disclosure_of_the_sixth_round_is_urgent(language, text, concept):
    assert concept in urgent_concepts(text, language), (text, urgent_concepts(text, language))


@pytest.mark.parametrize(("language", "text"), QUIET)
def test_the_same_words_about_something_harmless_raise_nothing_urgent(language, text):
    assert urgent_concepts(text, language) == set()


def lexicon_with(**tables):
    return ConceptLexicon("en", {"abuse": tables})


def test_a_cover_story_is_never_silenced_by_the_harmless_activity_it_names():
    """`unless` drops a `said` match beside "trampoline", never a `cover_story` match."""
    from letters.screening.tokens import tokenize

    text = "mum told the doctors I fell off the trampoline"
    tokens = tokenize(text, "en")
    said = lexicon_with(said=["told ... doctors ... fell"], unless=["off the trampoline"])
    story = lexicon_with(cover_story=["told ... doctors ... fell"], unless=["off the trampoline"])
    assert said.find(tokens, author_role="mentee") == []
    assert [h.severity for h in story.find(tokens, author_role="mentee")] == ["urgent"]


def test_a_cover_story_is_urgent_whoever_writes_it():
    from letters.screening.tokens import tokenize

    tokens = tokenize("she told the nurse I slipped", "en")
    story = lexicon_with(cover_story=["told ... nurse ... slipped"], from_mentee="none", from_unknown="none")
    assert [h.severity for h in story.find(tokens, author_role="mentee")] == ["urgent"]
    assert [h.severity for h in story.find(tokens, author_role=None)] == ["urgent"]
