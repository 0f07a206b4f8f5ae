"""What the screening tests ask of `screen`, written once for every test file.

Each test file states its own cases, in all four languages; these helpers run a case through
`letters.screening.screen` as a letter of that language is screened on submit and keep only
the part of the answer the case is about.
"""

from letters.screening import screen

#: The country each test language is screened for: phone numbers are read by the rules of the
#: writer's region, so a Danish case is read as written in Denmark.
REGION = {"en": "GB", "da": "DK", "nb": "NO", "fr": "FR"}


def urgent_concepts(text: str, language: str, author_role: str = "mentee", *,
                    use_model: bool = False) -> set[str]:
    """The concepts of the urgent safeguarding findings of `text`.

    The rules alone unless `use_model`: a case that names a rule must not pass because the
    learned model happens to catch the letter.
    """
    findings = screen(text, language=language, region=REGION[language], author_role=author_role,
                      use_model=use_model)
    return {finding.concept for finding in findings
            if finding.kind == "safeguarding" and finding.severity == "urgent"}


def covered(kind: str, text: str, language: str, author_role: str = "mentee") -> list[str]:
    """The words each finding of `kind` (such as "contact.social") covers in `text`.

    With the model, as on submit: a contact detail is held whichever part finds it.
    """
    findings = screen(text, language=language, region=REGION[language], author_role=author_role)
    return [text[finding.start:finding.end] for finding in findings if finding.kind == kind]
