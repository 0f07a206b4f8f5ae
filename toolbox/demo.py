"""The demo program's toolbox: six short articles, each in English, Danish, Norwegian and French.

Registered with programs.demo_extras (AppConfig.ready), which load_demo runs once when it creates the demo.
Written through the services, so the demo's audit log shows them like a coordinator's work.
"""

from programs.models import Membership, Program
from toolbox import services
from toolbox.models import Article, ArticleKind, Audience, Moment

# (audience, kind, moment, {language: (title, summary, body)})
DEMO_ARTICLES = [
    (Audience.MENTORS, ArticleKind.ARTICLE, Moment.NONE, {
        "en": ("Writing to a shy child",
               "Short, warm letters with one easy question help a quiet child answer.",
               "<p>Some children write two lines and stop. That is not a lack of interest: writing to an adult "
               "they have never met takes courage.</p><ul><li>Keep your own letters short and friendly.</li>"
               "<li>Tell one small thing about your day, so they have something to answer.</li>"
               "<li>Ask one question that is easy to answer, such as which part of the reading they remember best.</li>"
               "<li>Praise what they did write, never how little.</li></ul>"
               "<p>Give it time. Many quiet writers open up after the third or fourth letter.</p>"),
        "da": ("At skrive til et genert barn",
               "Korte, varme breve med ét let spørgsmål gør det lettere for et stille barn at svare.",
               "<p>Nogle børn skriver to linjer og stopper. Det er ikke mangel på interesse: det kræver mod at "
               "skrive til en voksen, man aldrig har mødt.</p><ul><li>Hold dine egne breve korte og venlige.</li>"
               "<li>Fortæl én lille ting fra din dag, så barnet har noget at svare på.</li>"
               "<li>Stil ét spørgsmål, der er let at svare på, fx hvilken del af teksten de husker bedst.</li>"
               "<li>Ros det, de skrev, aldrig hvor lidt det var.</li></ul>"
               "<p>Giv det tid. Mange stille skribenter åbner sig efter tredje eller fjerde brev.</p>"),
        "nb": ("Å skrive til et sjenert barn",
               "Korte, varme brev med ett enkelt spørsmål gjør det lettere for et stille barn å svare.",
               "<p>Noen barn skriver to linjer og stopper. Det betyr ikke at de ikke bryr seg: det krever mot å "
               "skrive til en voksen man aldri har møtt.</p><ul><li>Hold dine egne brev korte og vennlige.</li>"
               "<li>Fortell én liten ting fra dagen din, så barnet har noe å svare på.</li>"
               "<li>Still ett spørsmål som er lett å svare på, for eksempel hvilken del av teksten de husker best.</li>"
               "<li>Ros det de skrev, aldri hvor lite det var.</li></ul>"
               "<p>Gi det tid. Mange stille skribenter åpner seg etter tredje eller fjerde brev.</p>"),
        "fr": ("Écrire à un enfant timide",
               "Des lettres courtes et chaleureuses, avec une seule question facile, aident un enfant discret à répondre.",
               "<p>Certains enfants écrivent deux lignes puis s'arrêtent. Ce n'est pas un manque d'intérêt : écrire "
               "à un adulte qu'on n'a jamais rencontré demande du courage.</p><ul><li>Gardez vos lettres courtes "
               "et aimables.</li><li>Racontez une petite chose de votre journée, pour lui donner de quoi répondre.</li>"
               "<li>Posez une seule question facile, par exemple le passage du texte dont il se souvient le mieux.</li>"
               "<li>Félicitez-le pour ce qu'il a écrit, jamais pour la longueur.</li></ul>"
               "<p>Laissez du temps. Beaucoup d'enfants discrets s'ouvrent après la troisième ou quatrième lettre.</p>"),
    }),
    (Audience.MENTORS, ArticleKind.ARTICLE, Moment.NONE, {
        "en": ("When a child tells you something worrying",
               "Stay calm, do not promise secrecy, and tell your coordinator straight away.",
               "<p>A child may write about something that worries you: being hurt, being afraid at home, or "
               "someone asking them to keep a secret.</p><ol><li>Do not promise to keep it secret. You may write "
               "that you are glad they told you.</li><li>Do not ask for details or try to find out more yourself.</li>"
               "<li>Tell your coordinator at once, even if you are unsure. They know what to do and who to call.</li>"
               "<li>Write back calmly and kindly; your coordinator may help you with the words.</li></ol>"
               "<p>Your coordinator reads every letter before it arrives, so you are never alone with this.</p>"),
        "da": ("Når et barn fortæller dig noget bekymrende",
               "Bevar roen, lov ikke hemmeligholdelse, og sig det straks til din koordinator.",
               "<p>Et barn kan skrive om noget, der bekymrer dig: at blive slået, at være bange derhjemme eller at "
               "nogen beder dem holde på en hemmelighed.</p><ol><li>Lov ikke at holde det hemmeligt. Du må gerne "
               "skrive, at du er glad for, at de fortalte det.</li><li>Spørg ikke ind til detaljer, og undersøg ikke "
               "selv sagen.</li><li>Sig det straks til din koordinator, også hvis du er i tvivl. De ved, hvad der "
               "skal gøres.</li><li>Svar roligt og venligt; din koordinator kan hjælpe dig med ordene.</li></ol>"
               "<p>Din koordinator læser hvert brev, før det når frem, så du står aldrig alene med det.</p>"),
        "nb": ("Når et barn forteller deg noe bekymringsfullt",
               "Hold roen, ikke lov å holde det hemmelig, og si fra til koordinatoren med en gang.",
               "<p>Et barn kan skrive om noe som bekymrer deg: å bli slått, å være redd hjemme eller at noen ber dem "
               "holde på en hemmelighet.</p><ol><li>Ikke lov å holde det hemmelig. Du kan gjerne skrive at du er glad "
               "for at de fortalte det.</li><li>Ikke spør om detaljer, og ikke prøv å finne ut mer selv.</li>"
               "<li>Si fra til koordinatoren med en gang, også hvis du er usikker. De vet hva som må gjøres.</li>"
               "<li>Svar rolig og vennlig; koordinatoren kan hjelpe deg med ordene.</li></ol>"
               "<p>Koordinatoren leser hvert brev før det kommer fram, så du står aldri alene med dette.</p>"),
        "fr": ("Quand un enfant vous confie quelque chose d'inquiétant",
               "Restez calme, ne promettez pas le secret et prévenez tout de suite votre coordinateur.",
               "<p>Un enfant peut écrire quelque chose qui vous inquiète : être frappé, avoir peur à la maison, ou "
               "qu'on lui demande de garder un secret.</p><ol><li>Ne promettez pas de garder le secret. Vous pouvez "
               "écrire que vous êtes content qu'il vous l'ait dit.</li><li>Ne demandez pas de détails et n'enquêtez "
               "pas vous-même.</li><li>Prévenez votre coordinateur tout de suite, même en cas de doute. Il sait quoi "
               "faire.</li><li>Répondez avec calme et gentillesse ; votre coordinateur peut vous aider à trouver les "
               "mots.</li></ol><p>Votre coordinateur lit chaque lettre avant qu'elle n'arrive : vous n'êtes jamais "
               "seul face à cela.</p>"),
    }),
    (Audience.MENTORS, ArticleKind.EXERCISE, Moment.PAIR_ENDING, {
        "en": ("Ending a match well",
               "Say goodbye in a last letter that looks back and looks ahead.",
               "<p>Children remember how things end. A good goodbye tells them the friendship mattered.</p>"
               "<p>Exercise: in your last letter,</p><ul><li>name two things you enjoyed in their letters;</li>"
               "<li>say one thing you learnt from them;</li><li>wish them well with something they told you about.</li>"
               "</ul><p>Say clearly that this is the last letter, and never promise to keep in touch outside the "
               "program.</p>"),
        "da": ("At afslutte et forløb godt",
               "Sig farvel i et sidste brev, der ser tilbage og frem.",
               "<p>Børn husker, hvordan ting slutter. Et godt farvel viser, at venskabet betød noget.</p>"
               "<p>Øvelse: i dit sidste brev</p><ul><li>nævn to ting, du holdt af i deres breve;</li>"
               "<li>sig én ting, du har lært af dem;</li><li>ønsk dem held og lykke med noget, de har fortalt om.</li>"
               "</ul><p>Sig tydeligt, at det er det sidste brev, og lov aldrig at holde kontakten uden for "
               "programmet.</p>"),
        "nb": ("Å avslutte et samarbeid på en god måte",
               "Si farvel i et siste brev som ser både tilbake og framover.",
               "<p>Barn husker hvordan ting slutter. Et godt farvel viser at vennskapet betydde noe.</p>"
               "<p>Øvelse: i det siste brevet ditt</p><ul><li>nevn to ting du likte i brevene deres;</li>"
               "<li>si én ting du har lært av dem;</li><li>ønsk dem lykke til med noe de har fortalt om.</li>"
               "</ul><p>Si tydelig at dette er det siste brevet, og lov aldri å holde kontakten utenfor "
               "programmet.</p>"),
        "fr": ("Bien terminer une correspondance",
               "Dites au revoir dans une dernière lettre qui regarde en arrière et vers l'avenir.",
               "<p>Les enfants se souviennent de la façon dont les choses se terminent. Un bel au revoir leur montre "
               "que cette amitié comptait.</p><p>Exercice : dans votre dernière lettre,</p><ul><li>citez deux choses "
               "que vous avez aimées dans ses lettres ;</li><li>dites une chose que vous avez apprise de lui ;</li>"
               "<li>souhaitez-lui bonne chance pour un projet dont il vous a parlé.</li></ul><p>Dites clairement que "
               "c'est la dernière lettre, et ne promettez jamais de garder le contact en dehors du programme.</p>"),
    }),
    (Audience.MENTORS, ArticleKind.ARTICLE, Moment.REPLY_OVERDUE, {
        "en": ("Short replies are good replies",
               "Late? A few warm lines today beat a long letter next week.",
               "<p>A child waiting for an answer notices every day that passes. If you are short of time, write a "
               "short reply now.</p><ul><li>Thank them for their letter and name one thing in it.</li>"
               "<li>Answer one of their questions.</li><li>Ask one question back.</li></ul>"
               "<p>Five sentences are enough. You can write more next time.</p>"),
        "da": ("Korte svar er gode svar",
               "Forsinket? Et par varme linjer i dag er bedre end et langt brev i næste uge.",
               "<p>Et barn, der venter på svar, mærker hver dag, der går. Har du travlt, så skriv et kort svar nu.</p>"
               "<ul><li>Tak for brevet, og nævn én ting fra det.</li><li>Svar på et af deres spørgsmål.</li>"
               "<li>Stil ét spørgsmål tilbage.</li></ul><p>Fem sætninger er nok. Du kan skrive mere næste gang.</p>"),
        "nb": ("Korte svar er gode svar",
               "Sent ute? Noen varme linjer i dag er bedre enn et langt brev neste uke.",
               "<p>Et barn som venter på svar, merker hver dag som går. Har du dårlig tid, skriv et kort svar nå.</p>"
               "<ul><li>Takk for brevet og nevn én ting fra det.</li><li>Svar på ett av spørsmålene deres.</li>"
               "<li>Still ett spørsmål tilbake.</li></ul><p>Fem setninger er nok. Du kan skrive mer neste gang.</p>"),
        "fr": ("Une réponse courte est une bonne réponse",
               "En retard ? Quelques lignes chaleureuses aujourd'hui valent mieux qu'une longue lettre la semaine prochaine.",
               "<p>Un enfant qui attend une réponse remarque chaque jour qui passe. Si vous manquez de temps, "
               "écrivez une réponse courte maintenant.</p><ul><li>Remerciez-le pour sa lettre et citez-en un "
               "passage.</li><li>Répondez à une de ses questions.</li><li>Posez-lui une question en retour.</li></ul>"
               "<p>Cinq phrases suffisent. Vous écrirez davantage la prochaine fois.</p>"),
    }),
    (Audience.MENTEES, ArticleKind.EXERCISE, Moment.NEVER_WROTE, {
        "en": ("How to start a letter",
               "Three easy steps for your very first letter.",
               "<p>The first letter is the hardest. Try this:</p><ol><li>Say hello and the name you use here.</li>"
               "<li>Write one thing about the reading: a part you liked, or a part that surprised you.</li>"
               "<li>Ask your mentor one question.</li></ol><p>That is a whole letter! Do not write your surname, "
               "address, school or phone number. Your coordinator reads the letter first.</p>"),
        "da": ("Sådan begynder du et brev",
               "Tre lette trin til dit allerførste brev.",
               "<p>Det første brev er det sværeste. Prøv dette:</p><ol><li>Sig hej og det navn, du bruger her.</li>"
               "<li>Skriv én ting om teksten: noget, du kunne lide, eller noget, der overraskede dig.</li>"
               "<li>Stil din mentor ét spørgsmål.</li></ol><p>Så har du skrevet et helt brev! Skriv ikke dit "
               "efternavn, din adresse, skole eller dit telefonnummer. Din koordinator læser brevet først.</p>"),
        "nb": ("Slik begynner du et brev",
               "Tre enkle steg til ditt aller første brev.",
               "<p>Det første brevet er det vanskeligste. Prøv dette:</p><ol><li>Si hei og navnet du bruker her.</li>"
               "<li>Skriv én ting om teksten: noe du likte, eller noe som overrasket deg.</li>"
               "<li>Still mentoren din ett spørsmål.</li></ol><p>Da har du skrevet et helt brev! Ikke skriv "
               "etternavnet ditt, adressen, skolen eller telefonnummeret ditt. Koordinatoren leser brevet først.</p>"),
        "fr": ("Comment commencer une lettre",
               "Trois étapes faciles pour ta toute première lettre.",
               "<p>La première lettre est la plus difficile. Essaie ceci :</p><ol><li>Dis bonjour et le nom que tu "
               "utilises ici.</li><li>Écris une chose sur le texte : un passage que tu as aimé, ou qui t'a "
               "surpris.</li><li>Pose une question à ton mentor.</li></ol><p>Et voilà une lettre entière ! N'écris "
               "pas ton nom de famille, ton adresse, ton école ni ton numéro de téléphone. Ton coordinateur lit la "
               "lettre d'abord.</p>"),
    }),
    (Audience.MENTEES, ArticleKind.ARTICLE, Moment.NONE, {
        "en": ("What to ask your mentor",
               "Ideas for questions when you do not know what to write.",
               "<p>Your mentor likes questions. Here are some to borrow:</p><ul><li>What did you think of the "
               "ending?</li><li>What did you like reading when you were my age?</li><li>What is something you are "
               "learning right now?</li><li>If you could visit the place in the story, what would you do first?</li>"
               "</ul><p>Keep questions about the story and about things you like, not about where someone lives.</p>"),
        "da": ("Hvad kan du spørge din mentor om?",
               "Idéer til spørgsmål, når du ikke ved, hvad du skal skrive.",
               "<p>Din mentor kan godt lide spørgsmål. Her er nogle, du kan låne:</p><ul><li>Hvad syntes du om "
               "slutningen?</li><li>Hvad kunne du lide at læse, da du var på min alder?</li><li>Hvad er du ved at "
               "lære lige nu?</li><li>Hvis du kunne besøge stedet i historien, hvad ville du så gøre først?</li>"
               "</ul><p>Spørg om historien og om ting, du kan lide, ikke om hvor nogen bor.</p>"),
        "nb": ("Hva kan du spørre mentoren din om?",
               "Idéer til spørsmål når du ikke vet hva du skal skrive.",
               "<p>Mentoren din liker spørsmål. Her er noen du kan låne:</p><ul><li>Hva syntes du om slutten?</li>"
               "<li>Hva likte du å lese da du var på min alder?</li><li>Hva holder du på å lære nå?</li>"
               "<li>Hvis du kunne besøke stedet i historien, hva ville du gjort først?</li></ul>"
               "<p>Spør om historien og om ting du liker, ikke om hvor noen bor.</p>"),
        "fr": ("Quelles questions poser à ton mentor ?",
               "Des idées de questions quand tu ne sais pas quoi écrire.",
               "<p>Ton mentor aime les questions. En voici quelques-unes à emprunter :</p><ul><li>Qu'as-tu pensé de "
               "la fin ?</li><li>Qu'aimais-tu lire quand tu avais mon âge ?</li><li>Qu'es-tu en train d'apprendre "
               "en ce moment ?</li><li>Si tu pouvais visiter le lieu de l'histoire, que ferais-tu en premier ?</li>"
               "</ul><p>Pose des questions sur l'histoire et sur ce que tu aimes, pas sur l'endroit où quelqu'un "
               "habite.</p>"),
    }),
]


def seed_demo_toolbox(program: Program) -> int:
    """Write the demo articles into `program` as its first coordinator; return how many were added.

    Does nothing when the program already has toolbox articles, so running it twice adds none.
    """
    if Article.objects.filter(program=program).exists():
        return 0
    coordinator = (
        Membership.objects.filter(program=program, role=Membership.Role.COORDINATOR).order_by("pk").first().user
    )
    for audience, kind, moment, versions in DEMO_ARTICLES:
        (first_language, (title, summary, body)), *others = versions.items()
        article = services.create_article(coordinator, program=program, audience=audience, kind=kind, moment=moment,
                                          language=first_language, title=title, summary=summary, body=body)
        for language, (title, summary, body) in others:
            services.save_article_version(coordinator, article=article, language=language, title=title,
                                          summary=summary, body=body)
    return len(DEMO_ARTICLES)
