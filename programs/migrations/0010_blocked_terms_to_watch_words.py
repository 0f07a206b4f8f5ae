"""Each program's blocked terms become watch words that hold a letter; its country becomes its screening countries.

Terms are matched exactly as before (whole words, ignoring case and accents), so screening
finds the same words after the move. Lines that differ only in case, accents or spacing
become one watch word. Each watch word made here has an audit row with no actor.
Reversible: hold watch words go back to blocked-term lines, the first country to `region`.
"""

from django.db import migrations


def _key(term: str) -> str:
    # The same key as programs.services.watch_word_key, which every later watch word gets.
    from programs.services import watch_word_key

    return watch_word_key(term)


def forwards(apps, schema_editor):
    Program = apps.get_model("programs", "Program")
    WatchWord = apps.get_model("programs", "WatchWord")
    ProgramAuditEntry = apps.get_model("programs", "ProgramAuditEntry")
    for program in Program.objects.all().only("pk", "blocked_terms", "region"):
        if program.region:
            program.screening_countries = [program.region]
            program.save(update_fields=["screening_countries"])
        seen = set()
        for line in program.blocked_terms.splitlines():
            term = " ".join(line.split())
            key = _key(term)
            if not key or key in seen:
                continue
            seen.add(key)
            WatchWord.objects.create(program=program, term=term, match_key=key, severity="hold")
            ProgramAuditEntry.objects.create(
                program=program, action="watch_word_added", detail=f"{term} (hold), from the former blocked terms"
            )


def backwards(apps, schema_editor):
    Program = apps.get_model("programs", "Program")
    WatchWord = apps.get_model("programs", "WatchWord")
    for program in Program.objects.all():
        program.region = program.screening_countries[0] if program.screening_countries else ""
        program.blocked_terms = "\n".join(
            WatchWord.objects.filter(program=program, severity="hold").order_by("pk").values_list("term", flat=True)
        )
        program.save(update_fields=["region", "blocked_terms"])
    WatchWord.objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ('programs', '0009_watch_words_and_screening_countries'),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
