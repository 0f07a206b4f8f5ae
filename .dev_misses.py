import os, sys, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings"); os.environ.setdefault("DEBUG", "1")
django.setup()
from letters.screening.training import load_dev_corpus, _fragment_span
from letters.screening.safeguarding import find_safeguarding
lang = sys.argv[1] if len(sys.argv) > 1 else None
show_text = "-t" in sys.argv
for L in load_dev_corpus():
    if lang and L["language"] != lang: continue
    hits = find_safeguarding(L["text"], language=L["language"], author_role=L.get("author"), use_model=False)
    exp = [e for e in L["expected"] if e["kind"] == "safeguarding"]
    for e in exp:
        s, t = _fragment_span(L, e["fragment"])
        if not any(h.start <= s and h.end >= t and h.severity == "urgent" for h in hits):
            print("MISS", L["id"], L.get("author"), e.get("concept"), repr(e["fragment"]), [(L["text"][h.start:h.end], h.concept, h.severity) for h in hits])
            if show_text: print("     ", L["text"][:400].replace("\n", " "))
    if not exp and hits:
        print("FP  ", L["id"], L.get("author"), [(L["text"][h.start:h.end], h.concept, h.severity) for h in hits])
