import os, sys, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings"); os.environ.setdefault("DEBUG", "1")
django.setup()
from letters.screening.concepts import find_concepts
lang = sys.argv[1]; role = sys.argv[2] if len(sys.argv) > 2 else "mentor"
for t in sys.stdin.read().split("\n"):
    if t.strip():
        print(repr(t), [(t[h.start:h.end], h.concept, h.severity) for h in find_concepts(t, language=lang, author_role=None if role == "none" else role)])
